// CGCS2000 3-degree Gauss-Krüger, zone 38 (central meridian 114°E), the grid Heshan's survey papers use
// (PRODUCT.md). X is the northing and Y the easting; Y carries the zone number in front (EPSG:4526).
//
// Krüger's series to n⁶ in Karney's form (C. F. F. Karney, "Transverse Mercator with an accuracy of a few
// nanometers", J. Geodesy 85, 2011, eqs. 7–11 and 35–36): accurate to far better than a millimetre within
// a 3° zone — what PROJ's `tmerc` computes (its default algorithm since PROJ 6) — in a few dozen lines,
// so that the status bar and the inspector need no projection library.
import { CGCS2000 } from './ellipsoid.ts';

const CENTRAL_MERIDIAN = 114;
/** 38 500 000 m: the zone number 38 in front of the 500 km false easting. */
const FALSE_EASTING = 38_500_000;
const SCALE = 1;

const { a, f } = CGCS2000;
const e2 = f * (2 - f);
const e = Math.sqrt(e2);
const n = f / (2 - f);
const n2 = n * n;
const n3 = n2 * n;
const n4 = n3 * n;
const n5 = n4 * n;
const n6 = n5 * n;
/** The rectifying radius A times the scale on the central meridian. */
const SCALED_A = ((SCALE * a) / (1 + n)) * (1 + n2 / 4 + n4 / 64 + n6 / 256);

/** Conformal → transverse Mercator (forward), α₁…α₆. */
const ALPHA = [
  n / 2 - (2 * n2) / 3 + (5 * n3) / 16 + (41 * n4) / 180 - (127 * n5) / 288 + (7891 * n6) / 37800,
  (13 * n2) / 48 - (3 * n3) / 5 + (557 * n4) / 1440 + (281 * n5) / 630 - (1983433 * n6) / 1935360,
  (61 * n3) / 240 - (103 * n4) / 140 + (15061 * n5) / 26880 + (167603 * n6) / 181440,
  (49561 * n4) / 161280 - (179 * n5) / 168 + (6601661 * n6) / 7257600,
  (34729 * n5) / 80640 - (3418889 * n6) / 1995840,
  (212378941 * n6) / 319334400,
];

/** Transverse Mercator → conformal (inverse), β₁…β₆. */
const BETA = [
  n / 2 - (2 * n2) / 3 + (37 * n3) / 96 - n4 / 360 - (81 * n5) / 512 + (96199 * n6) / 604800,
  n2 / 48 + n3 / 15 - (437 * n4) / 1440 + (46 * n5) / 105 - (1118711 * n6) / 3870720,
  (17 * n3) / 480 - (37 * n4) / 840 - (209 * n5) / 4480 + (5569 * n6) / 90720,
  (4397 * n4) / 161280 - (11 * n5) / 504 - (830251 * n6) / 7257600,
  (4583 * n5) / 161280 - (108847 * n6) / 3991680,
  (20648693 * n6) / 638668800,
];

const RAD = Math.PI / 180;

/** τ′ = tan of the conformal latitude, from τ = tan of the geographic latitude. */
function conformalTan(tau: number): number {
  const sigma = Math.sinh(e * Math.atanh((e * tau) / Math.hypot(1, tau)));
  return tau * Math.hypot(1, sigma) - sigma * Math.hypot(1, tau);
}

/** τ from τ′ by Newton's method (Karney eqs. 19–21): converges in two or three steps. */
function geographicTan(tauPrime: number): number {
  let tau = tauPrime;
  for (let i = 0; i < 10; i++) {
    const current = conformalTan(tau);
    const step =
      ((tauPrime - current) / Math.hypot(1, current)) *
      ((1 + (1 - e2) * tau * tau) / ((1 - e2) * Math.hypot(1, tau)));
    tau += step;
    if (Math.abs(step) <= 1e-14 * Math.max(1, Math.abs(tau))) break;
  }
  return tau;
}

export interface GaussKruger {
  /** Northing in metres. */
  x: number;
  /** Easting in metres with the zone number in front (38 xxx xxx.xx). */
  y: number;
}

/** Longitude/latitude (CGCS2000, degrees) → zone-38 X (northing) and Y (zone-prefixed easting). */
export function lonLatToGk38(lon: number, lat: number): GaussKruger {
  return lonLatToGk(lon, lat, CENTRAL_MERIDIAN, FALSE_EASTING);
}

/** Zone-38 X (northing) and Y (zone-prefixed easting) → [longitude, latitude] in degrees. */
export function gk38ToLonLat(x: number, y: number): [number, number] {
  return gkToLonLat(x, y, CENTRAL_MERIDIAN, FALSE_EASTING);
}

/**
 * Longitude/latitude (CGCS2000, degrees) → X (northing) and Y (easting plus `falseEasting`) on the
 * transverse Mercator of central meridian `centralMeridian` (scale 1): any Gauss-Krüger zone.
 */
export function lonLatToGk(
  lon: number,
  lat: number,
  centralMeridian: number,
  falseEasting: number,
): GaussKruger {
  const lambda = (lon - centralMeridian) * RAD;
  const tauPrime = conformalTan(Math.tan(lat * RAD));
  const xiPrime = Math.atan2(tauPrime, Math.cos(lambda));
  const etaPrime = Math.asinh(Math.sin(lambda) / Math.hypot(tauPrime, Math.cos(lambda)));
  let xi = xiPrime;
  let eta = etaPrime;
  for (let j = 1; j <= 6; j++) {
    const alpha = ALPHA[j - 1] as number;
    xi += alpha * Math.sin(2 * j * xiPrime) * Math.cosh(2 * j * etaPrime);
    eta += alpha * Math.cos(2 * j * xiPrime) * Math.sinh(2 * j * etaPrime);
  }
  return { x: SCALED_A * xi, y: falseEasting + SCALED_A * eta };
}

/** X (northing) and Y (easting plus `falseEasting`) of a Gauss-Krüger zone → [longitude, latitude]. */
export function gkToLonLat(
  x: number,
  y: number,
  centralMeridian: number,
  falseEasting: number,
): [number, number] {
  const xi = x / SCALED_A;
  const eta = (y - falseEasting) / SCALED_A;
  let xiPrime = xi;
  let etaPrime = eta;
  for (let j = 1; j <= 6; j++) {
    const beta = BETA[j - 1] as number;
    xiPrime -= beta * Math.sin(2 * j * xi) * Math.cosh(2 * j * eta);
    etaPrime -= beta * Math.cos(2 * j * xi) * Math.sinh(2 * j * eta);
  }
  const tauPrime = Math.sin(xiPrime) / Math.hypot(Math.sinh(etaPrime), Math.cos(xiPrime));
  const lambda = Math.atan2(Math.sinh(etaPrime), Math.cos(xiPrime));
  return [centralMeridian + lambda / RAD, Math.atan(geographicTan(tauPrime)) / RAD];
}
