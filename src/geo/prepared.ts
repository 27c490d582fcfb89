// A layer's polygons as flat typed arrays, prepared once for the overlap engine (one arena for the whole
// layer: a few large arrays instead of several small ones per feature keeps the garbage collector idle,
// and the arrays can be transferred to a worker as they are). Rings are cleaned (no repeated vertices, no
// rings without area, no coordinates that are not longitude/latitude), oriented (shells
// counter-clockwise, holes clockwise, so a boundary integral over any set of pieces has the right sign),
// and carry G(latitude) per vertex, bounding boxes and signed ellipsoidal areas. No DOM, no Node.
import type { Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { STRIP_SCALE_M2, stripG } from './strip.ts';

export interface PreparedLayer {
  /** Longitudes, latitudes (degrees) and G(latitude); each ring stored closed (last = first). */
  readonly xs: Float64Array;
  readonly ys: Float64Array;
  readonly gs: Float64Array;
  /** Ring r holds vertices ringStart[r] … ringStart[r + 1] − 1. */
  readonly ringStart: Int32Array;
  /** minX, minY, maxX, maxY per ring. */
  readonly ringBox: Float64Array;
  /** Signed ellipsoidal area per ring in m²: shells positive, holes negative. */
  readonly ringAreaM2: Float64Array;
  /** Feature f holds rings featureRing[f] … featureRing[f + 1] − 1; none when it has no area. */
  readonly featureRing: Int32Array;
  /** minX, minY, maxX, maxY per feature. */
  readonly featureBox: Float64Array;
  readonly featureAreaM2: Float64Array;
  /** The input geometries (null where there is no area), for a clipping fallback. */
  readonly geometries: readonly (Polygon | MultiPolygon | null)[];
}

export function hasArea(layer: PreparedLayer, feature: number): boolean {
  return (layer.featureRing[feature] as number) < (layer.featureRing[feature + 1] as number);
}

/** Σ (xm − x0)·Δg over the closed ring [start, end], x0 its first longitude; times STRIP_SCALE_M2 = m². */
function ringStripSum(xs: Float64Array, gs: Float64Array, start: number, end: number): number {
  const x0 = xs[start] as number;
  let sum = 0;
  for (let k = start; k < end; k++) {
    sum +=
      (((xs[k] as number) + (xs[k + 1] as number)) / 2 - x0) * ((gs[k + 1] as number) - (gs[k] as number));
  }
  return sum;
}

function reverseRange(values: Float64Array, start: number, end: number): void {
  for (let i = start, j = end; i < j; i++, j--) {
    const t = values[i] as number;
    values[i] = values[j] as number;
    values[j] = t;
  }
}

/**
 * Copies a ring into the arrays from `start`, without repeated vertices, closed; returns the index of the
 * closing vertex, or −1 when the ring has fewer than three distinct vertices or a coordinate that is not
 * a longitude/latitude (projected metres, garbage): nothing there has an ellipsoidal area.
 */
function copyRing(ring: readonly Position[], xs: Float64Array, ys: Float64Array, start: number): number {
  let n = start;
  for (const position of ring) {
    const x = position[0];
    const y = position[1];
    if (typeof x !== 'number' || typeof y !== 'number' || !(Math.abs(x) <= 360 && Math.abs(y) <= 90))
      return -1;
    if (n > start && xs[n - 1] === x && ys[n - 1] === y) continue;
    xs[n] = x;
    ys[n] = y;
    n++;
  }
  while (n - start >= 2 && xs[n - 1] === xs[start] && ys[n - 1] === ys[start]) n--;
  if (n - start < 3) return -1;
  xs[n] = xs[start] as number;
  ys[n] = ys[start] as number;
  return n;
}

/**
 * All vertices on one straight line of the lon/lat plane: such a ring encloses nothing, yet the strip
 * formula gives it a few cm² (a line straight in latitude is not straight in G), so it is dropped here.
 */
function collinear(xs: Float64Array, ys: Float64Array, start: number, end: number): boolean {
  const x0 = xs[start] as number;
  const y0 = ys[start] as number;
  const dx = (xs[start + 1] as number) - x0;
  const dy = (ys[start + 1] as number) - y0;
  for (let k = start + 2; k < end; k++) {
    if (dx * ((ys[k] as number) - y0) - dy * ((xs[k] as number) - x0) !== 0) return false;
  }
  return true;
}

/**
 * The polygons of a geometry: a GeometryCollection's Polygon and MultiPolygon members count, as they do
 * for its area (src/geo/area.ts), so `atlas area` and `atlas overlap` follow one rule.
 */
function polygonsOf(geometry: Geometry | null | undefined): Position[][][] | null {
  if (geometry?.type === 'Polygon') return [geometry.coordinates];
  if (geometry?.type === 'MultiPolygon') return geometry.coordinates;
  if (geometry?.type !== 'GeometryCollection') return null;
  const polygons: Position[][][] = [];
  const pending: Geometry[] = [geometry];
  while (pending.length > 0) {
    const member = pending.pop() as Geometry;
    if (member.type === 'Polygon') polygons.push(member.coordinates);
    else if (member.type === 'MultiPolygon') polygons.push(...member.coordinates);
    else if (member.type === 'GeometryCollection') pending.push(...[...member.geometries].reverse());
  }
  return polygons;
}

/**
 * The geometry as a Polygon or MultiPolygon, for Turf's clipping (a GeometryCollection by its polygons),
 * or null when it has no polygon.
 */
export function clippable(geometry: Geometry | null | undefined): Polygon | MultiPolygon | null {
  if (geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon') return geometry;
  const polygons = polygonsOf(geometry);
  return polygons && polygons.length > 0 ? { type: 'MultiPolygon', coordinates: polygons } : null;
}

/** Prepares every geometry of a layer; those without area (points, lines, null) get no rings. */
export function prepareLayer(geometries: readonly (Geometry | null | undefined)[]): PreparedLayer {
  let capacity = 0;
  let ringCapacity = 0;
  for (const geometry of geometries) {
    for (const polygon of polygonsOf(geometry) ?? []) {
      ringCapacity += polygon.length;
      for (const ring of polygon) capacity += ring.length + 1;
    }
  }
  const xs = new Float64Array(capacity);
  const ys = new Float64Array(capacity);
  const gs = new Float64Array(capacity);
  const ringStart = new Int32Array(ringCapacity + 1);
  const ringAreaM2 = new Float64Array(ringCapacity);
  const featureRing = new Int32Array(geometries.length + 1);
  const kept: (Polygon | MultiPolygon | null)[] = [];
  let used = 0;
  let rings = 0;
  geometries.forEach((geometry, f) => {
    featureRing[f] = rings;
    for (const polygon of polygonsOf(geometry) ?? []) {
      for (let r = 0; r < polygon.length; r++) {
        const end = copyRing(polygon[r] as Position[], xs, ys, used);
        let signed = 0;
        if (end >= 0 && !collinear(xs, ys, used, end)) {
          for (let k = used; k <= end; k++) gs[k] = stripG(ys[k] as number);
          signed = STRIP_SCALE_M2 * ringStripSum(xs, gs, used, end);
        }
        if (!(signed !== 0 && Number.isFinite(signed))) {
          if (r === 0) break; // a shell without area takes its holes with it
          continue;
        }
        const wantPositive = r === 0;
        if (signed > 0 !== wantPositive) {
          reverseRange(xs, used, end);
          reverseRange(ys, used, end);
          reverseRange(gs, used, end);
        }
        ringStart[rings] = used;
        ringAreaM2[rings++] = wantPositive ? Math.abs(signed) : -Math.abs(signed);
        used = end + 1;
      }
    }
    kept.push(rings > (featureRing[f] as number) ? clippable(geometry) : null);
  });
  featureRing[geometries.length] = rings;
  ringStart[rings] = used;
  const ringBox = new Float64Array(rings * 4);
  for (let r = 0; r < rings; r++)
    ringBoxOf(xs, ys, ringStart[r] as number, ringStart[r + 1] as number, ringBox, r * 4);
  const featureBox = new Float64Array(geometries.length * 4);
  const featureAreaM2 = new Float64Array(geometries.length);
  for (let f = 0; f < geometries.length; f++) {
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    let areaM2 = 0;
    for (let r = featureRing[f] as number; r < (featureRing[f + 1] as number); r++) {
      minX = Math.min(minX, ringBox[r * 4] as number);
      minY = Math.min(minY, ringBox[r * 4 + 1] as number);
      maxX = Math.max(maxX, ringBox[r * 4 + 2] as number);
      maxY = Math.max(maxY, ringBox[r * 4 + 3] as number);
      areaM2 += ringAreaM2[r] as number;
    }
    featureBox[f * 4] = minX;
    featureBox[f * 4 + 1] = minY;
    featureBox[f * 4 + 2] = maxX;
    featureBox[f * 4 + 3] = maxY;
    featureAreaM2[f] = Math.max(areaM2, 0);
  }
  return {
    xs: xs.subarray(0, used),
    ys: ys.subarray(0, used),
    gs: gs.subarray(0, used),
    ringStart: ringStart.subarray(0, rings + 1),
    ringBox,
    ringAreaM2: ringAreaM2.subarray(0, rings),
    featureRing,
    featureBox,
    featureAreaM2,
    geometries: kept,
  };
}

function ringBoxOf(
  xs: Float64Array,
  ys: Float64Array,
  start: number,
  end: number,
  out: Float64Array,
  at: number,
): void {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let k = start; k < end; k++) {
    const x = xs[k] as number;
    const y = ys[k] as number;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  out[at] = minX;
  out[at + 1] = minY;
  out[at + 2] = maxX;
  out[at + 3] = maxY;
}
