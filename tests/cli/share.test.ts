// `atlas share` run for real: on the sample (against shareOfNewLand computed here) and on a hand-made
// fixture whose answer is worked out on paper (tests/fixtures/cli/README.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SHARE_RULE } from '../../src/domain/landuse.ts';
import { type ShareGroup, type ShareTotals, shareOfNewLand } from '../../src/geo/share.ts';
import { type AtlasResult, atlas, atlasBatch, jsonLines, repo, STACK_TRACE } from './support/run.ts';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const KEYS = ['totalM2', 'manufacturingM2', 'infrastructureM2', 'otherM2', 'share', 'target', 'meetsTarget'];
const NEWLAND = 'geodata/newland.geojson';
const PARKS = 'geodata/parks.geojson';
const HAND = 'tests/fixtures/cli/newland-hand.geojson';
const HAND_PARKS = 'tests/fixtures/cli/parks-hand.geojson';

const features = (path: string): Feature<Geometry | null>[] =>
  (JSON.parse(readFileSync(join(repo, path), 'utf8')) as FeatureCollection<Geometry | null>).features;

const totalsOf = ({ key, name, ...totals }: ShareGroup): ShareTotals => totals;

describe('atlas share --json on the sample', () => {
  let runs: AtlasResult[];
  beforeAll(async () => {
    runs = await atlasBatch([
      ['share', NEWLAND, '--json'],
      ['share', NEWLAND, '--json', '--by', 'year'],
      ['share', NEWLAND, '--json', '--by=park', '--parks', PARKS, '--target', '0.85'],
      ['share', NEWLAND, '--json', '--by', 'town'],
    ]);
  });

  it('prints the overall figures of shareOfNewLand, exactly those keys in that order', () => {
    const [overall] = runs as [AtlasResult];
    expect(overall.code).toBe(0);
    expect(overall.out).toHaveLength(1);
    const row = jsonLines(overall)[0] as Record<string, unknown>;
    expect(Object.keys(row)).toEqual(KEYS);
    expect(row).toEqual(shareOfNewLand(features(NEWLAND)).overall);
    expect(row).toMatchObject({ target: 0.8, meetsTarget: true });
    expect((row.share as number).toFixed(3)).toBe('0.829'); // geodata/README.md: 82.9%
  });

  it('breaks it down by year, park (with another target) and town, group first', () => {
    const newland = features(NEWLAND);
    const report = shareOfNewLand(newland, {
      parks: features(PARKS),
      rule: { ...DEFAULT_SHARE_RULE, target: 0.85 },
    });
    const byYear = shareOfNewLand(newland).byYear;
    const cases: [AtlasResult, ShareGroup[]][] = [
      [runs[1] as AtlasResult, byYear],
      [runs[2] as AtlasResult, report.byPark],
      [runs[3] as AtlasResult, shareOfNewLand(newland).byTown],
    ];
    for (const [result, groups] of cases) {
      expect(result.code).toBe(0);
      const rows = jsonLines(result);
      for (const row of rows) expect(Object.keys(row)).toEqual(['group', ...KEYS]);
      expect(rows).toEqual(groups.map((group) => ({ group: group.key, ...totalsOf(group) })));
    }
    expect(jsonLines(runs[1] as AtlasResult).map((row) => row.group)).toEqual([
      '2021',
      '2022',
      '2023',
      '2024',
      '2025',
      '2026',
    ]);
    expect(jsonLines(runs[2] as AtlasResult).at(-1)).toMatchObject({ group: 'outside', target: 0.85 });
  });
});

