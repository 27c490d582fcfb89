// `atlas overlap` run for real: on Turf's intersect fixtures (peer: in/ two features, out/ Turf's
// intersection), on a window of generated plots and zones against a brute-force Turf reference, and on
// the sample plots' deliberate overlaps (geodata/README.md).
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bbox, featureCollection, intersect } from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ABSOLUTE_FLOOR_M2, compareOverlaps, RELATIVE_TOLERANCE } from '../../bench/compare.ts';
import { generate } from '../../geodata/generate.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import { OVERLAP_EPSILON_M2, type OverlapPair } from '../../src/geo/overlap.ts';
import { PEER_DIR } from '../support/peer.ts';
import { type AtlasResult, atlasBatch, atlasMany, jsonLines, repo, STACK_TRACE } from './support/run.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

type AnyFeature = Feature<Geometry | null>;
type PolygonFeature = Feature<Polygon | MultiPolygon>;

const PEER = `${PEER_DIR}/turf-intersect`;

const read = (path: string): FeatureCollection<Geometry | null> => JSON.parse(readFileSync(path, 'utf8'));
const isAreal = (feature: AnyFeature | undefined): feature is PolygonFeature =>
  feature?.geometry?.type === 'Polygon' || feature?.geometry?.type === 'MultiPolygon';
const idOf = (feature: AnyFeature) => feature.id ?? feature.properties?.id ?? null;

/** The independent reference for one pair: Turf's clipping, then the ellipsoidal area of the result. */
function turfM2(a: AnyFeature, b: AnyFeature): number {
  if (!isAreal(a) || !isAreal(b)) return 0;
  const shared = intersect(featureCollection([a, b]));
  const m2 = shared ? geometryAreaM2(shared.geometry) : 0;
  return m2 > OVERLAP_EPSILON_M2 ? m2 : 0;
}

function expectClose(ours: number, reference: number): void {
  const tolerance = Math.max(RELATIVE_TOLERANCE * reference, ABSOLUTE_FLOOR_M2);
  expect(Math.abs(ours - reference), `ours ${ours} m², reference ${reference} m²`).toBeLessThanOrEqual(
    tolerance,
  );
}

/** Rows of `--json` as OverlapPairs, after checking their keys, order and ids. */
function pairsOf(result: AtlasResult, layerA: AnyFeature[], layerB = layerA): OverlapPair[] {
  expect(result.code, result.stderr).toBe(0);
  return jsonLines(result).map((row) => {
    expect(Object.keys(row)).toEqual(['a', 'b', 'aId', 'bId', 'm2']);
    const { a, b, m2 } = row as { a: number; b: number; m2: number };
    expect(row.aId).toBe(idOf(layerA[a] as AnyFeature));
    expect(row.bId).toBe(idOf(layerB[b] as AnyFeature));
    return { a, b, m2 };
  });
}

function expectSorted(pairs: readonly OverlapPair[]): void {
  for (let k = 1; k < pairs.length; k++) {
    const [p, q] = [pairs[k - 1] as OverlapPair, pairs[k] as OverlapPair];
    expect(p.a < q.a || (p.a === q.a && p.b < q.b), `pair ${k} out of order`).toBe(true);
  }
}

/** Brute force over every pair (i < j within one layer), no index: the reference for the engine. */
function referencePairs(layerA: AnyFeature[], layerB?: AnyFeature[]): OverlapPair[] {
  const pairs: OverlapPair[] = [];
  layerA.forEach((featureA, a) => {
    (layerB ?? layerA).forEach((featureB, b) => {
      if (!layerB && b <= a) return;
      const m2 = turfM2(featureA, featureB);
      if (m2 > 0) pairs.push({ a, b, m2 });
    });
  });
  return pairs;
}

function expectAgreement(ours: OverlapPair[], reference: OverlapPair[]): void {
  const agreement = compareOverlaps(ours, reference);
  expect(agreement.onlyOurs).toEqual([]);
  expect(agreement.onlyReference).toEqual([]);
  expect(agreement.agree, JSON.stringify(agreement.worst)).toBe(true);
}

