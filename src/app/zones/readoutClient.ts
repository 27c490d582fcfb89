// The main thread's side of the zone worker: posts the plots, parks and new land once per load, then
// asks for one zone's readout at a time. Latest wins: while one readout is under way only the newest
// request waits (older ones are dropped), and a result older than one already shown is discarded.
import { type Remote, wrap } from 'comlink';
import type { Polygon } from 'geojson';
import type { ZoneWorkerApi } from '../../worker/zone.worker.ts';
import type { LayerData } from '../state/layerData.ts';
import { useAtlas } from '../state/store.ts';
import { useZones } from './store.ts';

let remote: Remote<ZoneWorkerApi> | null = null;
let posted: (LayerData | undefined)[] | null = null;
let waiting: { id: string; geometry: Polygon; seq: number } | null = null;
let running = false;
let requested = 0;
let shown = 0;

function api(): Remote<ZoneWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../worker/zone.worker.ts', import.meta.url), {
      type: 'module',
      name: 'zones',
    });
    remote = wrap<ZoneWorkerApi>(worker);
  }
  return remote;
}

async function ensureLoaded(): Promise<void> {
  const { layers } = useAtlas.getState();
  const current = [layers.plots, layers.parks, layers.newland];
  if (posted && current.every((data, index) => data === posted?.[index])) return;
  await api().load({
    plots: layers.plots?.collection ?? null,
    parks: layers.parks?.collection ?? null,
    newland: layers.newland?.collection ?? null,
  });
  posted = current;
}

async function pump(): Promise<void> {
  running = true;
  try {
    while (waiting) {
      const job = waiting;
      waiting = null;
      await ensureLoaded();
      const readout = await api().readout(job.geometry);
      if (job.seq > shown) {
        shown = job.seq;
        useZones.setState({ readoutId: job.id, readout });
      }
    }
  } catch (error) {
    console.error('zone readout failed', error);
  } finally {
    running = false;
  }
}

/** Asks for the readout of one zone outline; the newest request always gets answered. */
export function requestReadout(id: string, geometry: Polygon): void {
  waiting = { id, geometry, seq: ++requested };
  if (!running) void pump();
}

/** Forgets the readout shown (the zone it was for has gone). */
export function clearReadout(): void {
  waiting = null;
  shown = ++requested;
  useZones.setState({ readoutId: null, readout: null });
}
