// What a drawn vertex snaps to (issue 10: the snap index is built when drawing starts, not on every
// layer change). The store's plots and parks are indexed once per drawing session — `prepare()` when a
// tool is taken up, and only if they changed since — and a layer change meanwhile waits for the next
// session. Plots fetched for the region being drawn (tiled layers, region.ts) get an index per batch
// as they come, so snapping reaches them without indexing the rest again.
import type { Feature, Geometry } from 'geojson';
import { buildSnapIndex, type SnapIndex } from '../../../geo/zone-snap.ts';

type AnyFeature = Feature<Geometry | null>;

export class SnapTargets {
  private sources: readonly (readonly AnyFeature[] | undefined)[] = [];
  private stale = true;
  private base: SnapIndex[] = [];
  private regional: SnapIndex[] = [];
  private regionalSeen = { generation: -1, count: 0 };
  /** How many times the store's layers were indexed: for tests to see a layer change build nothing. */
  builds = 0;

  /** The store's plots and parks now: remembered, indexed at the next `prepare()`. */
  setSource(plots: readonly AnyFeature[] | undefined, parks: readonly AnyFeature[] | undefined): void {
    if (plots === this.sources[0] && parks === this.sources[1]) return;
    this.sources = [plots, parks];
    this.stale = true;
  }

  /** A drawing session starts: indexes the store's plots and parks if they changed since the last. */
  prepare(): void {
    if (!this.stale) return;
    const [plots = [], parks = []] = this.sources;
    this.base = [buildSnapIndex([...plots, ...parks].map((feature) => feature.geometry))];
    this.builds += 1;
    this.stale = false;
  }

  /** Indexes the region's plots fetched since the last call (all of them after a reset of the region). */
  addRegional(generation: number, plots: readonly AnyFeature[]): void {
    if (generation !== this.regionalSeen.generation) {
      this.regional = [];
      this.regionalSeen = { generation, count: 0 };
    }
    if (plots.length <= this.regionalSeen.count) return;
    const batch = plots.slice(this.regionalSeen.count);
    this.regional = [...this.regional, buildSnapIndex(batch.map((feature) => feature.geometry))];
    this.regionalSeen = { generation, count: plots.length };
  }

  /** The indexes to search, or none before the first `prepare()`. */
  indexes(): readonly SnapIndex[] {
    return [...this.base, ...this.regional];
  }
}
