// Ellipsoidal area (椭球面积) on CGCS2000 by the national land-survey formula (国土调查办发〔2008〕32号),
// as PRODUCT.md states it. This is the area Land Atlas shows; Turf's spherical area is never shown.
import type { Geometry, Position } from 'geojson';
import { CGCS2000_B, SURVEY_SERIES } from './ellipsoid.ts';

const { A, B, C, D, E } = SURVEY_SERIES;
const TWO_B2 = 2 * CGCS2000_B * CGCS2000_B;
const RAD = Math.PI / 180;

/**
 * Signed area of one ring in m² (positive for counter-clockwise in lon/lat). The ring may be closed or
 * open; L0 is the ring's first longitude, which keeps the strip terms small and the sum exact.
 */
export function ringSignedAreaM2(ring: readonly Position[]): number {
  const n = ring.length;
  if (n < 3) return 0;
  const first = ring[0] as Position;
  const l0 = (first[0] as number) * RAD;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const p = ring[i] as Position;
    const q = ring[(i + 1) % n] as Position;
    const l1 = (p[0] as number) * RAD;
    const b1 = (p[1] as number) * RAD;
    const l2 = (q[0] as number) * RAD;
    const b2 = (q[1] as number) * RAD;
    const dB = b2 - b1;
    if (dB === 0) continue;
    const bm = (b1 + b2) / 2;
    const dL = (l1 + l2) / 2 - l0;
    sum +=
      dL *
      (A * Math.sin(dB / 2) * Math.cos(bm) -
        B * Math.sin((3 * dB) / 2) * Math.cos(3 * bm) +
        C * Math.sin((5 * dB) / 2) * Math.cos(5 * bm) -
        D * Math.sin((7 * dB) / 2) * Math.cos(7 * bm) +
        E * Math.sin((9 * dB) / 2) * Math.cos(9 * bm));
  }
  // Northward edges east of L0 add area, so a counter-clockwise ring sums positive.
  return TWO_B2 * sum;
}

export function ringAreaM2(ring: readonly Position[]): number {
  return Math.abs(ringSignedAreaM2(ring));
}

/** Shell minus holes, whatever each ring's winding. */
export function polygonAreaM2(rings: readonly (readonly Position[])[]): number {
  let area = 0;
  rings.forEach((ring, index) => {
    area += index === 0 ? ringAreaM2(ring) : -ringAreaM2(ring);
  });
  return Math.max(area, 0);
}

/** Area of a geometry in m²: Polygon and MultiPolygon (with holes); every other type, and null, is 0. */
export function geometryAreaM2(geometry: Geometry | null | undefined): number {
  if (!geometry) return 0;
  switch (geometry.type) {
    case 'Polygon':
      return polygonAreaM2(geometry.coordinates);
    case 'MultiPolygon':
      return geometry.coordinates.reduce((total, polygon) => total + polygonAreaM2(polygon), 0);
    case 'GeometryCollection':
      return geometry.geometries.reduce((total, member) => total + geometryAreaM2(member), 0);
    default:
      return 0;
  }
}
