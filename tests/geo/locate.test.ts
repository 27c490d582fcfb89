// Which plot the inspector stands in, the nearest plots with their distances, and when a position does
// not prove presence (src/geo/locate.ts), on the fixture tests/fixtures/locate/plots.geojson: a plot
// with a hole, a plot standing in that hole, a plot in two parts, one far away and a point feature.
import { readFileSync } from 'node:fs';
import { Geodesic } from 'geographiclib-geodesic';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { CGCS2000 } from '../../src/geo/ellipsoid.ts';
import {
  boxAround,
  containsPoint,
  distanceToOutlineM,
  distanceToPlotM,
  presenceDoubts,
  whereAmI,
} from '../../src/geo/locate.ts';

const plots = (
  JSON.parse(
    readFileSync(new URL('../fixtures/locate/plots.geojson', import.meta.url), 'utf8'),
  ) as FeatureCollection
).features;
const byId = (id: string) => plots.find((feature) => feature.id === id) as Feature;
const geodesic = new Geodesic.Geodesic(CGCS2000.a, CGCS2000.f);
const geodesicM = (a: [number, number], b: [number, number]) =>
  geodesic.Inverse(a[1], a[0], b[1], b[0]).s12 as number;

describe('whereAmI: the plot that holds the position', () => {
  it('a position in the ring of a plot with a hole names that plot', () => {
    expect(whereAmI([112.9002, 22.7002], plots)).toEqual({ inside: 'RING-A', nearest: [] });
  });

  it('a position in the hole (not on the island) is in no plot: the island and the ring are nearest', () => {
    const where = whereAmI([112.9006, 22.701], plots);
    expect(where.inside).toBeNull();
    expect(where.nearest.map((near) => near.id)).toEqual(['RING-A', 'ISLAND-C', 'TWO-PART-B']);
    // 0.0001° of longitude to the hole's edge, 0.0002° to the island's.
    expect(where.nearest[0]?.distanceM).toBeCloseTo(geodesicM([112.9006, 22.701], [112.9005, 22.701]), 1);
    expect(where.nearest[1]?.distanceM).toBeCloseTo(geodesicM([112.9006, 22.701], [112.9008, 22.701]), 1);
  });

  it('a position on the island inside the hole names the island, not the ring around it', () => {
    expect(whereAmI([112.901, 22.701], plots)).toEqual({ inside: 'ISLAND-C', nearest: [] });
  });

  it('a position in the second part of a multipolygon names that plot', () => {
    expect(whereAmI([112.9105, 22.7005], plots).inside).toBe('TWO-PART-B');
  });

  it('between the two parts of a multipolygon: outside, nearest part counts', () => {
    const where = whereAmI([112.907, 22.7005], plots);
    expect(where.inside).toBeNull();
    expect(where.nearest[0]?.id).toBe('TWO-PART-B');
    expect(where.nearest[0]?.distanceM).toBeCloseTo(geodesicM([112.907, 22.7005], [112.905, 22.7005]), 1);
  });

  it('far from every plot (over 1 km): no plot and no nearby plot; points are never plots', () => {
    expect(whereAmI([112.95, 22.75], plots)).toEqual({ inside: null, nearest: [] });
    expect(whereAmI([112.9011, 22.703], plots).nearest.map((near) => near.id)).not.toContain('POINT-E');
  });

  it('limit and radius: one nearest within 150 m', () => {
    const where = whereAmI([112.9006, 22.701], plots, { limit: 1, radiusM: 150 });
    expect(where.nearest.map((near) => near.id)).toEqual(['RING-A']);
  });
});

describe('distances in metres agree with the geodesic (GeographicLib) at county scale', () => {
  it.each([
    ['due east', [112.903, 22.701] as [number, number], [112.902, 22.701] as [number, number]],
    ['due north', [112.901, 22.7029] as [number, number], [112.901, 22.702] as [number, number]],
    ['to a corner, 900 m', [112.908, 22.707] as [number, number], [112.902, 22.702] as [number, number]],
  ])('%s: within 1 cm', (_name, point, foot) => {
    const ring = byId('RING-A').geometry as Polygon;
    expect(Math.abs(distanceToOutlineM(ring, point) - geodesicM(point, foot))).toBeLessThan(0.01);
  });

  it('inside a plot the distance to the plot is 0, to its outline the nearest edge', () => {
    const ring = byId('RING-A').geometry;
    expect(containsPoint(ring, [112.9002, 22.7002])).toBe(true);
    expect(distanceToPlotM(ring, [112.9002, 22.7002])).toBe(0);
    expect(distanceToOutlineM(ring, [112.9002, 22.7002])).toBeCloseTo(
      geodesicM([112.9002, 22.7002], [112.9, 22.7002]), // the west edge (a degree of longitude is shorter)
      1,
    );
  });

  it('the box around a point reaches the radius each way', () => {
    const [w, s, e, n] = boxAround([112.9, 22.7], 1000);
    expect(geodesicM([112.9, 22.7], [e, 22.7])).toBeCloseTo(1000, 1);
    expect(geodesicM([112.9, 22.7], [w, 22.7])).toBeCloseTo(1000, 1);
    expect(geodesicM([112.9, 22.7], [112.9, n])).toBeCloseTo(1000, 1);
    expect(geodesicM([112.9, 22.7], [112.9, s])).toBeCloseTo(1000, 1);
  });
});

describe('presenceDoubts: what a saved inspection must give a reason for', () => {
  const ring = byId('RING-A').geometry;
  it('inside the plot with ±12 m: no doubt', () => {
    expect(presenceDoubts({ lon: 112.9002, lat: 22.7002, accuracy: 12 }, ring)).toEqual([]);
  });
  it('exactly 30 m accuracy is enough; 30.5 m is not', () => {
    expect(presenceDoubts({ lon: 112.9002, lat: 22.7002, accuracy: 30 }, ring)).toEqual([]);
    expect(presenceDoubts({ lon: 112.9002, lat: 22.7002, accuracy: 30.5 }, ring)).toEqual([
      { kind: 'inaccurate', accuracyM: 30.5 },
    ]);
  });
  it('150 m outside the outline is near enough; about 300 m is far', () => {
    expect(presenceDoubts({ lon: 112.9, lat: 22.70335, accuracy: 5 }, ring)).toEqual([]);
    const far = presenceDoubts({ lon: 112.9, lat: 22.7047, accuracy: 50 }, ring);
    expect(far.map((doubt) => doubt.kind)).toEqual(['inaccurate', 'far']);
    const distance = far[1]?.kind === 'far' ? far[1].distanceM : 0;
    expect(distance).toBeCloseTo(geodesicM([112.9, 22.7047], [112.9, 22.702]), 1);
  });
  it('no position at all (GPS off) is a doubt of its own', () => {
    expect(presenceDoubts(null, ring)).toEqual([{ kind: 'no-position' }]);
  });
});
