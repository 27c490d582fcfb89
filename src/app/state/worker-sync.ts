// Keeps a worker's copy of some layers current: the whole layers once per load, then only the features
// an edit changed (compared by identity, src/app/state/layer-data.ts), so one saved edit sends one
// feature, not 60 MB, and the worker re-prepares off the main thread. Syncs run one after another.
import type { FeatureCollection } from 'geojson';
import type { FeatureChanges } from '../../domain/feature-changes.ts';
import { type LayerData, layerChanges, type StoredLayerId } from './layer-data.ts';
import { useAtlas } from './store.ts';

export interface LayerSyncTarget<L extends StoredLayerId> {
  load(collections: Record<L, FeatureCollection | null>): Promise<unknown>;
  apply(changes: Partial<Record<L, FeatureChanges>>): Promise<unknown>;
}

export interface LayerSync {
  /** Brings the worker's copy up to the store's layers; resolves when the worker has it. */
  sync(): Promise<void>;
  /** Forgets what was sent (a new worker): the next sync sends the whole layers. */
  reset(): void;
}

export function layerSync<L extends StoredLayerId>(
  layers: readonly L[],
  target: LayerSyncTarget<L>,
): LayerSync {
  let posted: { loadCount: number; data: Map<L, LayerData | undefined> } | null = null;
  let chain: Promise<void> = Promise.resolve();

  async function once(): Promise<void> {
    const state = useAtlas.getState();
    const current = new Map(layers.map((layer) => [layer, state.layers[layer]] as const));
    const before = posted;
    const whole =
      !before ||
      before.loadCount !== state.loadCount ||
      layers.some((layer) => !before.data.get(layer) !== !current.get(layer));
    try {
      if (whole) {
        const collections = {} as Record<L, FeatureCollection | null>;
        for (const layer of layers) collections[layer] = current.get(layer)?.collection ?? null;
        posted = { loadCount: state.loadCount, data: current };
        await target.load(collections);
        return;
      }
      const changes: Partial<Record<L, FeatureChanges>> = {};
      let any = false;
      for (const layer of layers) {
        const was = before.data.get(layer);
        const now = current.get(layer);
        if (!was || !now || was === now) continue;
        changes[layer] = layerChanges(was, now);
        any = true;
      }
      posted = { loadCount: state.loadCount, data: current };
      if (any) await target.apply(changes);
    } catch (error) {
      // The worker's copy is unknown now: the next sync sends the whole layers.
      posted = null;
      throw error;
    }
  }

  return {
    reset() {
      posted = null;
    },
    sync() {
      const next = chain.then(once);
      chain = next.catch(() => {});
      return next;
    },
  };
}
