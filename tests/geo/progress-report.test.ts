// The progress report (进度通报) on a hand-made fixture (tests/fixtures/report): six equal squares of
// 0.001° in one row (each of area u), two parks (P1 holds plots 1–3, P2 plots 4–5, plot 6 lies outside),
// statuses, towns and deadlines chosen so every count below is worked out by hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import {
  chinaDayStart,
  OUTSIDE,
  progressReport,
  type ReportRow,
  type StatusChange,
  UNKNOWN,
} from '../../src/geo/progress-report.ts';

const DIR = join(import.meta.dirname, '../fixtures/report');
const layer = (name: string) =>
  (JSON.parse(readFileSync(join(DIR, name), 'utf8')) as FeatureCollection<Geometry | null>).features;
const plots = layer('plots.geojson');
const parks = layer('parks.geojson');
const u = geometryAreaM2(plots[0]?.geometry);

const square = (x: number, landUse: string, year: number): Feature => ({
  type: 'Feature',
  id: `N${x}`,
  properties: { id: `N${x}`, landUse, year },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, 22.8],
        [x + 0.001, 22.8],
        [x + 0.001, 22.801],
        [x, 22.801],
        [x, 22.8],
      ],
    ],
  },
});
const newland = [square(113, '100101', 2025), square(113.01, '1207', 2025), square(113.02, '0901', 2026)];
const projects: Feature[] = [
  { stage: 'registered', parkId: 'P1', listedOn: '2025-01-01' },
  { stage: 'signed', parkId: 'P1' },
  { stage: 'started', parkId: 'P2' },
  { stage: 'listed' },
].map((properties, index) => ({
  type: 'Feature',
  id: `XM-${index}`,
  properties: { id: `XM-${index}`, name: `项目${index}`, ...properties },
  geometry: { type: 'Point', coordinates: [112.97, 22.77] },
}));

const changes: StatusChange[] = [
  // HS-T-01 completed on 2026-06-01 China time (2026-05-31 16:30 UTC): counts from 2026-06-01.
  { id: 'HS-T-01', at: '2026-05-31T16:30:00.000Z', from: 'rectifying', to: 'completed' },
  // HS-T-02 completed long before: never counted from 2026-06-01.
  { id: 'HS-T-02', at: '2026-01-10T02:00:00.000Z', from: 'rectifying', to: 'completed' },
  // HS-T-03 completed after the date, then taken back: it is not completed now.
  { id: 'HS-T-03', at: '2026-07-01T02:00:00.000Z', from: 'rectifying', to: 'completed' },
  { id: 'HS-T-03', at: '2026-07-02T02:00:00.000Z', from: 'completed', to: 'rectifying' },
  // HS-T-06 (outside every park, no town) completed after the date.
  { id: 'HS-T-06', at: '2026-09-01T02:00:00.000Z', from: 'inspected', to: 'completed' },
  // A change between other statuses is no completion.
  { id: 'HS-T-05', at: '2026-08-01T02:00:00.000Z', from: 'identified', to: 'inspected' },
];

const report = progressReport({
  plots,
  parks,
  newland,
  projects,
  statusChanges: changes,
  since: '2026-06-01',
  today: '2026-12-01',
});

function expectCell(cell: { count: number; areaM2: number } | undefined, count: number) {
  expect(cell?.count).toBe(count);
  expect(Math.abs((cell?.areaM2 ?? Number.NaN) - count * u)).toBeLessThan(1e-9 * u);
}

const row = (rows: ReportRow[], key: string) => rows.find((candidate) => candidate.key === key);

describe('progressReport', () => {
  it('a China date starts at 16:00 UTC the day before', () => {
    expect(chinaDayStart('2026-06-01')).toBe('2026-05-31T16:00:00.000Z');
  });

  it('counts every plot once in the total, by status', () => {
    expectCell(report.all.total, 6);
    expectCell(report.all.byStatus.completed, 3);
    expectCell(report.all.byStatus.rectifying, 1);
    expectCell(report.all.byStatus.identified, 1);
    expectCell(report.all.byStatus.inspected, 1);
  });

  it('completed since the date: a change to 已完成 on or after it, and still completed now', () => {
    expectCell(report.all.completedSince, 2);
    expect(report.completedIds).toEqual(['HS-T-01', 'HS-T-06']);
    const later = progressReport({ ...inputFor('2026-06-02') });
    expect(later.completedIds).toEqual(['HS-T-06']);
  });

  it('overdue: deadline passed and not completed (HS-T-03, HS-T-05)', () => {
    expectCell(report.all.overdue, 2);
  });

  it('by town, in Chinese order, with the plots without a town last', () => {
    expect(report.byTown.map((r) => r.key)).toEqual(['龙口镇', '雅瑶镇', UNKNOWN]);
    const yayao = row(report.byTown, '雅瑶镇');
    expectCell(yayao?.total, 3);
    expectCell(yayao?.completedSince, 1);
    expectCell(yayao?.overdue, 1);
    expectCell(row(report.byTown, '龙口镇')?.overdue, 1);
    expectCell(row(report.byTown, UNKNOWN)?.completedSince, 1);
  });

  it('by park, each plot in the park it overlaps most, then those outside', () => {
    expect(report.byPark.map((r) => r.key)).toEqual(['P1', 'P2', OUTSIDE]);
    expect(row(report.byPark, 'P1')?.name).toBe('鹤山工业城');
    expectCell(row(report.byPark, 'P1')?.total, 3);
    expectCell(row(report.byPark, 'P1')?.byStatus.completed, 2);
    expectCell(row(report.byPark, 'P2')?.total, 2);
    expectCell(row(report.byPark, 'P2')?.overdue, 1);
    expectCell(row(report.byPark, OUTSIDE)?.total, 1);
  });

  it('the share of new land and the pipeline, overall and by park', () => {
    // 1 manufacturing ÷ (3 − 1 infrastructure) = 0.5
    expect(report.share?.overall.share).toBeCloseTo(0.5, 9);
    expect(report.pipeline.signed).toBe(4);
    const listed = report.pipeline.rates.find((rate) => rate.stage === 'listed');
    expect(listed?.reached).toBe(3);
    expect(report.pipelineByPark.map((group) => [group.key, group.pipeline.signed])).toEqual([
      ['P1', 2],
      ['P2', 1],
      [OUTSIDE, 1],
    ]);
  });

  it('without new land the share is null; with no plots every row is zero', () => {
    const empty = progressReport({ ...inputFor('2026-06-01'), plots: [], newland: [] });
    expect(empty.share).toBeNull();
    expectCell(empty.all.total, 0);
    expect(empty.byTown).toEqual([]);
    expect(empty.byPark.map((r) => r.key)).toEqual(['P1', 'P2']);
  });
});

function inputFor(since: string) {
  return { plots, parks, newland, projects, statusChanges: changes, since, today: '2026-12-01' };
}
