// Where the inspector stands: the plot that holds a position (holes and multipolygons honoured), else the
// nearest plots with the distance in metres to their outline. Distances are planar in a local tangent
// plane at the position, scaled by the CGCS2000 radii of curvature there (meridian M, prime vertical N):
// within 1 km of the position that differs from the geodesic by well under a centimetre, far below a
// tablet's GPS error.
import type { Feature, Geometry, Polygon, Position } from 'geojson';
import { featureId } from '../domain/feature-id.ts';
import { CGCS2000, CGCS2000_B } from './ellipsoid.ts';

/** A position from the device: longitude and latitude in degrees. */
export type LonLat = readonly [number, number];

export interface NearPlot {
  id: string;
  /** Metres from the position to the plot's outline (0 for the plot it stands in). */
  distanceM: number;
}

export interface WhereAmI {
  /** The plot that holds the position, or null when it stands in none. */
  inside: string | null;
  /** When outside every plot: the nearest ones within the radius, nearest first. */
  nearest: NearPlot[];
}

const E2 = 1 - (CGCS2000_B / CGCS2000.a) ** 2;
const RAD = Math.PI / 180;

/** Metres per degree of longitude and of latitude at a latitude (CGCS2000). */
export function metresPerDegree(lat: number): { x: number; y: number } {
  const s = Math.sin(lat * RAD);
  const w = Math.sqrt(1 - E2 * s * s);
  const n = CGCS2000.a / w; // prime vertical radius
  const m = (CGCS2000.a * (1 - E2)) / (w * w * w); // meridian radius
  return { x: n * Math.cos(lat * RAD) * RAD, y: m * RAD };
}

/** The polygons of a geometry as lists of rings (the first the shell); nothing for other types. */
function polygonsOf(geometry: Geometry | null | undefined): Position[][][] {
  if (!geometry) return [];
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(polygonsOf);
  return [];
}

