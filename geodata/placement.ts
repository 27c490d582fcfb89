// Where sample shapes may go: an index of the polygons already placed (bucketed by bounding box) that
// answers "does this candidate touch anything?", plus containment helpers. Used so plots, project sites
// and new-land parcels never overlap except where the sample overlaps them on purpose.
import * as turf from '@turf/turf';
import type { MultiPolygon, Polygon, Position } from 'geojson';

export type Area = Polygon | MultiPolygon;
type Box = [number, number, number, number];

const BUCKET_DEGREES = 0.01;

export interface Placed {
  key: string;
  geometry: Area;
  box: Box;
}

function boxOf(geometry: Area): Box {
  return turf.bbox(geometry) as Box;
}

function boxesMeet(a: Box, b: Box): boolean {
  return a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];
}

/** The ring scaled about its vertex mean: a guard that keeps a small gap between neighbours. */
export function grownRing(ring: Position[], factor: number): Position[] {
  const n = ring.length - 1;
  let mx = 0;
  let my = 0;
  for (let i = 0; i < n; i++) {
    mx += (ring[i] as Position)[0] as number;
    my += (ring[i] as Position)[1] as number;
  }
  mx /= n;
  my /= n;
  return ring.map(([x, y]) => [mx + ((x as number) - mx) * factor, my + ((y as number) - my) * factor]);
}

export class Occupancy {
  private readonly buckets = new Map<string, Placed[]>();

  private bucketKeys(box: Box): string[] {
    const keys: string[] = [];
    for (let x = Math.floor(box[0] / BUCKET_DEGREES); x <= Math.floor(box[2] / BUCKET_DEGREES); x++) {
      for (let y = Math.floor(box[1] / BUCKET_DEGREES); y <= Math.floor(box[3] / BUCKET_DEGREES); y++) {
        keys.push(`${x}:${y}`);
      }
    }
    return keys;
  }

  add(key: string, geometry: Area): void {
    const placed = { key, geometry, box: boxOf(geometry) };
    for (const bucket of this.bucketKeys(placed.box)) {
      const list = this.buckets.get(bucket);
      if (list) list.push(placed);
      else this.buckets.set(bucket, [placed]);
    }
  }

  /** Everything placed that the geometry meets (touching counts). */
  meeting(geometry: Area): Placed[] {
    const box = boxOf(geometry);
    const found = new Set<Placed>();
    for (const bucket of this.bucketKeys(box)) {
      for (const placed of this.buckets.get(bucket) ?? []) {
        if (
          !found.has(placed) &&
          boxesMeet(box, placed.box) &&
          turf.booleanIntersects(geometry, placed.geometry)
        ) {
          found.add(placed);
        }
      }
    }
    return [...found];
  }

  /** True when the point lies in (or on) something placed. */
  covers(point: Position): boolean {
    const [x, y] = point as [number, number];
    const box: Box = [x, y, x, y];
    return this.bucketKeys(box).some((bucket) =>
      (this.buckets.get(bucket) ?? []).some(
        (placed) => boxesMeet(box, placed.box) && turf.booleanPointInPolygon(point, placed.geometry),
      ),
    );
  }

  /** True when neither the ring nor a slightly grown copy of it meets anything placed. */
  isFree(ring: Position[], growBy = 1.08): boolean {
    return (
      this.meeting({ type: 'Polygon', coordinates: [ring] }).length === 0 &&
      this.meeting({ type: 'Polygon', coordinates: [grownRing(ring, growBy)] }).length === 0
    );
  }
}

/** The polygons of an area, one by one. */
export function polygonsOf(geometry: Area): Polygon[] {
  return geometry.type === 'Polygon'
    ? [geometry]
    : geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }));
}

/** True when the ring lies wholly inside one polygon of the area. */
export function ringWithin(ring: Position[], area: Area): boolean {
  const candidate = turf.polygon([ring]);
  return polygonsOf(area).some((part) => turf.booleanWithin(candidate, part));
}

export function ringMeets(ring: Position[], area: Area): boolean {
  return turf.booleanIntersects(turf.polygon([ring]), area);
}

export function pointIn(point: Position, area: Area): boolean {
  return turf.booleanPointInPolygon(point, area);
}

/** A ring has a self-intersection (turf kinks). */
export function hasKinks(ring: Position[]): boolean {
  return turf.kinks(turf.polygon([ring])).features.length > 0;
}
