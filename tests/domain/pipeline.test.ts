// The project pipeline against a hand-worked fixture and the sample's stage counts (geodata/README.md).
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { projectPipeline } from '../../src/domain/pipeline.ts';

const project = (
  stage: string | null,
  planned: number,
  completed: number,
  dates: Record<string, string> = {},
) => ({
  stage,
  investmentPlanned: planned,
  investmentCompleted: completed,
  signedOn: '2025-01-02',
  listedOn: null,
  ...dates,
});

describe('projectPipeline', () => {
  // 1 signed; 2 signed with a listing date recorded; 3 listed; 4 started; 5 registered; 6 no stage.
  const report = projectPipeline([
    project('signed', 10, 0),
    project('signed', 5, 0.5, { listedOn: '2025-03-01' }),
    project('listed', 2, 1, { listedOn: '2025-02-01' }),
    project('started', 20, 8, { listedOn: '2025-01-05', deliveredOn: '2025-02-05', startedOn: '2025-04-01' }),
    project('registered', 3.5, 4),
    project(null, 99, 99),
  ]);

  it('counts the projects now at each stage with their investment', () => {
    expect(report.stages.map((s) => [s.stage, s.count])).toEqual([
      ['signed', 2],
      ['listed', 1],
      ['delivered', 0],
      ['started', 1],
      ['producing', 0],
      ['registered', 1],
    ]);
    expect(report.stages[0]?.plannedYi).toBeCloseTo(15, 12);
    expect(report.stages[0]?.completedYi).toBeCloseTo(0.5, 12);
    expect(report.stages[3]?.plannedYi).toBe(20);
    expect(report.signed).toBe(5);
    expect(report.plannedYi).toBeCloseTo(40.5, 12);
    expect(report.completedYi).toBeCloseTo(13.5, 12);
    expect(report.unstaged).toBe(1);
  });

  it('counts a stage reached when the project is at it or later, or its date is set', () => {
    // listed: 2 (date), 3, 4, 5; delivered, started: 4, 5 (5 is later without dates); registered: 5.
    expect(report.stages.map((s) => s.reached)).toEqual([5, 4, 2, 2, 1, 1]);
    expect(report.rates).toEqual([
      { stage: 'listed', reached: 4, of: 5, rate: 0.8 },
      { stage: 'delivered', reached: 2, of: 5, rate: 0.4 },
      { stage: 'started', reached: 2, of: 5, rate: 0.4 },
      { stage: 'registered', reached: 1, of: 5, rate: 0.2 },
    ]);
  });

  it('gives null rates and zeros without projects', () => {
    const empty = projectPipeline([]);
    expect(empty.signed).toBe(0);
    expect(empty.rates.every((rate) => rate.rate === null && rate.of === 0)).toBe(true);
  });

  it('reads the sample: 6 signed, 4 listed, 5 delivered, 10 started, 15 producing, 8 registered', () => {
    const text = readFileSync(new URL('../../geodata/projects.geojson', import.meta.url), 'utf8');
    const projects = (JSON.parse(text) as FeatureCollection).features.map((f) => f.properties);
    const sample = projectPipeline(projects);
    expect(sample.stages.map((s) => s.count)).toEqual([6, 4, 5, 10, 15, 8]);
    expect(sample.signed).toBe(48);
    // Every reached stage has its date and no later one does, so reached = at the stage or later.
    expect(sample.rates.map((r) => r.reached)).toEqual([42, 38, 33, 8]);
    expect(sample.rates[0]?.rate).toBeCloseTo(42 / 48, 12);
  });
});
