// Geodesic lengths on the CGCS2000 ellipsoid (Vincenty's inverse formula, iterated to 1e-12 rad:
// sub-millimetre for the few-km edges of a zone), and the perimeter of a polygon's rings.
import type { Polygon, Position } from 'geojson';
import { CGCS2000, CGCS2000_B } from './ellipsoid.ts';

const RAD = Math.PI / 180;
const { a, f } = CGCS2000;
const b = CGCS2000_B;

/** Distance in metres between two lon/lat positions along the ellipsoid. */
export function geodesicDistanceM(p: Position, q: Position): number {
  const lon1 = (p[0] as number) * RAD;
  const lat1 = (p[1] as number) * RAD;
  const lon2 = (q[0] as number) * RAD;
  const lat2 = (q[1] as number) * RAD;
  if (lon1 === lon2 && lat1 === lat2) return 0;
  const L = lon2 - lon1;
  const U1 = Math.atan((1 - f) * Math.tan(lat1));
  const U2 = Math.atan((1 - f) * Math.tan(lat2));
  const sinU1 = Math.sin(U1);
  const cosU1 = Math.cos(U1);
  const sinU2 = Math.sin(U2);
  const cosU2 = Math.cos(U2);
  let lambda = L;
  let sinSigma = 0;
  let cosSigma = 0;
  let sigma = 0;
  let cos2Alpha = 0;
  let cos2SigmaM = 0;
  for (let iteration = 0; iteration < 200; iteration++) {
    const sinLambda = Math.sin(lambda);
    const cosLambda = Math.cos(lambda);
    sinSigma = Math.hypot(cosU2 * sinLambda, cosU1 * sinU2 - sinU1 * cosU2 * cosLambda);
    if (sinSigma === 0) return 0;
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
    cos2Alpha = 1 - sinAlpha * sinAlpha;
    cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
    const C = (f / 16) * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
    const previous = lambda;
    lambda =
      L +
      (1 - C) *
        f *
        sinAlpha *
        (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - previous) < 1e-12) break;
  }
  const u2 = (cos2Alpha * (a * a - b * b)) / (b * b);
  const A = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const B = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  const deltaSigma =
    B *
    sinSigma *
    (cos2SigmaM +
      (B / 4) *
        (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
          (B / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
  return b * A * (sigma - deltaSigma);
}

/** Length of a ring, closed or open (the closing edge is always counted). */
function ringPerimeterM(ring: readonly Position[]): number {
  const n = ring.length;
  if (n < 2) return 0;
  let total = 0;
  for (let i = 0; i < n - 1; i++) total += geodesicDistanceM(ring[i] as Position, ring[i + 1] as Position);
  total += geodesicDistanceM(ring[n - 1] as Position, ring[0] as Position);
  return total;
}

/** The outer ring's length plus every hole's, metres. */
export function polygonPerimeterM(polygon: Polygon): number {
  return polygon.coordinates.reduce((total, ring) => total + ringPerimeterM(ring), 0);
}
