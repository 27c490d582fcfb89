// The region of the tiled layers the zone tools hold (issue 10). When plots or new land come as vector
// tiles (state.tiled) the store has no whole layer: the zone tools fetch the features of the region
// being drawn (GET /api/layers/:layer/features?bbox=…) — the view doubled when drawing starts, more when
// the outline or the view leaves what was fetched (debounced, one fetch at a time) — and keep every
// feature fetched in `features`, in order, for the zone worker and the snapping to take what they have
// not seen. Which box to fetch and whether a readout is complete: src/geo/zone-region.ts.
import type { Feature, Geometry } from 'geojson';
import {
  type Box,
  type FetchedBox,
  freshFeatures,
  isCovered,
  planRegionFetch,
} from '../../../geo/zone-region.ts';
import { getFeaturesInBox } from '../../api/endpoints.ts';
import { useAtlas } from '../../state/store.ts';

export type RegionLayer = 'plots' | 'newland';
const REGION_LAYERS: readonly RegionLayer[] = ['plots', 'newland'];
/** How long the outline must rest outside the fetched region before it is fetched. */
const DEBOUNCE_MS = 250;

type AnyFeature = Feature<Geometry | null>;

export class ZoneRegion {
  /** Counts resets: what a reader took from `features` before one is gone. */
  generation = 0;
  /** Every feature fetched since the last reset, per layer, in the order fetched. */
  features: Record<RegionLayer, AnyFeature[]> = { plots: [], newland: [] };
  private fetched: FetchedBox[] = [];
  private held = new Map<RegionLayer, Map<string, number>>();
  private pending: Promise<void> | null = null;
  private wanted: Box | null = null;

  constructor(private readonly view: () => Box | null) {}

  /** The layers that come as tiles now (the store holds the others whole). */
  layers(): RegionLayer[] {
    const { tiled } = useAtlas.getState();
    return REGION_LAYERS.filter((layer) => tiled[layer] !== undefined);
  }

  /** Forgets what was fetched: a drawing session starts afresh (the layers may have changed since). */
  reset(): void {
    this.generation += 1;
    this.features = { plots: [], newland: [] };
    this.fetched = [];
    this.held.clear();
  }

  /**
   * Fetches what `box` needs, at once (`immediate`, when drawing starts) or once the box has rested;
   * resolves true when every feature whose box meets `box` is held (at once when no layer is tiled),
   * false when the region is too dense to fetch whole (or a fetch failed).
   */
  async ensure(box: Box, immediate = false): Promise<boolean> {
    if (this.layers().length === 0) return true;
    this.wanted = box;
    for (let round = 0; round < 4; round++) {
      if (isCovered(this.fetched, box)) return true;
      if (!this.pending) this.pending = this.fetchWanted(immediate).finally(() => (this.pending = null));
      const before = this.fetched.length;
      await this.pending;
      if (this.fetched.length === before && !isCovered(this.fetched, box)) {
        // Nothing fetched for this box: too dense, or the fetch failed.
        if (planRegionFetch(this.fetched, box, this.view()) === null) return false;
      }
    }
    return isCovered(this.fetched, box);
  }

  private async fetchWanted(immediate: boolean): Promise<void> {
    if (!immediate) await new Promise((resolve) => setTimeout(resolve, DEBOUNCE_MS));
    const wanted = this.wanted;
    const target = wanted ? planRegionFetch(this.fetched, wanted, this.view()) : null;
    if (!target) return;
    const generation = this.generation;
    const layers = this.layers();
    try {
      const answers = await Promise.all(layers.map((layer) => getFeaturesInBox(layer, target)));
      if (generation !== this.generation) return;
      this.fetched.push({ box: target, complete: answers.every((answer) => !answer.truncated) });
      layers.forEach((layer, i) => {
        const held = this.held.get(layer) ?? new Map<string, number>();
        this.held.set(layer, held);
        const fresh = freshFeatures(held, (answers[i]?.features ?? []) as AnyFeature[]);
        if (fresh.length > 0) this.features[layer] = [...this.features[layer], ...fresh];
      });
    } catch (error) {
      console.error('zone region fetch failed', error);
    }
  }
}
