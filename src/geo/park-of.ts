// 所在园区: the one park of a feature, wherever one is named — the data table (its park column, its park
// filter and its Excel), the progress report and its Excel, the analysis's plots per park. The rule:
// - the park the feature overlaps most, by ellipsoidal overlap area (src/geo/overlap.ts), so a feature
//   wholly inside one park is that park, and one crossing two belongs to the one holding more of it;
// - on a tie (equal areas to the m²'s last bit: parks drawn over each other), the park with the smaller
//   id (text order), whatever the layer's order;
// - a feature without area (a project's point, a line) is in the park it lies in, else one it crosses
//   (src/geo/relate.ts), the smaller id first;
// - otherwise none (−1: 园区外, outside the parks).
// Pure; the server's query worker runs the steps in slices and keeps the result per revisions.
import type { Feature, Geometry } from 'geojson';
import { featureId } from '../domain/feature-id.ts';
import { indexBoxes, type OverlapPair, overlapsInRange, prepareFeatures } from './overlap.ts';
import { hasArea } from './prepared.ts';
import { parksOfOne, prepareParks } from './relate.ts';

type AnyFeature = Feature<Geometry | null>;

export interface ParkOf {
  /** For each feature, the index into the parks of its park, or −1. */
  park: Int32Array;
  /** Each feature's ellipsoidal area, m² (0 without area), as the overlap engine prepared it. */
  areaM2: Float64Array;
}

/** The parks' ids for the tie rule: a park without one is named by its place in the layer. */
export function parkIds(parks: readonly AnyFeature[]): string[] {
  return parks.map((park, index) => featureId(park) ?? String(index));
}

/**
 * For each of `count` features, the index of the park it overlaps most (ties: the smaller id), or −1.
 * `pairs` are feature × park overlaps (overlapsInRange of the features against the parks).
 */
export function parkOfPairs(
  count: number,
  pairs: readonly OverlapPair[],
  ids: readonly string[],
): Int32Array {
  const park = new Int32Array(count).fill(-1);
  const best = new Float64Array(count);
  for (const { a, b, m2 } of pairs) {
    const current = park[a] as number;
    const better =
      current < 0 ||
      m2 > (best[a] as number) ||
      (m2 === best[a] && (ids[b] as string) < (ids[current] as string));
    if (better) {
      park[a] = b;
      best[a] = m2;
    }
  }
  return park;
}

/** Features measured against the parks per step. */
const STEP = 128;

/**
 * Each feature's park and area, in steps of `step` features (yielding how many are done), so a worker can
 * give its event loop a turn between them; returns the result.
 */
export function* parkOfSteps(
  features: readonly AnyFeature[],
  parks: readonly AnyFeature[],
  step = STEP,
): Generator<number, ParkOf> {
  const prepared = prepareFeatures(features);
  const preparedParks = prepareFeatures(parks);
  const index = indexBoxes(preparedParks);
  const pairs: OverlapPair[] = [];
  for (let from = 0; from < features.length; from += step) {
    const to = Math.min(from + step, features.length);
    overlapsInRange(prepared, from, to, preparedParks, index, false, pairs);
    yield to;
  }
  const ids = parkIds(parks);
  const park = parkOfPairs(features.length, pairs, ids);
  // Features without area: the park they lie in, else one they cross, the smaller id first.
  const indexOfId = new Map<string, number>();
  ids.forEach((id, i) => {
    if (!indexOfId.has(id)) indexOfId.set(id, i);
  });
  let related: ReturnType<typeof prepareParks> | null = null;
  for (let f = 0; f < features.length; f++) {
    const feature = features[f] as AnyFeature;
    if (hasArea(prepared, f) || !feature.geometry) continue;
    related ??= prepareParks(parks as Feature[]);
    const found = parksOfOne(feature as Feature, related).sort(
      (x, y) =>
        Number(x.relation !== 'within') - Number(y.relation !== 'within') ||
        (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
    );
    const first = found[0];
    if (first) park[f] = indexOfId.get(first.id) ?? -1;
  }
  return { park, areaM2: Float64Array.from(prepared.featureAreaM2) };
}

/** parkOfSteps at once. */
export function parkOfEach(features: readonly AnyFeature[], parks: readonly AnyFeature[]): ParkOf {
  const steps = parkOfSteps(features, parks);
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}
