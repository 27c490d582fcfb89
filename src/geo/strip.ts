// The national strip formula (PRODUCT.md, src/geo/area.ts) as a line integral, for the overlap engine.
// sin(x)cos(y) = ½[sin(x+y) + sin(x−y)] turns each edge term 2b²ΔL·[A·sin(ΔB/2)cos(Bm) − …] into
// b²·ΔL·(G(B2) − G(B1)) with G(B) = A·sin B − B·sin 3B + C·sin 5B − D·sin 7B + E·sin 9B, ΔL the mean
// longitude minus L0. The latitude factor telescopes, so cutting an edge into pieces and giving each piece
// its own term is the formula applied to the cut polygon: exactly what the area of a clipped polygon is.
// Only the mean-longitude factor is not additive (see bench/strip-split.ts for the size of that error).
import { CGCS2000_B, SURVEY_SERIES } from './ellipsoid.ts';

const { A, B, C, D, E } = SURVEY_SERIES;
const RAD = Math.PI / 180;

/**
 * m² per unit of Σ (meanLonDeg − L0Deg)·ΔG: area = STRIP_SCALE_M2 · Σ (xm − x0)·(g2 − g1), positive for
 * counter-clockwise rings (east edges run north), as ringSignedAreaM2 in area.ts.
 */
export const STRIP_SCALE_M2 = CGCS2000_B * CGCS2000_B * RAD;

/** G of the latitude in degrees; the odd multiples of B come from one sine by the Chebyshev recurrence. */
export function stripG(latDeg: number): number {
  const s1 = Math.sin(latDeg * RAD);
  const twoCos2 = 2 * (1 - 2 * s1 * s1);
  const s3 = twoCos2 * s1 + s1;
  const s5 = twoCos2 * s3 - s1;
  const s7 = twoCos2 * s5 - s3;
  const s9 = twoCos2 * s7 - s5;
  return A * s1 - B * s3 + C * s5 - D * s7 + E * s9;
}
