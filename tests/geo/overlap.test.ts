// The overlap engine (src/geo/overlap.ts) on fixtures: Turf's own intersect fixtures (peer, out/ is Turf's
// intersection) and our degenerate cases in tests/fixtures/overlap (in/ two polygons, out/ the inputs
// coloured plus Turf's intersection; REGEN=1 rewrites out/ from turf.intersect). The reference area is
// always geometryAreaM2 of Turf's result, an independent computation. Plus the API's contract.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { featureCollection, intersect, polygon } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { ABSOLUTE_FLOOR_M2, RELATIVE_TOLERANCE } from '../../bench/compare.ts';
import { geometryAreaM2, ringSignedAreaM2 } from '../../src/geo/area.ts';
import { findOverlaps, OVERLAP_EPSILON_M2, overlapGeometry } from '../../src/geo/overlap.ts';
import { PEER_DIR } from '../support/peer.ts';

type AnyFeature = Feature<Geometry | null>;

const PEER = `${PEER_DIR}/turf-intersect`;
const OWN = join(import.meta.dirname, '../fixtures/overlap');

function read(path: string): FeatureCollection<Geometry | null> {
  return JSON.parse(readFileSync(path, 'utf8'));
}

/** Our single pair's area for two features, 0 when findOverlaps finds none. */
function oursM2(a: AnyFeature, b: AnyFeature): number {
  const pairs = findOverlaps([a], [b]);
  expect(pairs.length).toBeLessThanOrEqual(1);
  if (pairs[0]) expect(pairs[0]).toMatchObject({ a: 0, b: 0 });
  return pairs[0]?.m2 ?? 0;
}

function expectClose(ours: number, reference: number): void {
  const tolerance = Math.max(RELATIVE_TOLERANCE * reference, ABSOLUTE_FLOOR_M2);
  expect(Math.abs(ours - reference), `ours ${ours} m², reference ${reference} m²`).toBeLessThanOrEqual(
    tolerance,
  );
}

const isAreal = (feature: AnyFeature | undefined) =>
  feature?.geometry?.type === 'Polygon' || feature?.geometry?.type === 'MultiPolygon';

describe('peer fixtures: Turf intersect test/in and test/out', () => {
  const names = readdirSync(join(PEER, 'in')).filter((name) => name.endsWith('.geojson'));
  for (const name of names) {
    const outName = name.replace(/^skip-/, '');
    it(name, () => {
      const [a, b] = read(join(PEER, 'in', name)).features as [AnyFeature, AnyFeature];
      const ours = oursM2(a, b);
      expect(Number.isFinite(ours)).toBe(true);
      if (!isAreal(a) || !isAreal(b)) {
        expect(ours).toBe(0); // a line or a point shares no area with anything
        return;
      }
      if (existsSync(join(PEER, 'out', outName))) {
        const shared = read(join(PEER, 'out', outName)).features[2];
        const reference = shared ? geometryAreaM2(shared.geometry) : 0;
        expectClose(ours, reference > OVERLAP_EPSILON_M2 ? reference : 0);
        return;
      }
      // No out/ file (Turf skips or once hung on these): each is checked by what it is.
      if (name === 'missing-islands-2084.geojson') {
        // Invalid (holes inside holes, holes crossing the shell): the validator rejects it, and clippers
        // disagree on what it means. Only no hang, no NaN, and a bounded answer are asked here.
        expect(ours).toBeGreaterThan(0);
        expect(ours).toBeLessThanOrEqual(geometryAreaM2(b.geometry));
      } else if (
        name === 'infinite-loop-2705.geojson' ||
        name === 'unable-to-complete-output-ring-2048-2.geojson'
      ) {
        // Malformed (rings nested one level too deep) and not longitude/latitude (coordinates in the
        // hundreds): neither has an ellipsoidal area, so neither overlaps; what matters is no hang.
        expect(ours).toBe(0);
      } else {
        const shared = intersect(featureCollection([a, b] as Feature<Polygon | MultiPolygon>[]));
        expectClose(ours, shared ? geometryAreaM2(shared.geometry) : 0);
      }
    });
  }
});

