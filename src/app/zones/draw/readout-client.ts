// The main thread's side of the zone worker: posts the plots, parks and new land once per load, then
// asks for one zone's readout at a time, latest wins (src/app/zones/draw/latest.ts): while the pointer
// drags a vertex only the newest outline waits, and an answer older than one already shown is dropped.
// One client per drawing controller; its worker starts on the first readout and ends with dispose().
import { type Remote, wrap } from 'comlink';
import type { Polygon } from 'geojson';
import type { ZoneWorkerApi } from '../../../worker/zone.worker.ts';
import type { LayerData } from '../../state/layer-data.ts';
import { useAtlas } from '../../state/store.ts';
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
  let posted: (LayerData | undefined)[] | null = null;

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

  // The layers go to the worker once per change of the plots, parks or new land, not per readout.
  const ensureLoaded = async (): Promise<void> => {
    const { layers } = useAtlas.getState();
    const current = [layers.plots, layers.parks, layers.newland];
    if (posted && current.every((data, index) => data === posted?.[index])) return;
    await api().load({
      plots: layers.plots?.collection ?? null,
      parks: layers.parks?.collection ?? null,
      newland: layers.newland?.collection ?? null,
    });
    posted = current;
  };

  const readouts = latestWins(
    async ({ geometry }: { id: string; geometry: Polygon }) => {
      await ensureLoaded();
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
      posted = null;
    },
  };
}
