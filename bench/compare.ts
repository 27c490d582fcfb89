// Agreement of two overlap results: the same pairs, and areas within 1e-6 relative, or within an
// absolute floor for slivers. Used by the benchmark (against Turf) and by the tests.
import type { OverlapPair } from '../src/geo/overlap.ts';

export const RELATIVE_TOLERANCE = 1e-6;
/**
 * Two clippers round each crossing point to a double on their own (~1e-14° ≈ 1.5 nm here); moving one
 * vertex of a sliver that far changes its area by up to ~1.5e-9 m × its length, ~3e-6 m² for 2 km.
 * A sliver's area may differ by this much however exact both sides are; a pair may be missing from one
 * side only when its area is within it. It is 1/67 000 of the 0.01 亩 an area is shown to.
 */
export const ABSOLUTE_FLOOR_M2 = 1e-4;

export interface Agreement {
  agree: boolean;
  onlyOurs: OverlapPair[];
  onlyReference: OverlapPair[];
  worstRelative: number;
  worst: OverlapPair | null;
  worstAbsoluteM2: number;
}

export function compareOverlaps(ours: readonly OverlapPair[], reference: readonly OverlapPair[]): Agreement {
  const key = (pair: OverlapPair) => `${pair.a}:${pair.b}`;
  const referenceByKey = new Map(reference.map((pair) => [key(pair), pair]));
  const onlyOurs: OverlapPair[] = [];
  let worstRelative = 0;
  let worst: OverlapPair | null = null;
  let worstAbsoluteM2 = 0;
  let agree = true;
  for (const pair of ours) {
    const other = referenceByKey.get(key(pair));
    if (!other) {
      onlyOurs.push(pair);
      if (pair.m2 > ABSOLUTE_FLOOR_M2) agree = false;
      continue;
    }
    referenceByKey.delete(key(pair));
    const difference = Math.abs(pair.m2 - other.m2);
    const relative = difference / Math.max(pair.m2, other.m2);
    worstAbsoluteM2 = Math.max(worstAbsoluteM2, difference);
    if (relative > worstRelative) {
      worstRelative = relative;
      worst = pair;
    }
    if (difference > Math.max(RELATIVE_TOLERANCE * Math.max(pair.m2, other.m2), ABSOLUTE_FLOOR_M2))
      agree = false;
  }
  const onlyReference = [...referenceByKey.values()];
  if (onlyReference.some((pair) => pair.m2 > ABSOLUTE_FLOOR_M2)) agree = false;
  return { agree, onlyOurs, onlyReference, worstRelative, worst, worstAbsoluteM2 };
}
