// The CGCS2000 ellipsoid. GeoJSON coordinates are treated as CGCS2000 (they differ from WGS84 by
// well under a metre, PRODUCT.md).

export const CGCS2000 = {
  a: 6_378_137,
  f: 1 / 298.257222101,
} as const;

export const CGCS2000_B = CGCS2000.a * (1 - CGCS2000.f);
export const CGCS2000_E2 = (CGCS2000.a ** 2 - CGCS2000_B ** 2) / CGCS2000.a ** 2;
