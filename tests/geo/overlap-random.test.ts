// The overlap engine against an independent computation (turf.intersect, then geometryAreaM2 of its
// result, over every pair whose boxes meet, no index) on seeded random layers built to be awkward:
// concave outlines, holes, multipolygons, grid plots sharing edges exactly, zones drawn on the grid lines
// (collinear overlaps, T-junctions), identical copies and nested polygons.
import { bbox, featureCollection, intersect } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { compareOverlaps } from '../../bench/compare.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import { findOverlaps, OVERLAP_EPSILON_M2, type OverlapPair } from '../../src/geo/overlap.ts';

type Areal = Feature<Polygon | MultiPolygon>;

function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const X0 = 112.9;
const Y0 = 22.7;
const CELL = 0.0005; // ~50 m
const gx = (i: number) => X0 + i * CELL; // one expression per grid line, so shared lines are bit-identical
const gy = (j: number) => Y0 + j * CELL;

function rect(i: number, j: number, w: number, h: number): Position[] {
  return [
    [gx(i), gy(j)],
    [gx(i + w), gy(j)],
    [gx(i + w), gy(j + h)],
    [gx(i), gy(j + h)],
    [gx(i), gy(j)],
  ];
}

function star(random: () => number, cx: number, cy: number, radius: number, points: number): Position[] {
  const ring: Position[] = [];
  const turn = random() * Math.PI;
  for (let k = 0; k < points; k++) {
    const r = radius * (k % 2 === 0 ? 1 : 0.35 + random() * 0.5);
    const angle = turn + (2 * Math.PI * k) / points;
    ring.push([cx + r * Math.cos(angle), cy + r * Math.sin(angle)]);
  }
  ring.push(ring[0] as Position);
  return ring;
}

function scaled(ring: Position[], cx: number, cy: number, factor: number): Position[] {
  return ring.map(([x, y]) => [cx + ((x as number) - cx) * factor, cy + ((y as number) - cy) * factor]);
}

const poly = (...rings: Position[][]): Areal => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'Polygon', coordinates: rings },
});
const multi = (...polygons: Position[][][]): Areal => ({
  type: 'Feature',
  properties: {},
  geometry: { type: 'MultiPolygon', coordinates: polygons },
});

function layers(seed: number): { plots: Areal[]; zones: Areal[] } {
  const random = mulberry32(seed);
  const int = (n: number) => Math.floor(random() * n);
  const plots: Areal[] = [];
  // Grid plots tiling a 40 × 40 cell block: neighbours share edges and vertices exactly.
  for (let i = 0; i < 40; i += 2) {
    for (let j = 0; j < 40; j += 2) {
      const kind = random();
      if (kind < 0.5) plots.push(poly(rect(i, j, 2, 2)));
      else if (kind < 0.65) plots.push(poly(rect(i, j, 2, 2), [...rect(i + 0.5, j + 0.5, 1, 1)].reverse()));
      else if (kind < 0.8) {
        const l: Position[] = [
          [gx(i), gy(j)],
          [gx(i + 2), gy(j)],
          [gx(i + 2), gy(j + 1)],
          [gx(i + 1), gy(j + 1)],
          [gx(i + 1), gy(j + 2)],
          [gx(i), gy(j + 2)],
          [gx(i), gy(j)],
        ];
        plots.push(poly(l));
      } else if (kind < 0.9) plots.push(multi([rect(i, j, 1, 1)], [rect(i + 1, j + 1, 1, 1)]));
      else plots.push(poly(star(random, gx(i + 1), gy(j + 1), CELL, 8 + 2 * int(5))));
    }
  }
  const gridCount = plots.length;
  // Identical copies and nested copies of some grid plots.
  for (let n = 0; n < 25; n++) plots.push(plots[int(gridCount)] as Areal);
  for (let n = 0; n < 25; n++) {
    const i = 2 * int(20);
    const j = 2 * int(20);
    plots.push(poly(scaled(rect(i, j, 2, 2), gx(i + 1), gy(j + 1), 0.3 + 0.6 * random())));
  }
  const zones: Areal[] = [];
  for (let n = 0; n < 40; n++) {
    const kind = random();
    const i = int(36);
    const j = int(36);
    if (kind < 0.3)
      zones.push(poly(rect(i, j, 1 + int(8), 1 + int(8)))); // on grid lines
    else if (kind < 0.55)
      zones.push(poly(star(random, gx(i) + random() * CELL, gy(j), (2 + int(6)) * CELL, 10 + 2 * int(8))));
    else if (kind < 0.7) {
      const shell = star(random, gx(i), gy(j), 6 * CELL, 12);
      zones.push(poly(shell, [...scaled(shell, gx(i), gy(j), 0.4)].reverse()));
    } else if (kind < 0.8)
      zones.push(multi([rect(i, j, 3, 2)], [star(random, gx(i + 8), gy(j), 2 * CELL, 10)]));
    else if (kind < 0.9)
      zones.push(plots[int(plots.length)] as Areal); // a zone equal to a plot
    else zones.push(poly(rect(i, j, 2, 2), [...rect(i + 0.5, j + 0.5, 1, 1)].reverse()));
  }
  return { plots, zones };
}

/** The independent way: every pair with meeting boxes, Turf's intersection, its ellipsoidal area. */
function reference(layerA: Areal[], layerB?: Areal[]): OverlapPair[] {
  const other = layerB ?? layerA;
  const boxes = other.map((feature) => bbox(feature));
  const pairs: OverlapPair[] = [];
  layerA.forEach((feature, a) => {
    const [minX, minY, maxX, maxY] = bbox(feature);
    other.forEach((candidate, b) => {
      if (!layerB && b <= a) return;
      const [cMinX, cMinY, cMaxX, cMaxY] = boxes[b] as number[];
      if (
        (cMinX as number) > maxX ||
        (cMaxX as number) < minX ||
        (cMinY as number) > maxY ||
        (cMaxY as number) < minY
      )
        return;
      const shared = intersect(featureCollection([feature, candidate]));
      const m2 = shared ? geometryAreaM2(shared.geometry) : 0;
      if (m2 > OVERLAP_EPSILON_M2) pairs.push({ a, b, m2 });
    });
  });
  return pairs;
}

describe('findOverlaps against turf.intersect on seeded random layers', () => {
  for (const seed of [1, 2, 3]) {
    const { plots, zones } = layers(seed);

    it(`seed ${seed}: ${plots.length} plots × ${zones.length} zones`, () => {
      const ours = findOverlaps(plots, zones);
      const agreement = compareOverlaps(ours, reference(plots, zones));
      expect(agreement.onlyOurs).toEqual([]);
      expect(agreement.onlyReference).toEqual([]);
      expect(agreement.agree, JSON.stringify(agreement.worst)).toBe(true);
      expect(ours.length).toBeGreaterThan(50);
    });

    it(`seed ${seed}: plots on plots (self mode)`, () => {
      const ours = findOverlaps(plots);
      const agreement = compareOverlaps(ours, reference(plots));
      expect(agreement.onlyOurs).toEqual([]);
      expect(agreement.onlyReference).toEqual([]);
      expect(agreement.agree, JSON.stringify(agreement.worst)).toBe(true);
      expect(ours.length).toBeGreaterThan(25); // the identical and nested copies at least
    });
  }
});
