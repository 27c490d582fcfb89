// The CGCS2000 ellipsoid. GeoJSON coordinates are treated as CGCS2000 (they differ from WGS84 by
// well under a metre, PRODUCT.md).

export const CGCS2000 = {
  a: 6_378_137,
  f: 1 / 298.257222101,
} as const;

export const CGCS2000_B = CGCS2000.a * (1 - CGCS2000.f);
const CGCS2000_E2 = (CGCS2000.a ** 2 - CGCS2000_B ** 2) / CGCS2000.a ** 2;

const e2 = CGCS2000_E2;
const e4 = e2 * e2;
const e6 = e4 * e2;
const e8 = e6 * e2;

/** The series coefficients A–E of the national land-survey area formula (PRODUCT.md) on CGCS2000. */
export const SURVEY_SERIES = {
  A: 1 + (3 / 6) * e2 + (30 / 80) * e4 + (35 / 112) * e6 + (630 / 2304) * e8,
  B: (1 / 6) * e2 + (15 / 80) * e4 + (21 / 112) * e6 + (420 / 2304) * e8,
  C: (3 / 80) * e4 + (7 / 112) * e6 + (180 / 2304) * e8,
  D: (1 / 112) * e6 + (45 / 2304) * e8,
  E: (5 / 2304) * e8,
} as const;
