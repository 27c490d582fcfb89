// The overlap engine's loop (src/geo/overlap.ts, findPreparedOverlaps) over a range of layer A, so a long
// analysis can run in slices and give the event loop a turn between them: a worker can then hear a
// cancel message while it works. Same candidates, same pair areas (pairAreaM2), same order, so the
// concatenated slices equal findPreparedOverlaps' result (tests/geo/analysis.test.ts checks it).
import Flatbush from 'flatbush';
import { OVERLAP_EPSILON_M2, type OverlapPair, pairAreaM2 } from './overlap.ts';
import { hasArea, type PreparedLayer } from './prepared.ts';

export interface BoxIndex {
  index: Flatbush;
  /** Feature number of each indexed box. */
  ids: Int32Array;
}

/** A Flatbush index over the boxes of a prepared layer's features that have area; null if none does. */
export function indexBoxes(layer: PreparedLayer): BoxIndex | null {
  const ids: number[] = [];
  const count = featureCount(layer);
  for (let f = 0; f < count; f++) if (hasArea(layer, f)) ids.push(f);
  if (ids.length === 0) return null;
  const index = new Flatbush(ids.length);
  const box = layer.featureBox;
  for (const f of ids) {
    index.add(
      box[f * 4] as number,
      box[f * 4 + 1] as number,
      box[f * 4 + 2] as number,
      box[f * 4 + 3] as number,
    );
  }
  index.finish();
  return { index, ids: Int32Array.from(ids) };
}

export function featureCount(layer: PreparedLayer): number {
  return layer.featureRing.length - 1;
}

/**
 * Pairs (a, b) for a in [from, to) of layer A against layer B (indexed by `indexB`), appended to `out`.
 * With `self`, B is A and only b > a is kept, as findPreparedOverlaps does without a layer B.
 */
export function overlapsInRange(
  layerA: PreparedLayer,
  from: number,
  to: number,
  layerB: PreparedLayer,
  indexB: BoxIndex | null,
  self: boolean,
  out: OverlapPair[],
): void {
  if (!indexB) return;
  const { index, ids } = indexB;
  const box = layerA.featureBox;
  const candidates: number[] = [];
  for (let a = from; a < to; a++) {
    if (!hasArea(layerA, a)) continue;
    candidates.length = 0;
    index.search(
      box[a * 4] as number,
      box[a * 4 + 1] as number,
      box[a * 4 + 2] as number,
      box[a * 4 + 3] as number,
      (k) => {
        const b = ids[k] as number;
        if (!self || b > a) candidates.push(b);
        return false;
      },
    );
    candidates.sort((x, y) => x - y);
    for (const b of candidates) {
      const m2 = pairAreaM2(layerA, a, layerB, b);
      if (m2 > OVERLAP_EPSILON_M2) out.push({ a, b, m2 });
    }
  }
}
