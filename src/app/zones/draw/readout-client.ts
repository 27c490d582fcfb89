// The main thread's side of the zone worker: posts the plots, parks and new land once per load (then the
// features an edit changed), then
// asks for one zone's readout at a time, latest wins (src/app/zones/draw/latest.ts): while the pointer
// drags a vertex only the newest outline waits, and an answer older than one already shown is dropped.
// One client per drawing controller; its worker starts on the first readout and ends with dispose().
import { type Remote, wrap } from 'comlink';
import type { Polygon } from 'geojson';
import type { ZoneWorkerApi } from '../../../worker/zone.worker.ts';
import { useAtlas } from '../../state/store.ts';
import { layerSync } from '../../state/worker-sync.ts';
import { latestWins } from './latest.ts';

export interface ReadoutClient {
  /** Asks for the readout of one zone outline; the newest request always gets answered. */
  request(id: string, geometry: Polygon): void;
  /** Forgets the readout shown (the zone it was for has gone). */
  clear(): void;
  dispose(): void;
}

export function createReadoutClient(): ReadoutClient {
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

  const readouts = latestWins(
    async ({ geometry }: { id: string; geometry: Polygon }) => {
      await layers.sync();
      return api().readout(geometry);
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
    },
  };
}
