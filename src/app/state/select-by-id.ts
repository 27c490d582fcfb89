// Selecting a feature by its id, whatever route asks (a tap on the map, a search result, a link): of a
// loaded layer the feature is at hand; of a tiled layer it is fetched (GET /api/features/:layer/:id)
// and held as `fetched` — one selection model, where the selected feature of a tiled layer is the
// fetched one. A selection made any other way (`select` itself) is followed too: the store's
// subscription below fetches what is selected and not yet held. A fetch that fails leaves a bilingual
// message for the inspector.
import type { Feature } from 'geojson';
import { isTileable, type TileableLayerId } from '../../domain/layers.ts';
import { errorText } from '../api/client.ts';
import { getFeature } from '../api/endpoints.ts';
import { fetchedReady } from './fetched-feature.ts';
import type { DataLayerId } from './layer-data.ts';
import { selectFeature } from './selection.ts';
import { useAtlas } from './store.ts';

const FETCH_FAILED = {
  zh: '无法读取该要素：',
  en: 'The feature could not be read: ',
};

const inflight = new Map<string, Promise<Feature | null>>();

function isTiled(layer: DataLayerId): layer is TileableLayerId {
  return isTileable(layer) && Boolean(useAtlas.getState().tiled[layer]);
}

/** Fetches a feature of a tiled layer into `fetched` (once however often asked); null when it failed. */
function fetchTiled(layer: TileableLayerId, id: string): Promise<Feature | null> {
  const { fetched } = useAtlas.getState();
  if (fetched?.layer === layer && fetched.id === id && fetched.status === 'ready')
    return Promise.resolve(fetched.feature);
  const key = `${layer}\u0000${id}`;
  const running = inflight.get(key);
  if (running) return running;
  useAtlas.getState().setFetched({ layer, id, status: 'loading' });
  // Only the answer for what is still wanted is kept: a newer selection has replaced `fetched`.
  const stillWanted = () => {
    const now = useAtlas.getState().fetched;
    return now?.layer === layer && now.id === id;
  };
  const promise = getFeature(layer, id)
    .then((answer) => {
      const feature = answer as unknown as Feature;
      const state = useAtlas.getState();
      if (stillWanted()) state.setFetched(fetchedReady(layer, id, feature, state.layers.parks));
      return feature;
    })
    .catch((error: unknown) => {
      if (stillWanted()) {
        useAtlas.getState().setFetched({
          layer,
          id,
          status: 'failed',
          error: {
            zh: FETCH_FAILED.zh + errorText(error, 'zh'),
            en: FETCH_FAILED.en + errorText(error, 'en'),
          },
        });
      }
      return null;
    })
    .finally(() => inflight.delete(key));
  inflight.set(key, promise);
  return promise;
}

/**
 * Selects a feature by id and resolves to it (for the camera to fly to), or to null when it is not
 * there (not loaded, or its fetch failed: the inspector says why).
 */
export function selectFeatureById(layer: DataLayerId, id: string): Promise<Feature | null> {
  // Fetch first, then select: the subscription then finds the fetch already under way.
  const pending = isTiled(layer) ? fetchTiled(layer, id) : null;
  useAtlas.getState().select(selectFeature(layer, id));
  return pending ?? Promise.resolve(useAtlas.getState().layers[layer]?.byId.get(id) ?? null);
}

useAtlas.subscribe((state, previous) => {
  if (state.selection === previous.selection && state.tiled === previous.tiled) return;
  const { selection, fetched } = state;
  if (selection.kind !== 'feature' || !isTiled(selection.layer)) return;
  if (fetched?.layer === selection.layer && fetched.id === selection.id) return;
  void fetchTiled(selection.layer, selection.id);
});
