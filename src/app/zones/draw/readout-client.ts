// The main thread's side of the zone worker: posts the plots, parks and new land once per load (then the
// features an edit changed; for a layer served as tiles, the features of the region drawn, region.ts), then
// asks for one zone's readout at a time, latest wins (src/app/zones/draw/latest.ts): while the pointer
// drags a vertex only the newest outline waits, and an answer older than one already shown is dropped.
// One client per drawing controller; its worker starts on the first readout and ends with dispose().
import { type Remote, wrap } from 'comlink';
import type { Polygon } from 'geojson';
import { polygonBox } from '../../../geo/zone-region.ts';
import type { ZoneWorkerApi } from '../../../worker/zone.worker.ts';
import { useAtlas } from '../../state/store.ts';
import { layerSync } from '../../state/worker-sync.ts';
import { latestWins } from './latest.ts';
import type { ZoneRegion } from './region.ts';

export interface ReadoutClient {
  /** Asks for the readout of one zone outline; the newest request always gets answered. */
  request(id: string, geometry: Polygon): void;
  /** Forgets the readout shown (the zone it was for has gone). */
  clear(): void;
  dispose(): void;
}

/**
 * `region`: the tiled layers' features around what is drawn (region.ts). A readout waits until the
 * region holds every plot near the outline; when it cannot (too many in view) the readout says so
 * (`tooManyInView`) instead of showing overlaps of the plots it happens to hold.
 */
export function createReadoutClient(region: ZoneRegion): ReadoutClient {
  let worker: Worker | null = null;
  let remote: Remote<ZoneWorkerApi> | null = null;

  const api = (): Remote<ZoneWorkerApi> => {
    if (!remote) {
      worker = new Worker(new URL('../../../worker/zone.worker.ts', import.meta.url), {
        type: 'module',
        name: 'zones',
      });
      remote = wrap<ZoneWorkerApi>(worker);
    }
    return remote;
  };

  // The layers go to the worker once per load; after an edit only the changed features do.
  const layers = layerSync(['plots', 'parks', 'newland'] as const, {
    load: (input) => api().load(input),
    apply: (changes) => api().apply(changes),
  });

  // What of the region the worker holds: from which reset, how many of each layer's features.
  let posted = { generation: -1, plots: 0, newland: 0 };
  const syncRegion = async () => {
    const worker = api();
    if (posted.generation !== region.generation) {
      posted = { generation: region.generation, plots: 0, newland: 0 };
      await worker.clearRegion();
    }
    const { plots, newland } = region.features;
    const add = { plots: plots.slice(posted.plots), newland: newland.slice(posted.newland) };
    posted = { ...posted, plots: plots.length, newland: newland.length };
    if (add.plots.length > 0 || add.newland.length > 0) await worker.addRegion(add);
  };

  const readouts = latestWins(
    async ({ geometry }: { id: string; geometry: Polygon }) => {
      const box = polygonBox(geometry);
      const complete = box ? await region.ensure(box) : true;
      await layers.sync();
      await syncRegion();
      const readout = await api().readout(geometry);
      return complete ? readout : { ...readout, tooManyInView: true };
    },
    (readout, { id }) => useAtlas.getState().setDrawing({ readoutId: id, readout }),
    (error) => console.error('zone readout failed', error),
  );

  return {
    request: (id, geometry) => readouts.request({ id, geometry }),
    clear: () => {
      readouts.reset();
      useAtlas.getState().setDrawing({ readoutId: null, readout: null });
    },
    dispose: () => {
      readouts.reset();
      worker?.terminate();
      worker = null;
      remote = null;
      layers.reset();
      posted = { generation: -1, plots: 0, newland: 0 };
    },
  };
}
