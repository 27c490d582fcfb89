// Bounding boxes for GET /api/layers/:layer/features?bbox=…: a geometry's exact box and the test the
// stores apply after their index (SQLite's R*Tree keeps 32-bit floats rounded outwards, so it finds a
// few features just outside; PostgreSQL's && compares the float boxes of its GiST index the same way).
import type { Geometry } from 'geojson';

/** west, south, east, north in degrees (CGCS2000), west ≤ east and south ≤ north. */
export type Box = readonly [west: number, south: number, east: number, north: number];

/** The exact box of every position of the geometry, or null when it has none. */
export function geometryBox(geometry: Geometry | null): Box | null {
  if (!geometry) return null;
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  const visit = (value: unknown): void => {
    if (!Array.isArray(value)) return;
    if (typeof value[0] === 'number' && typeof value[1] === 'number') {
      west = Math.min(west, value[0]);
      east = Math.max(east, value[0]);
      south = Math.min(south, value[1]);
      north = Math.max(north, value[1]);
      return;
    }
    for (const item of value) visit(item);
  };
  if (geometry.type === 'GeometryCollection') {
    for (const part of geometry.geometries) {
      const box = geometryBox(part);
      if (box) visit([box.slice(0, 2), box.slice(2)]);
    }
  } else {
    visit(geometry.coordinates);
  }
  return west <= east ? [west, south, east, north] : null;
}

/** Whether the geometry's box meets the box (touching counts). */
export function geometryMeetsBox(geometry: Geometry | null, box: Box): boolean {
  const own = geometryBox(geometry);
  return own !== null && own[0] <= box[2] && own[2] >= box[0] && own[1] <= box[3] && own[3] >= box[1];
}
