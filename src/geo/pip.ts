// The winding number of a prepared polygon around a point, or NaN when the point is on its boundary. The
// overlap engine needs that answer: a piece of boundary it cannot place is a reason to fall back, not guess.
// For a valid polygon the winding is 1 inside and 0 outside; for rings that overlap (invalid, left to the
// validator) it is the multiplicity the ellipsoidal area of src/geo/area.ts gives them too.
import type { PreparedLayer } from './prepared.ts';

/**
 * Winding number with the half-open rule on latitude (shells are counter-clockwise, holes clockwise). The orientation test is exact for a point on an edge when coordinate differences are
 * exact, which they are for nearby coordinates (Sterbenz), so "on the boundary" is detected, not guessed.
 */
export function windingAt(layer: PreparedLayer, feature: number, px: number, py: number): number {
  const { xs, ys, ringStart, ringBox, featureRing } = layer;
  let winding = 0;
  const last = featureRing[feature + 1] as number;
  for (let r = featureRing[feature] as number; r < last; r++) {
    const b = r * 4;
    if (py < (ringBox[b + 1] as number) || py > (ringBox[b + 3] as number)) continue;
    if (px > (ringBox[b + 2] as number)) continue; // the ray towards +x cannot meet this ring
    const end = (ringStart[r + 1] as number) - 1;
    for (let k = ringStart[r] as number; k < end; k++) {
      const x1 = xs[k] as number;
      const y1 = ys[k] as number;
      const x2 = xs[k + 1] as number;
      const y2 = ys[k + 1] as number;
      if (y1 <= py) {
        if (y2 > py) {
          const o = (x2 - x1) * (py - y1) - (y2 - y1) * (px - x1);
          if (o > 0) winding++;
          else if (o === 0) return Number.NaN;
        } else if (y1 === py && (y2 === py ? (px - x1) * (px - x2) <= 0 : px === x1)) {
          return Number.NaN;
        }
      } else if (y2 <= py) {
        const o = (x2 - x1) * (py - y1) - (y2 - y1) * (px - x1);
        if (o < 0) winding--;
        else if (o === 0) return Number.NaN;
      }
    }
  }
  return winding;
}
