// The main thread's side of the zone worker: posts the plots, parks and new land once per load, then
// asks for one zone's readout at a time, latest wins (src/app/zones/panel/latest.ts): while the pointer drags
// a vertex only the newest outline waits, and an answer older than one already shown is dropped.
import { type Remote, wrap } from 'comlink';
import type { Polygon } from 'geojson';
import type { ZoneWorkerApi } from '../../../worker/zone.worker.ts';
import type { LayerData } from '../../state/layer-data.ts';
import { useAtlas } from '../../state/store.ts';
import { latestWins } from './latest.ts';
import { useZones } from './store.ts';

let remote: Remote<ZoneWorkerApi> | null = null;
let posted: (LayerData | undefined)[] | null = null;

function api(): Remote<ZoneWorkerApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../../worker/zone.worker.ts', import.meta.url), {
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

const readouts = latestWins(
  async ({ geometry }: { id: string; geometry: Polygon }) => {
    await ensureLoaded();
    return api().readout(geometry);
  },
  (readout, { id }) => useZones.setState({ readoutId: id, readout }),
  (error) => console.error('zone readout failed', error),
);

/** Asks for the readout of one zone outline; the newest request always gets answered. */
export function requestReadout(id: string, geometry: Polygon): void {
  readouts.request({ id, geometry });
}

/** Forgets the readout shown (the zone it was for has gone). */
export function clearReadout(): void {
  readouts.reset();
  useZones.setState({ readoutId: null, readout: null });
}
