// Bounding boxes for GET /api/layers/:layer/features?bbox=…: the test the stores apply after their index (SQLite's R*Tree keeps 32-bit floats rounded outwards, so it finds a
// few features just outside; PostgreSQL's && compares the float boxes of its GiST index the same way).
import type { Geometry } from 'geojson';
import { type Box, geometryBox } from '../../geo/box.ts';

export type { Box };

/** Whether the geometry's box meets the box (touching counts). */
export function geometryMeetsBox(geometry: Geometry | null, box: Box): boolean {
  const own = geometryBox(geometry);
  return own !== null && own[0] <= box[2] && own[2] >= box[0] && own[1] <= box[3] && own[3] >= box[1];
}
