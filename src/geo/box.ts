// The box (west, south, east, north, degrees) of a geometry, and of many: the stores' box index
// (src/server/store/extent.ts), the region the zone tools fetch (zone-region.ts), and the map fitted to
// what a data table's filter keeps (GET /api/table/:layer/bounds). A height, where a position has one,
// is not part of the box. Pure.
import type { Geometry, Position } from 'geojson';
import { forEachPosition } from './positions.ts';

/** west, south, east, north in degrees (CGCS2000), west ≤ east and south ≤ north. */
export type Box = readonly [west: number, south: number, east: number, north: number];

/** The box of a geometry's positions (every ring and part), or null when it has none. */
export function geometryBox(geometry: Geometry | null): Box | null {
  if (!geometry) return null;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const visit = (position: Position) => {
    const [x, y] = position;
    if (x === undefined || y === undefined) return;
    if (x < west) west = x;
    if (x > east) east = x;
    if (y < south) south = y;
    if (y > north) north = y;
  };
  forEachPosition(geometry, visit);
  return west <= east && south <= north ? [west, south, east, north] : null;
}

/** The box around all the boxes given (nulls skipped), or null when there is none. */
export function unionBox(boxes: Iterable<Box | null>): Box | null {
  let union: [number, number, number, number] | null = null;
  for (const box of boxes) {
    if (!box) continue;
    if (!union) union = [...box];
    else {
      union[0] = Math.min(union[0], box[0]);
      union[1] = Math.min(union[1], box[1]);
      union[2] = Math.max(union[2], box[2]);
      union[3] = Math.max(union[3], box[3]);
    }
  }
  return union;
}