describe('atlas overlap on the peer fixtures (Turf intersect in/ and out/)', () => {
  // These break the validator's rules (self-intersections, nested holes, a ring of one position, a
  // Feature without properties, projected coordinates): validation first, so problems and exit 1.
  const INVALID = [
    'infinite-loop-2705.geojson',
    'issue-1004.geojson',
    'issue-1394.geojson',
    'issue-702.geojson',
    'issue-820.geojson',
    'missing-islands-2084.geojson',
    'unable-to-complete-output-ring-2048-2.geojson',
  ];
  const names = readdirSync(join(PEER, 'in')).filter((name) => name.endsWith('.geojson'));
  const results = new Map<string, AtlasResult>();

  beforeAll(async () => {
    const runs = await atlasBatch(names.map((name) => ['overlap', join(PEER, 'in', name), '--json']));
    names.forEach((name, k) => {
      results.set(name, runs[k] as AtlasResult);
    });
  });

  it('covers every fixture, some with a pair and some without', () => {
    expect(names.length).toBeGreaterThanOrEqual(20);
    const withPair = [...results.values()].filter((result) => result.code === 0 && result.out.length === 1);
    expect(withPair.length).toBeGreaterThanOrEqual(5);
  });

  for (const name of names) {
    it(name, () => {
      const result = results.get(name) as AtlasResult;
      expect(result.stderr).not.toMatch(STACK_TRACE);
      if (INVALID.includes(name)) {
        expect(result.code).toBe(1);
        expect(result.out.length).toBeGreaterThan(0);
        for (const line of result.out) expect(line.startsWith(`${join(PEER, 'in', name)}: `)).toBe(true);
        return;
      }
      const layer = read(join(PEER, 'in', name)).features;
      expect(layer).toHaveLength(2);
      const pairs = pairsOf(result, layer);
      const [a, b] = layer as [AnyFeature, AnyFeature];
      const outPath = join(PEER, 'out', name.replace(/^skip-/, ''));
      let reference: number;
      if (!isAreal(a) || !isAreal(b))
        reference = 0; // a line or a point shares no area
      else if (existsSync(outPath)) {
        const shared = read(outPath).features[2];
        const m2 = shared ? geometryAreaM2(shared.geometry) : 0;
        reference = m2 > OVERLAP_EPSILON_M2 ? m2 : 0;
      } else reference = turfM2(a, b); // no out/ file: Turf's intersection here
      if (reference === 0) {
        expect(pairs).toEqual([]);
        return;
      }
      expect(pairs).toHaveLength(1);
      expect(pairs[0]).toMatchObject({ a: 0, b: 1 });
      expectClose((pairs[0] as OverlapPair).m2, reference);
    });
  }
});

describe('atlas overlap on generated layers, against brute-force Turf', () => {
  let plots: PolygonFeature[];
  let zones: PolygonFeature[];
  let runs: AtlasResult[];

  beforeAll(async () => {
    // The generator spreads 300 plots thinly over all Heshan, where they would meet a few zones and never
    // one another; a window of 300 plots from a dense layer, round a plot pushed into its neighbour, and
    // the zones reaching into it, give the engine real work: ~170 plot × zone pairs, 2 plot × plot.
    const generated = generate({ plots: 20_000, zones: 1_000, seed: 'atlas-cli' });
    const allPlots = (JSON.parse(generated.plotsText) as FeatureCollection<Polygon>).features;
    const centre = (feature: PolygonFeature) => {
      const [w, s, e, n] = bbox(feature);
      return [(w + e) / 2, (s + n) / 2] as const;
    };
    const [cx, cy] = centre(allPlots.find((plot) => plot.id === generated.shifted[2]) as PolygonFeature);
    const distance = allPlots.map((plot) => {
      const [x, y] = centre(plot);
      return Math.hypot(x - cx, y - cy);
    });
    const limit = [...distance].sort((p, q) => p - q)[299] as number;
    plots = allPlots.filter((_, k) => (distance[k] as number) <= limit);
    const [w0, s0, e0, n0] = bbox(featureCollection(plots));
    zones = (JSON.parse(generated.zonesText) as FeatureCollection<Polygon>).features.filter((zone) => {
      const [w, s, e, n] = bbox(zone);
      return w <= e0 && e >= w0 && s <= n0 && n >= s0;
    });
    const dir = mkdtempSync(join(tmpdir(), 'atlas-overlap-'));
    writeFileSync(join(dir, 'plots.geojson'), JSON.stringify(featureCollection(plots)));
    writeFileSync(join(dir, 'zones.geojson'), JSON.stringify(featureCollection(zones)));
    runs = await atlasBatch([
      ['overlap', join(dir, 'plots.geojson'), join(dir, 'zones.geojson'), '--json'],
      ['overlap', join(dir, 'plots.geojson'), '--json'],
      ['overlap', join(dir, 'zones.geojson'), '--json'],
    ]);
  });

  it('plots × zones: the same pairs as Turf, areas within 1e-6', () => {
    expect(plots).toHaveLength(300);
    expect(zones.length).toBeGreaterThanOrEqual(10);
    const ours = pairsOf(runs[0] as AtlasResult, plots, zones);
    expectSorted(ours);
    const reference = referencePairs(plots, zones);
    expect(reference.length).toBeGreaterThan(50);
    expectAgreement(ours, reference);
  });

  it('plots within one layer (i < j) and zones within one layer: the same as Turf', () => {
    const oursPlots = pairsOf(runs[1] as AtlasResult, plots);
    const referencePlots = referencePairs(plots);
    expect(referencePlots.length).toBeGreaterThanOrEqual(1);
    expectAgreement(oursPlots, referencePlots);
    const oursZones = pairsOf(runs[2] as AtlasResult, zones);
    expectSorted(oursZones);
    for (const pair of [...oursPlots, ...oursZones]) expect(pair.a).toBeLessThan(pair.b);
    expectAgreement(oursZones, referencePairs(zones));
  });
});