describe('atlas share on the hand-made fixture', () => {
  const U = 1_137_217; // one 0.01° square at 22.77°N, m² (PRODUCT.md); every parcel is one
  let runs: AtlasResult[];
  beforeAll(async () => {
    runs = await atlasBatch([
      ['share', HAND, '--json'],
      ['share', HAND, '--json', '--by', 'year', '--target', '0.6'],
      ['share', HAND, '--json', '--by', 'park', '--parks', HAND_PARKS],
      ['share', HAND, '--json', '--by', 'town'],
    ]);
  });

  /** Rows as [group, total, manufacturing, infrastructure, other] in units of U, share, meetsTarget. */
  const inUnits = (result: AtlasResult) =>
    jsonLines(result).map((row) => [
      ...(row.group === undefined ? [] : [row.group]),
      ...['totalM2', 'manufacturingM2', 'infrastructureM2', 'otherM2'].map((key) =>
        Number(((row[key] as number) / U).toFixed(4)),
      ),
      row.share === null ? null : Number((row.share as number).toFixed(6)),
      row.meetsTarget,
    ]);

  it('overall: 5U of land, 3U manufacturing, U infrastructure, U other: 75%, short of 80%', () => {
    expect(inUnits(runs[0] as AtlasResult)).toEqual([[5, 3, 1, 1, 0.75, false]]);
    const [row] = jsonLines(runs[0] as AtlasResult);
    expect(Math.abs((row?.totalM2 as number) - 5 * U)).toBeLessThan(5);
  });

  it('by year (target 60%), by park (half of XZ-H-3 inside PK-H1) and by town', () => {
    expect(inUnits(runs[1] as AtlasResult)).toEqual([
      ['2024', 2, 1, 1, 0, 1, true],
      ['2025', 3, 2, 0, 1, 0.666667, true],
    ]);
    expect(inUnits(runs[2] as AtlasResult)).toEqual([
      ['PK-H1', 2.5, 2, 0.5, 0, 1, true],
      ['PK-H2', 1, 1, 0, 0, 1, true],
      ['outside', 1.5, 0, 0.5, 1, 0, false],
    ]);
    expect(inUnits(runs[3] as AtlasResult)).toEqual([
      ['共和镇', 2, 1, 0, 1, 0.5, false],
      ['沙坪街道', 3, 2, 1, 0, 1, true],
    ]);
  });

  it('prints a table: areas in 亩, the share in %, ✔/✘ against the target, in English or Chinese', async () => {
    const en = atlas(['share', HAND, '--by', 'park', '--parks', HAND_PARKS]);
    expect(en.code).toBe(0);
    expect(en.out[0]).toMatch(
      /^park\s+total 亩\s+manufacturing 亩\s+infrastructure 亩\s+other 亩\s+share\s+target 80%$/,
    );
    expect(en.out.slice(1, 5).map((line) => line.split(/\s{2,}/))).toEqual([
      ['手算园区一 (PK-H1)', '4,264.56', '3,411.65', '852.91', '0.00', '100.0%', '✔'],
      ['手算园区二 (PK-H2)', '1,705.82', '1,705.82', '0.00', '0.00', '100.0%', '✔'],
      ['outside the parks', '2,558.74', '0.00', '852.91', '1,705.82', '0.0%', '✘'],
      ['all', '8,529.12', '5,117.47', '1,705.82', '1,705.82', '75.0%', '✘'],
    ]);
    expect(en.out[5]).toMatch(
      /^New construction land in all: 8,529.12 亩 = 568.6083 ha = 5,686,08\d.\d\d m²/,
    );
    // Columns line up: every row as wide as the header, counting a CJK character as two columns.
    const width = (text: string) =>
      [...text].reduce((sum, ch) => sum + (/[\u3000-\u9fff]/.test(ch) ? 2 : 1), 0);
    for (const line of en.out.slice(1, 5)) expect(width(line)).toBe(width(en.out[0] as string));
    const [zh] = (await atlasBatch([['share', HAND, '--lang', 'zh', '--target', '0.7']])) as [AtlasResult];
    expect(zh.code).toBe(0);
    expect(zh.out[0]).toMatch(/^\s+合计 亩\s+制造业 亩\s+基础设施 亩\s+其他 亩\s+制造业占比\s+目标 70%$/);
    expect(zh.out[1]?.split(/\s{2,}/)).toEqual([
      '合计',
      '8,529.12',
      '5,117.47',
      '1,705.82',
      '1,705.82',
      '75.0%',
      '✔',
    ]);
    expect(zh.out[2]).toMatch(/^新增建设用地合计 8,529.12 亩 = 568.6083 公顷 = /);
  });
});

describe('atlas share errors', () => {
  it('usage errors exit 2 (bad --target, --by, --by park without --parks, files); invalid data exits 1', async () => {
    const usage = [
      ['share', HAND, '--target', '0'],
      ['share', HAND, '--target', '1.5'],
      ['share', HAND, '--target', '80%'],
      ['share', HAND, '--target='],
      ['share', HAND, '--by', 'county'],
      ['share', HAND, '--by', 'park'],
      ['share'],
      ['share', HAND, HAND_PARKS],
      ['share', HAND, '--targte', '0.8'],
    ];
    const invalid = [
      ['share', 'tests/fixtures/validate/in/plots-self-intersection.geojson', '--json'],
      ['share', HAND, '--by', 'park', '--parks', 'no/such/parks.geojson'],
    ];
    const results = await atlasBatch([
      ...usage,
      ...invalid,
      ['share', HAND, '--target', '1', '--lang', 'zh'],
    ]);
    results.slice(0, usage.length).forEach((result, k) => {
      expect(result.code, usage[k]?.join(' ')).toBe(2);
      expect(result.out).toEqual([]);
    });
    expect(results[0]?.err[0]).toBe(
      'atlas share: --target must be a fraction above 0 and at most 1 (e.g. 0.8 for 80%), not 0',
    );
    expect(results[5]?.err[0]).toBe('atlas share: --by park needs --parks PARKS.geojson');
    const [selfCrossing, missingParks, zh] = results.slice(usage.length);
    expect(selfCrossing?.code).toBe(1);
    expect(selfCrossing?.out.join('\n')).toMatch(/crosses itself/);
    expect(selfCrossing?.out.join('\n')).not.toMatch(/"share"/);
    expect(missingParks?.code).toBe(1);
    expect(missingParks?.out).toEqual([
      'no/such/parks.geojson: no such file; check the path and the file name.',
    ]);
    expect(zh?.code).toBe(0); // a target of exactly 1 is allowed
    expect(zh?.out[1]).toMatch(/75\.0%\s+✘$/);
    for (const result of results) expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});