/** Even-odd crossing test of one ring (closed or not); a point on the outline counts as inside. */
function inRing(ring: readonly Position[], x: number, y: number): boolean {
  let inside = false;
  const n = ring.length;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** True when the geometry's area holds the point: inside a shell and outside its holes. */
export function containsPoint(geometry: Geometry | null | undefined, point: LonLat): boolean {
  const [x, y] = point;
  return polygonsOf(geometry).some((rings) => {
    const [shell, ...holes] = rings;
    if (!shell || !inRing(shell, x, y)) return false;
    return !holes.some((hole) => inRing(hole, x, y));
  });
}

/** Squared distance in the plane from (px, py) to the segment (ax, ay)–(bx, by). */
function segmentDistance2(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return ex * ex + ey * ey;
}

/** Metres from the point to the nearest edge of any ring of the geometry (Infinity when it has none). */
export function distanceToOutlineM(geometry: Geometry | null | undefined, point: LonLat): number {
  const [lon0, lat0] = point;
  const scale = metresPerDegree(lat0);
  let best = Number.POSITIVE_INFINITY;
  for (const rings of polygonsOf(geometry)) {
    for (const ring of rings) {
      for (let k = 0; k + 1 < ring.length; k++) {
        const a = ring[k] as Position;
        const b = ring[k + 1] as Position;
        const d2 = segmentDistance2(
          0,
          0,
          ((a[0] as number) - lon0) * scale.x,
          ((a[1] as number) - lat0) * scale.y,
          ((b[0] as number) - lon0) * scale.x,
          ((b[1] as number) - lat0) * scale.y,
        );
        if (d2 < best) best = d2;
      }
    }
  }
  return Math.sqrt(best);
}

/** Metres between two positions (planar at `a`: for positions a few kilometres apart at most). */
export function metresBetween(a: LonLat, b: LonLat): number {
  const scale = metresPerDegree(a[1]);
  return Math.hypot((b[0] - a[0]) * scale.x, (b[1] - a[1]) * scale.y);
}

/** Metres from the point to the plot: 0 inside it, else to its outline. */
export function distanceToPlotM(geometry: Geometry | null | undefined, point: LonLat): number {
  return containsPoint(geometry, point) ? 0 : distanceToOutlineM(geometry, point);
}

/** The [west, south, east, north] box around a point that reaches `radiusM` metres each way. */
export function boxAround(point: LonLat, radiusM: number): [number, number, number, number] {
  const scale = metresPerDegree(point[1]);
  const dx = radiusM / scale.x;
  const dy = radiusM / scale.y;
  return [point[0] - dx, point[1] - dy, point[0] + dx, point[1] + dy];
}

function boxOf(geometry: Geometry | null | undefined): [number, number, number, number] | null {
  let w = Number.POSITIVE_INFINITY;
  let s = Number.POSITIVE_INFINITY;
  let e = Number.NEGATIVE_INFINITY;
  let n = Number.NEGATIVE_INFINITY;
  for (const rings of polygonsOf(geometry)) {
    for (const position of rings[0] ?? []) {
      const [x, y] = position as [number, number];
      if (x < w) w = x;
      if (x > e) e = x;
      if (y < s) s = y;
      if (y > n) n = y;
    }
  }
  return w <= e ? [w, s, e, n] : null;
}

export interface WhereOptions {
  /** How many nearby plots to name at most (3). */
  limit?: number;
  /** How far to look for nearby plots, in metres (1 000). */
  radiusM?: number;
}

/**
 * The plot holding the position, else the nearest plots within the radius. When plots overlap (an
 * invalid layer), the smallest-boxed one that holds the point is named, as a tap would pick it.
 */
export function whereAmI(
  point: LonLat,
  features: Iterable<Feature>,
  { limit = 3, radiusM = 1000 }: WhereOptions = {},
): WhereAmI {
  const [west, south, east, north] = boxAround(point, radiusM);
  const [x, y] = point;
  let inside: { id: string; boxArea: number } | null = null;
  const near: NearPlot[] = [];
  for (const feature of features) {
    const box = boxOf(feature.geometry);
    if (!box || box[0] > east || box[2] < west || box[1] > north || box[3] < south) continue;
    const id = featureId(feature);
    if (id === null) continue;
    const holds =
      x >= box[0] && x <= box[2] && y >= box[1] && y <= box[3] && containsPoint(feature.geometry, point);
    if (holds) {
      const boxArea = (box[2] - box[0]) * (box[3] - box[1]);
      if (!inside || boxArea < inside.boxArea) inside = { id, boxArea };
      continue;
    }
    const distanceM = distanceToOutlineM(feature.geometry, point);
    if (distanceM <= radiusM) near.push({ id, distanceM });
  }
  if (inside) return { inside: inside.id, nearest: [] };
  near.sort((a, b) => a.distanceM - b.distanceM || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { inside: null, nearest: near.slice(0, limit) };
}

/** What a position needs to be proof of presence at a plot. */
export const PRESENCE_LIMITS = {
  /** Worse accuracy than this (metres) asks for a reason. */
  accuracyM: 30,
  /** Farther from the plot's outline than this (metres) asks for a reason. */
  distanceM: 200,
} as const;

export type PresenceDoubt =
  | { kind: 'no-position' }
  | { kind: 'inaccurate'; accuracyM: number }
  | { kind: 'far'; distanceM: number };

/**
 * Why a position does not prove presence at the plot (each reason, in order), or an empty list when it
 * does: none at all, accuracy worse than 30 m, more than 200 m from the outline.
 */
export function presenceDoubts(
  position: { lon: number; lat: number; accuracy: number } | null,
  plot: Geometry | null | undefined,
): PresenceDoubt[] {
  if (!position) return [{ kind: 'no-position' }];
  const doubts: PresenceDoubt[] = [];
  if (position.accuracy > PRESENCE_LIMITS.accuracyM)
    doubts.push({ kind: 'inaccurate', accuracyM: position.accuracy });
  if (plot) {
    const distanceM = distanceToPlotM(plot, [position.lon, position.lat]);
    if (distanceM > PRESENCE_LIMITS.distanceM) doubts.push({ kind: 'far', distanceM });
  }
  return doubts;
}

/** The accuracy circle around a position as a polygon of `steps` sides (metres, CGCS2000 radii there). */
export function accuracyCircle(point: LonLat, radiusM: number, steps = 64): Polygon {
  const scale = metresPerDegree(point[1]);
  const ring: Position[] = [];
  for (let k = 0; k < steps; k++) {
    const angle = (2 * Math.PI * k) / steps;
    ring.push([
      point[0] + (radiusM * Math.cos(angle)) / scale.x,
      point[1] + (radiusM * Math.sin(angle)) / scale.y,
    ]);
  }
  ring.push(ring[0] as Position);
  return { type: 'Polygon', coordinates: [ring] };
}
