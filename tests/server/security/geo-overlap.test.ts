// Attacks on the overlap engine: a file of many identical polygons (41 copies of the Heshan outline,
// 1 768 vertices, geodata/boundary.geojson) once cost 40 ms a pair, the shared boundary pieces being
// matched by a scan of all the others; and GeometryCollections, whose polygons `area` counted while
// `overlap` ignored them. Exact pair lists and areas; timings are in `npm run bench`.
import type { Feature, Geometry, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { copiesOfOutline, heshanOutline } from '../../../bench/support/outline-copies.ts';
import { geometryAreaM2 } from '../../../src/geo/area.ts';
import { findOverlaps, overlapGeometry } from '../../../src/geo/overlap.ts';

const outline = heshanOutline();

describe('one file holding 41 copies of the Heshan outline', () => {
  it('gives every one of the 820 pairs, each sharing the whole outline area (to 1e-6 relative)', () => {
    const area = geometryAreaM2(outline);
    expect(outline.coordinates[0]).toHaveLength(1_768);
    const stats = { candidates: 0, clipped: 0 };
    const pairs = findOverlaps(copiesOfOutline(41), undefined, { stats });
    expect(pairs).toHaveLength(820);
    expect(stats).toEqual({ candidates: 820, clipped: 0 });
    const expected: [number, number][] = [];
    for (let a = 0; a < 41; a++) for (let b = a + 1; b < 41; b++) expected.push([a, b]);
    expect(pairs.map(({ a, b }) => [a, b])).toEqual(expected);
    for (const { m2 } of pairs) expect(Math.abs(m2 - area) / area).toBeLessThan(1e-6);
  }, 60_000);

  it('a copy drawn the other way round and from another start vertex shares the same area', () => {
    const ring = outline.coordinates[0] as number[][];
    const turned = [...ring.slice(500, -1), ...ring.slice(0, 501)].reverse();
    const layer = [
      copiesOfOutline(1)[0] as Feature<Geometry>,
      {
        type: 'Feature',
        properties: {},
        geometry: { type: 'Polygon', coordinates: [turned] },
      } as Feature<Geometry>,
    ];
    const area = geometryAreaM2(outline);
    const pairs = findOverlaps(layer);
    expect(pairs.map(({ a, b }) => [a, b])).toEqual([[0, 1]]);
    expect(Math.abs((pairs[0]?.m2 ?? 0) - area) / area).toBeLessThan(1e-6);
  });
});

describe('a polygon inside a GeometryCollection', () => {
  const square = (west: number): Polygon => ({
    type: 'Polygon',
    coordinates: [
      [
        [west, 22.7],
        [west + 0.01, 22.7],
        [west + 0.01, 22.71],
        [west, 22.71],
        [west, 22.7],
      ],
    ],
  });
  const layer: Feature<Geometry>[] = [
    { type: 'Feature', id: 'plain', properties: {}, geometry: square(113) },
    {
      type: 'Feature',
      id: 'collection',
      properties: {},
      geometry: {
        type: 'GeometryCollection',
        geometries: [{ type: 'Point', coordinates: [113.5, 22.7] }, square(113.005)],
      },
    },
  ];

  it('takes part in overlaps as its area counts it: one rule for area and overlap', () => {
    const half = geometryAreaM2(square(113)) / 2;
    const pairs = findOverlaps(layer);
    expect(pairs.map(({ a, b }) => [a, b])).toEqual([[0, 1]]);
    expect(Math.abs((pairs[0]?.m2 ?? 0) - half) / half).toBeLessThan(1e-6);
    const collectionArea = geometryAreaM2(layer[1]?.geometry);
    expect(Math.abs(collectionArea - 2 * half) / (2 * half)).toBeLessThan(1e-9);
    const shared = overlapGeometry(layer[0] as Feature<Geometry>, layer[1] as Feature<Geometry>);
    expect(shared?.geometry.type).toBe('Polygon');
    expect(Math.abs(geometryAreaM2(shared?.geometry) - half) / half).toBeLessThan(1e-6);
  });
});