describe('own fixtures: degenerate pairs', () => {
  const names = readdirSync(join(OWN, 'in')).filter((name) => name.endsWith('.geojson'));
  for (const name of names) {
    it(name, () => {
      const [a, b] = read(join(OWN, 'in', name)).features as [AnyFeature, AnyFeature];
      const outPath = join(OWN, 'out', name);
      if (process.env.REGEN) {
        const shared = intersect(featureCollection([a, b] as Feature<Polygon | MultiPolygon>[]));
        const colour = (feature: AnyFeature, fill: string, opacity: number) => ({
          ...feature,
          properties: { ...feature.properties, fill, 'fill-opacity': opacity },
        });
        const features = [colour(a, '#F00', 0.5), colour(b, '#00F', 0.5)];
        if (shared && geometryAreaM2(shared.geometry) > OVERLAP_EPSILON_M2)
          features.push(colour(shared, '#0F0', 1));
        writeFileSync(outPath, `${JSON.stringify(featureCollection(features as Feature[]), null, 1)}\n`);
      }
      const shared = read(outPath).features[2];
      const reference = shared ? geometryAreaM2(shared.geometry) : 0;
      const ours = oursM2(a, b);
      expectClose(ours, reference);
      // Symmetric, and the same in self mode.
      expectClose(oursM2(b, a), reference);
      expect(findOverlaps([a, b]).map((pair) => [pair.a, pair.b])).toEqual(ours > 0 ? [[0, 1]] : []);
      if (/^(touching|vertex-on-edge|polygon-equals-hole|shared-diagonal|zero-area-polygon)/.test(name)) {
        expect(ours).toBe(0);
      }
    });
  }
});

describe('findOverlaps contract', () => {
  const square = (x: number, y: number, size: number, id: string): Feature<Polygon> =>
    polygon(
      [
        [
          [x, y],
          [x + size, y],
          [x + size, y + size],
          [x, y + size],
          [x, y],
        ],
      ],
      { id },
    );
  const plots: AnyFeature[] = [
    square(112.9, 22.7, 0.002, 'p0'),
    { type: 'Feature', properties: { id: 'no-geometry' }, geometry: null },
    square(112.901, 22.701, 0.002, 'p2'),
    {
      type: 'Feature',
      properties: { id: 'point' },
      geometry: { type: 'Point', coordinates: [112.9005, 22.7005] },
    },
    square(112.95, 22.75, 0.001, 'p4'),
  ];
  const zones: AnyFeature[] = [
    square(112.9015, 22.7015, 0.0003, 'z0'),
    square(112.8995, 22.6995, 0.01, 'z1'),
  ];

  it('pairs every overlapping plot and zone, sorted by a then b, skipping features without area', () => {
    const pairs = findOverlaps(plots, zones);
    expect(pairs.map((pair) => [pair.a, pair.b])).toEqual([
      [0, 0],
      [0, 1],
      [2, 0],
      [2, 1],
    ]);
    // Wholly inside: the overlap is the smaller polygon's own area.
    expect(pairs[0]?.m2).toBeCloseTo(geometryAreaM2(zones[0]?.geometry), 6);
    expect(pairs[1]?.m2).toBeCloseTo(geometryAreaM2(plots[0]?.geometry), 6);
  });

  it('self mode gives pairs a < b only', () => {
    expect(findOverlaps(plots).map((pair) => [pair.a, pair.b])).toEqual([[0, 2]]);
    expect(findOverlaps([])).toEqual([]);
    expect(findOverlaps(plots, [])).toEqual([]);
  });

  it('reports progress up to the total and stops when aborted', () => {
    const seen: [number, number][] = [];
    findOverlaps(plots, zones, { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.at(-1)).toEqual([plots.length, plots.length]);
    const controller = new AbortController();
    controller.abort(new Error('stopped'));
    expect(() => findOverlaps(plots, zones, { signal: controller.signal })).toThrow('stopped');
  });

  it('overlapGeometry gives Turf’s shared polygon, or null when there is no shared area', () => {
    const shared = overlapGeometry(plots[0] as AnyFeature, plots[2] as AnyFeature);
    expect(shared?.geometry.type).toBe('Polygon');
    expectClose(geometryAreaM2(shared?.geometry), findOverlaps(plots)[0]?.m2 ?? 0);
    expect(overlapGeometry(plots[0] as AnyFeature, plots[4] as AnyFeature)).toBeNull();
    expect(overlapGeometry(plots[0] as AnyFeature, plots[3] as AnyFeature)).toBeNull();
    const touching = square(112.902, 22.7, 0.002, 'touching');
    expect(overlapGeometry(plots[0] as AnyFeature, touching)).toBeNull();
  });

  it('measures with the national formula, not by winding: a clockwise shell is still its area', () => {
    const ring = (plots[0] as Feature<Polygon>).geometry.coordinates[0] ?? [];
    const clockwise = polygon([[...ring].reverse()]);
    expect(ringSignedAreaM2(ring)).not.toBe(0);
    expectClose(
      findOverlaps([clockwise], [plots[0] as AnyFeature])[0]?.m2 ?? 0,
      geometryAreaM2(clockwise.geometry),
    );
  });
});
