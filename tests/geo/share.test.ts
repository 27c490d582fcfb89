// The share rule on hand-made fixtures (tests/fixtures/share): six squares in one row have equal
// ellipsoidal areas u (a lat/lon rectangle's area is proportional to its longitude span), so every
// expected figure below is worked out by hand in units of u; only u itself is measured.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SHARE_RULE } from '../../src/domain/landuse.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import { OUTSIDE, type ShareTotals, shareOfNewLand, UNKNOWN } from '../../src/geo/share.ts';

const DIR = join(import.meta.dirname, '../fixtures/share');
const layer = (name: string) =>
  (JSON.parse(readFileSync(join(DIR, name), 'utf8')) as FeatureCollection<Geometry | null>).features;
const newland = layer('newland.geojson');
const parks = layer('parks.geojson');
const towns = layer('towns.geojson');
const u = geometryAreaM2(newland[0]?.geometry);

/** Expected totals in units of u: [manufacturing, infrastructure, other], share, meets the 0.8 target. */
function expectTotals(
  actual: ShareTotals | undefined,
  [m, i, o]: number[],
  share: number | null,
  meets: boolean | null,
) {
  expect(actual).toBeDefined();
  const t = actual as ShareTotals;
  const close = (value: number, units: number) => expect(Math.abs(value - units * u)).toBeLessThan(1e-9 * u);
  close(t.manufacturingM2, m as number);
  close(t.infrastructureM2, i as number);
  close(t.otherM2, o as number);
  close(t.totalM2, (m as number) + (i as number) + (o as number));
  if (share === null) expect(t.share).toBeNull();
  else expect(t.share).toBeCloseTo(share, 9);
  expect(t.meetsTarget).toBe(meets);
  expect(t.target).toBe(0.8);
}

describe('shareOfNewLand', () => {
  it('the squares are equal, so hand arithmetic in u holds', () => {
    for (const feature of newland)
      expect(Math.abs(geometryAreaM2(feature.geometry) - u)).toBeLessThan(1e-9 * u);
  });

  const report = shareOfNewLand(newland, { parks });

  it('overall: 3 manufacturing ÷ (6 − 2 infrastructure) = 0.75, short of 80%', () => {
    expectTotals(report.overall, [3, 2, 1], 0.75, false);
  });

  it('by year: 2023 is 2 ÷ 2, 2024 is 1 ÷ 2 (a year given as text joins the same group)', () => {
    expect(report.byYear.map((group) => group.key)).toEqual(['2023', '2024']);
    expectTotals(report.byYear[0], [2, 1, 0], 1, true);
    expectTotals(report.byYear[1], [1, 1, 1], 0.5, false);
  });

  it('by park: the parts inside each park, then outside every park', () => {
    expect(report.byPark.map((group) => [group.key, group.name])).toEqual([
      ['PK-A', '园区甲'],
      ['PK-B', '园区乙'],
      ['PK-C', '园区丙'],
      [OUTSIDE, OUTSIDE],
    ]);
    expectTotals(report.byPark[0], [2.5, 0, 0], 1, true);
    expectTotals(report.byPark[1], [0, 1, 0.5], 0, false);
    expectTotals(report.byPark[2], [0, 0, 0], null, null); // a park with no new land: nothing to judge
    expectTotals(report.byPark[3], [0.5, 1, 0.5], 0.5, false);
  });

  it('by town from the parcels’ own property, parcels without one under unknown', () => {
    expect(report.byTown.map((group) => group.key)).toEqual(['共和镇', '沙坪街道', UNKNOWN]);
    expectTotals(report.byTown[0], [1, 1, 1], 0.5, false);
    expectTotals(report.byTown[1], [2, 0, 0], 1, true);
    expectTotals(report.byTown[2], [0, 1, 0], null, null); // all infrastructure: share undefined
  });

  it('by town from a towns layer when one is given (towns sharing a border split nothing twice)', () => {
    const byTown = shareOfNewLand(newland, { towns }).byTown;
    expect(byTown.map((group) => group.key)).toEqual(['T-W', 'T-E', OUTSIDE]);
    expectTotals(byTown[0], [3, 0, 0], 1, true);
    expectTotals(byTown[1], [0, 2, 1], 0, false);
    expectTotals(byTown[2], [0, 0, 0], null, null);
  });

  it('the rule is configurable: a 70% target is met, and other prefixes change the classes', () => {
    const lower = shareOfNewLand(newland, { rule: { ...DEFAULT_SHARE_RULE, target: 0.7 } }).overall;
    expect(lower.share).toBeCloseTo(0.75, 9);
    expect(lower.meetsTarget).toBe(true);
    const noInfrastructure = shareOfNewLand(newland, {
      rule: { ...DEFAULT_SHARE_RULE, infrastructurePrefixes: [] },
    });
    expect(noInfrastructure.overall.share).toBeCloseTo(3 / 6, 9);
    expect(noInfrastructure.overall.infrastructureM2).toBe(0);
  });

  it('no parcels, or parcels without area or code: a full report, nothing to judge', () => {
    const empty = shareOfNewLand([], { parks });
    expect(empty.overall).toMatchObject({ totalM2: 0, share: null, meetsTarget: null });
    expect(empty.byYear).toEqual([]);
    expect(empty.byPark).toHaveLength(parks.length + 1);
    const odd: Feature<Geometry | null>[] = [
      { type: 'Feature', properties: { year: 2025 }, geometry: newland[0]?.geometry ?? null },
      { type: 'Feature', properties: { landUse: '1001', year: 2025 }, geometry: null },
    ];
    const report = shareOfNewLand(odd);
    expectTotals(report.overall, [0, 0, 1], 0, false); // no code counts as other; no geometry, no area
  });
});