describe('atlas overlap on the sample and small cases', () => {
  it('finds exactly the 8 deliberate overlaps of geodata/plots.geojson, in both forms', async () => {
    const file = 'geodata/plots.geojson';
    const [json, human] = await atlasMany([
      ['overlap', file, '--json'],
      ['overlap', file],
    ]);
    const readme = readFileSync(join(repo, 'geodata/README.md'), 'utf8');
    const listed = [...readme.matchAll(/^- overlap: (\S+) × (\S+)$/gm)].map((m) =>
      [m[1], m[2]].sort().join(' '),
    );
    expect(listed).toHaveLength(8);
    const rows = jsonLines(json as AtlasResult);
    expect(rows.map((row) => [row.aId, row.bId].sort().join(' ')).sort()).toEqual(listed.sort());
    expectSorted(rows as unknown as OverlapPair[]);
    expect(human?.code).toBe(0);
    expect(human?.out).toHaveLength(8);
    rows.forEach((row, k) => {
      const m2 = row.m2 as number;
      const mu = (m2 / (2000 / 3)).toLocaleString('en-US', {
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
      const shown = m2.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      expect(human?.out[k]).toBe(`${row.a} ${row.aId} × ${row.b} ${row.bId} ${mu} 亩 (${shown} m²)`);
    });
    expect(human?.err.at(-1)).toBe('8 overlapping pairs.');
  });

  it('counts a lone Feature or geometry as one feature; points and lines take part in no pair', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlas-overlap-'));
    const square = (x: number): Polygon => ({
      type: 'Polygon',
      coordinates: [
        [
          [x, 22.77],
          [x + 0.01, 22.77],
          [x + 0.01, 22.78],
          [x, 22.78],
          [x, 22.77],
        ],
      ],
    });
    const lone = join(dir, 'lone.geojson');
    const bare = join(dir, 'bare.geojson');
    const mixed = join(dir, 'mixed.geojson');
    writeFileSync(
      lone,
      JSON.stringify({ type: 'Feature', properties: { id: 'P-1' }, geometry: square(113) }),
    );
    writeFileSync(bare, JSON.stringify(square(113.005)));
    writeFileSync(
      mixed,
      JSON.stringify(
        featureCollection<Geometry>([
          {
            type: 'Feature',
            id: 'pt',
            properties: {},
            geometry: { type: 'Point', coordinates: [113.006, 22.775] },
          },
          {
            type: 'Feature',
            properties: {},
            geometry: {
              type: 'LineString',
              coordinates: [
                [113, 22.775],
                [113.02, 22.775],
              ],
            },
          },
          { type: 'Feature', id: 7, properties: {}, geometry: square(113.002) },
          { type: 'Feature', properties: {}, geometry: square(113.01) }, // touches the lone square only
        ]),
      ),
    );
    const [pair, within] = await atlasMany([
      ['overlap', lone, bare, '--json'],
      ['overlap', mixed, lone, '--json'],
    ]);
    const rows = jsonLines(pair as AtlasResult);
    expect(rows.map(({ m2, ...rest }) => rest)).toEqual([{ a: 0, b: 0, aId: 'P-1', bId: null }]);
    expectClose(rows[0]?.m2 as number, 1_137_217 / 2); // half a 0.01° square at 22.77°N (PRODUCT.md)
    expect(jsonLines(within as AtlasResult).map(({ m2, ...rest }) => rest)).toEqual([
      { a: 2, b: 0, aId: 7, bId: 'P-1' },
    ]);
  });

  it('validates every file first: problems of both, exit 1, no pairs; usage errors exit 2', async () => {
    const bad = 'tests/fixtures/validate/in/plots-self-intersection.geojson';
    const [invalid, ...usage] = (await atlasBatch([
      ['overlap', bad, 'no/such.geojson'],
      ['overlap', 'geodata/plots.geojson', bad, 'no/such.geojson'], // a usage error before anything is read
      ['overlap'],
      ['overlap', 'geodata/plots.geojson', '--target', '0.8'],
      ['overlap', 'geodata/plots.geojson', '--lang', 'zh', '--json=yes'],
    ])) as [AtlasResult, ...AtlasResult[]];
    for (const result of usage) expect(result).toMatchObject({ code: 2, out: [] });
    expect(usage[0]?.err[0]).toBe('atlas overlap: overlap needs one FILE or two (A B)');
    expect(invalid.code).toBe(1);
    expect(invalid.out.join('\n')).toMatch(/crosses itself/);
    expect(invalid.out.at(-1)).toBe('no/such.geojson: no such file; check the path and the file name.');
    expect(invalid.out.join('\n')).not.toMatch(/×|"m2"/);
    expect(invalid.stderr).not.toMatch(STACK_TRACE);
  });
});
