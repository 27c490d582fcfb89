// The ellipsoidal area of src/geo/area.ts against (a) the PRODUCT.md formula written out again here,
// literally per edge with L0 = 0, (b) GeographicLib's geodesic polygon area on CGCS2000, and (c) the
// 0.01° square figures PRODUCT.md quotes (and Turf's spherical reading of it).
import * as turf from '@turf/turf';
import { Geodesic, PolygonArea } from 'geographiclib-geodesic';
import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geometryAreaM2, polygonAreaM2, ringAreaM2, ringSignedAreaM2 } from '../../src/geo/area.ts';
import { seededRandom } from './support/synthetic-plots.ts';

// (a) The national land-survey formula, straight from PRODUCT.md.
const a = 6_378_137;
const f = 1 / 298.257222101;
const b = a * (1 - f);
const e2 = (a * a - b * b) / (a * a);
const A = 1 + (3 / 6) * e2 + (30 / 80) * e2 ** 2 + (35 / 112) * e2 ** 3 + (630 / 2304) * e2 ** 4;
const B = (1 / 6) * e2 + (15 / 80) * e2 ** 2 + (21 / 112) * e2 ** 3 + (420 / 2304) * e2 ** 4;
const C = (3 / 80) * e2 ** 2 + (7 / 112) * e2 ** 3 + (180 / 2304) * e2 ** 4;
const D = (1 / 112) * e2 ** 3 + (45 / 2304) * e2 ** 4;
const E = (5 / 2304) * e2 ** 4;
const rad = (degrees: number) => (degrees * Math.PI) / 180;

function formulaRingArea(ring: Position[]): number {
  let sum = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const [lon1, lat1] = ring[i] as [number, number];
    const [lon2, lat2] = ring[i + 1] as [number, number];
    const L1 = rad(lon1);
    const L2 = rad(lon2);
    const B1 = rad(lat1);
    const B2 = rad(lat2);
    const Bm = (B1 + B2) / 2;
    const dB = B2 - B1;
    const dL = (L1 + L2) / 2 - 0;
    sum +=
      2 *
      b ** 2 *
      dL *
      (A * Math.sin(dB / 2) * Math.cos(Bm) -
        B * Math.sin((3 * dB) / 2) * Math.cos(3 * Bm) +
        C * Math.sin((5 * dB) / 2) * Math.cos(5 * Bm) -
        D * Math.sin((7 * dB) / 2) * Math.cos(7 * Bm) +
        E * Math.sin((9 * dB) / 2) * Math.cos(9 * Bm));
  }
  return Math.abs(sum);
}

// (b) GeographicLib on the CGCS2000 ellipsoid.
const geod = new Geodesic.Geodesic(a, f);
function geographicLibRingArea(ring: Position[]): number {
  const polygon = new PolygonArea.PolygonArea(geod, false);
  for (const [lon, lat] of ring.slice(0, -1) as [number, number][]) polygon.AddPoint(lat, lon);
  return Math.abs(polygon.Compute(false, true).area ?? Number.NaN);
}

/** A closed ring around (lon, lat): `vertices` points at radii between 0.3 and 1 × `radiusM` metres. */
function randomRing(
  random: () => number,
  lon: number,
  lat: number,
  radiusM: number,
  vertices: number,
  concave: boolean,
): Position[] {
  const metresPerDegreeLat = 110_760;
  const metresPerDegreeLon = 111_320 * Math.cos(rad(lat));
  const ring: Position[] = [];
  for (let k = 0; k < vertices; k++) {
    const angle = (2 * Math.PI * (k + 0.3 * random())) / vertices;
    const r = radiusM * (concave && k % 2 === 1 ? 0.3 + 0.2 * random() : 0.7 + 0.3 * random());
    ring.push([
      lon + (r * Math.cos(angle)) / metresPerDegreeLon,
      lat + (r * Math.sin(angle)) / metresPerDegreeLat,
    ]);
  }
  ring.push([...(ring[0] as Position)]);
  return ring;
}

const relative = (x: number, y: number) => Math.abs(x - y) / Math.abs(y);
const random = seededRandom(20_261_128);
const shapes = Array.from({ length: 24 }, (_, i) => {
  const lon = 112.6 + 0.6 * random();
  const lat = 22.5 + 0.5 * random();
  const ring = randomRing(random, lon, lat, 40 + 440 * random(), 5 + Math.floor(random() * 30), i % 2 === 0);
  return { name: `shape ${i} (${i % 2 === 0 ? 'concave' : 'convex'}, ${ring.length - 1} vertices)`, ring };
});

describe('ringAreaM2 against the PRODUCT.md formula with L0 = 0', () => {
  for (const { name, ring } of shapes) {
    it(name, () => {
      expect(relative(ringAreaM2(ring), formulaRingArea(ring))).toBeLessThan(1e-9);
      expect(relative(ringAreaM2([...ring].reverse()), formulaRingArea(ring))).toBeLessThan(1e-9);
    });
  }
});

