// Snapping a drawn vertex to the plots' and parks' outlines: a Flatbush index over every edge (built once;
// features that come later, such as the plots of a region fetched while drawing, get an index of their
// own and the search runs over each),
// then the nearest vertex within the tolerance (in screen pixels), else the nearest point on an edge.
// Distances are measured on the screen through a projection the caller passes (the map's), so the
// tolerance is what the finger or cursor sees at any zoom.
import Flatbush from 'flatbush';
import type { Geometry, Position } from 'geojson';

export interface SnapIndex {
  /** x1, y1, x2, y2 (lon/lat) per segment. */
  segments: Float64Array;
  index: Flatbush | null;
}

export type Project = (lng: number, lat: number) => { x: number; y: number };
export type Unproject = (x: number, y: number) => { lng: number; lat: number };

function ringsOf(geometry: Geometry | null | undefined): Position[][] {
  if (geometry?.type === 'Polygon') return geometry.coordinates;
  if (geometry?.type === 'MultiPolygon') return geometry.coordinates.flat();
  return [];
}

export function buildSnapIndex(geometries: readonly (Geometry | null | undefined)[]): SnapIndex {
  const values: number[] = [];
  for (const geometry of geometries) {
    for (const ring of ringsOf(geometry)) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const p = ring[i] as Position;
        const q = ring[i + 1] as Position;
        values.push(p[0] as number, p[1] as number, q[0] as number, q[1] as number);
      }
    }
  }
  const segments = Float64Array.from(values);
  const count = segments.length / 4;
  if (count === 0) return { segments, index: null };
  const index = new Flatbush(count);
  for (let s = 0; s < count; s++) {
    const x1 = segments[s * 4] as number;
    const y1 = segments[s * 4 + 1] as number;
    const x2 = segments[s * 4 + 2] as number;
    const y2 = segments[s * 4 + 3] as number;
    index.add(Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2));
  }
  index.finish();
  return { segments, index };
}

/**
 * The snapped position for a pointer at screen (x, y), or null when no vertex or edge is within
 * `tolerancePx`. A vertex within the tolerance wins over a nearer edge point: corners are what people
 * aim at. A vertex is returned exactly as stored in the layer.
 */
export function snapPosition(
  snap: SnapIndex | readonly SnapIndex[],
  x: number,
  y: number,
  tolerancePx: number,
  project: Project,
  unproject: Unproject,
): Position | null {
  const indexes = Array.isArray(snap) ? (snap as readonly SnapIndex[]) : [snap as SnapIndex];
  if (!indexes.some((one) => one.index)) return null;
  const corners = [
    unproject(x - tolerancePx, y - tolerancePx),
    unproject(x + tolerancePx, y + tolerancePx),
  ] as const;
  const minX = Math.min(corners[0].lng, corners[1].lng);
  const maxX = Math.max(corners[0].lng, corners[1].lng);
  const minY = Math.min(corners[0].lat, corners[1].lat);
  const maxY = Math.max(corners[0].lat, corners[1].lat);
  let bestVertex: Position | null = null;
  let bestVertexPx = tolerancePx;
  let bestEdge: Position | null = null;
  let bestEdgePx = tolerancePx;
  for (const one of indexes) {
    if (!one.index) continue;
    const s = one.segments;
    for (const k of one.index.search(minX, minY, maxX, maxY)) {
      const x1 = s[k * 4] as number;
      const y1 = s[k * 4 + 1] as number;
      const x2 = s[k * 4 + 2] as number;
      const y2 = s[k * 4 + 3] as number;
      const p = project(x1, y1);
      const q = project(x2, y2);
      for (const [vertex, screen] of [
        [[x1, y1], p],
        [[x2, y2], q],
      ] as const) {
        const d = Math.hypot(screen.x - x, screen.y - y);
        if (d <= bestVertexPx) {
          bestVertexPx = d;
          bestVertex = [vertex[0], vertex[1]];
        }
      }
      const dx = q.x - p.x;
      const dy = q.y - p.y;
      const length2 = dx * dx + dy * dy;
      if (length2 === 0) continue;
      const t = Math.max(0, Math.min(1, ((x - p.x) * dx + (y - p.y) * dy) / length2));
      const d = Math.hypot(p.x + t * dx - x, p.y + t * dy - y);
      if (d <= bestEdgePx) {
        bestEdgePx = d;
        // Interpolated in lon/lat: over one edge of a plot the map's projection is linear to well under
        // a pixel.
        bestEdge = [x1 + t * (x2 - x1), y1 + t * (y2 - y1)];
      }
    }
  }
  return bestVertex ?? bestEdge;
}