describe('ellipsoidal area against GeographicLib (CGCS2000), parcels under 1 km at Heshan', () => {
  for (const { name, ring } of shapes) {
    it(`${name}, both windings`, () => {
      const expected = geographicLibRingArea(ring);
      expect(relative(ringAreaM2(ring), expected)).toBeLessThan(2e-5);
      expect(relative(ringAreaM2([...ring].reverse()), expected)).toBeLessThan(2e-5);
    });
  }

  it('a polygon with a hole: shell minus hole, whatever the windings', () => {
    const shell = randomRing(random, 112.96, 22.77, 400, 24, false);
    const hole = randomRing(random, 112.96, 22.77, 120, 12, false).reverse();
    const expected = geographicLibRingArea(shell) - geographicLibRingArea(hole);
    expect(relative(polygonAreaM2([shell, hole]), expected)).toBeLessThan(2e-5);
    expect(relative(polygonAreaM2([[...shell].reverse(), [...hole].reverse()]), expected)).toBeLessThan(2e-5);
    expect(polygonAreaM2([shell, hole])).toBeLessThan(ringAreaM2(shell));
  });

  it('a MultiPolygon: the sum of its parts', () => {
    const parts = [0, 1, 2].map((k) => [randomRing(random, 112.9 + 0.02 * k, 22.7, 300, 10, k === 1)]);
    const multi: Geometry = { type: 'MultiPolygon', coordinates: parts };
    const expected = parts.reduce((sum, [ring]) => sum + geographicLibRingArea(ring as Position[]), 0);
    expect(relative(geometryAreaM2(multi), expected)).toBeLessThan(2e-5);
  });

  it('signs: counter-clockwise positive, clockwise negative', () => {
    const ring = shapes[1]?.ring as Position[];
    const ccw = ringSignedAreaM2(ring) > 0 ? ring : [...ring].reverse();
    expect(ringSignedAreaM2(ccw)).toBeGreaterThan(0);
    expect(ringSignedAreaM2([...ccw].reverse())).toBeCloseTo(-ringSignedAreaM2(ccw), 6);
  });
});

describe('the 0.01° square at 113°E 22.77°N (PRODUCT.md)', () => {
  const square: Geometry = {
    type: 'Polygon',
    coordinates: [
      [
        [113, 22.77],
        [113.01, 22.77],
        [113.01, 22.78],
        [113, 22.78],
        [113, 22.77],
      ],
    ],
  };

  it('is about 1 137 217 m² on the ellipsoid', () => {
    expect(Math.abs(geometryAreaM2(square) - 1_137_217)).toBeLessThan(1);
    expect(
      relative(geometryAreaM2(square), geographicLibRingArea(square.coordinates[0] as Position[])),
    ).toBeLessThan(1e-6);
  });

  it('while Turf, on a sphere, reads about 1 140 032 m² (0.25 % too large)', () => {
    const turfArea = turf.area(square);
    expect(Math.abs(turfArea - 1_140_032)).toBeLessThan(1);
    expect(turfArea / geometryAreaM2(square) - 1).toBeCloseTo(0.0025, 3);
  });
});

describe('non-polygons', () => {
  it('have no area', () => {
    expect(geometryAreaM2({ type: 'Point', coordinates: [112.96, 22.77] })).toBe(0);
    expect(
      geometryAreaM2({
        type: 'LineString',
        coordinates: [
          [112.96, 22.77],
          [112.97, 22.78],
        ],
      }),
    ).toBe(0);
    expect(geometryAreaM2({ type: 'MultiPoint', coordinates: [[112.96, 22.77]] })).toBe(0);
    expect(
      geometryAreaM2({
        type: 'MultiLineString',
        coordinates: [
          [
            [112.96, 22.77],
            [112.97, 22.78],
          ],
        ],
      }),
    ).toBe(0);
    expect(geometryAreaM2(null)).toBe(0);
    expect(geometryAreaM2(undefined)).toBe(0);
  });

  it('a GeometryCollection counts only its polygons', () => {
    const polygon = shapes[0]?.ring as Position[];
    const collection: Geometry = {
      type: 'GeometryCollection',
      geometries: [
        { type: 'Point', coordinates: [112.96, 22.77] },
        { type: 'Polygon', coordinates: [polygon] },
      ],
    };
    expect(geometryAreaM2(collection)).toBeCloseTo(ringAreaM2(polygon), 6);
  });
});

describe('ring winding', () => {
  it('is positive for a counter-clockwise ring and negative for a clockwise one', () => {
    const ccw = [
      [113, 22.77],
      [113.01, 22.77],
      [113.01, 22.78],
      [113, 22.78],
      [113, 22.77],
    ];
    expect(ringSignedAreaM2(ccw)).toBeGreaterThan(1_137_000);
    expect(ringSignedAreaM2([...ccw].reverse())).toBeLessThan(-1_137_000);
  });
});
