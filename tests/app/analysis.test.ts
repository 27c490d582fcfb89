// The analysis the worker runs (src/geo/analysis.ts): plots per park on a hand-worked fixture, and on
// the sample the 8 deliberate overlaps, the crossings' parks and the 82.9% share (geodata/README.md).
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { prepareAnalysis, runAnalysis, SLICE } from '../../src/geo/analysis.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import { findPreparedOverlaps, prepareFeatures } from '../../src/geo/overlap.ts';
import { ALL_PLOTS, OUTSIDE } from '../../src/geo/plots-by-park.ts';

function box(
  id: string,
  west: number,
  east: number,
  properties: Record<string, unknown> = {},
): Feature<Polygon> {
  const [south, north] = [22.7, 22.71];
  return {
    type: 'Feature',
    id,
    properties: { id, ...properties },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [west, south],
          [east, south],
          [east, north],
          [west, north],
          [west, south],
        ],
      ],
    },
  };
}

function sample(name: string): Feature[] {
  const text = readFileSync(new URL(`../../geodata/${name}.geojson`, import.meta.url), 'utf8');
  return (JSON.parse(text) as FeatureCollection).features;
}

describe('plots per park (hand-worked)', () => {
  // Two parks 0.01° apart; plots are strips of the parks' full height, so overlaps go by longitude.
  const parks = [
    { ...box('P1', 112.9, 112.92), properties: { id: 'P1', name: '一园' } },
    { ...box('P2', 112.93, 112.95), properties: { id: 'P2', name: '二园' } },
  ];
  const plots = [
    box('A', 112.901, 112.905, { status: 'identified', grade: 'A' }), // inside P1
    box('B', 112.915, 112.925, { status: 'inspected', grade: 'C' }), // half in P1, half in the gap
    box('C', 112.926, 112.932, { status: 'identified', grade: 'C' }), // a third in P2: still P2
    box('D', 112.918, 112.934, { status: 'completed', grade: 'D' }), // 0.002° in P1, 0.004° in P2 → P2
    box('E', 113.0, 113.005, { status: 'rectifying', grade: 'B' }), // in no park
  ];
  const area = (id: string) => geometryAreaM2(plots.find((plot) => plot.id === id)?.geometry ?? null);
  const result = runAnalysis(prepareAnalysis({ plots, parks, newland: [], projects: [] }));
  const rows = Object.fromEntries(result.plotsByPark.parks.map((row) => [row.key, row]));

  it('puts each plot in the park it overlaps most, and the rest outside', () => {
    expect(result.plotsByPark.parks.map((row) => [row.key, row.name, row.total.count])).toEqual([
      ['P1', '一园', 2],
      ['P2', '二园', 2],
      [OUTSIDE, OUTSIDE, 1],
    ]);
    expect(rows.P1?.total.areaM2).toBeCloseTo(area('A') + area('B'), 3);
    expect(rows.P2?.total.areaM2).toBeCloseTo(area('C') + area('D'), 3);
    expect(rows[OUTSIDE]?.total.areaM2).toBeCloseTo(area('E'), 3);
  });

  it('breaks each park down by status and grade, zeros included', () => {
    // Areas from the prepared layer agree with src/geo/area.ts to rounding (about 1e-15 relative).
    const cell = (c: { count: number; areaM2: number } | undefined) => [c?.count, Math.round(c?.areaM2 ?? 0)];
    const P2 = rows.P2;
    expect(
      [P2?.byStatus.identified, P2?.byStatus.inspected, P2?.byStatus.rectifying, P2?.byStatus.completed].map(
        cell,
      ),
    ).toEqual([
      [1, Math.round(area('C'))],
      [0, 0],
      [0, 0],
      [1, Math.round(area('D'))],
    ]);
    expect(Object.keys(P2?.byStatus ?? {})).toEqual(['identified', 'inspected', 'rectifying', 'completed']);
    expect(cell(rows.P1?.byGrade.A)).toEqual([1, Math.round(area('A'))]);
    expect(cell(rows.P1?.byGrade.C)).toEqual([1, Math.round(area('B'))]);
    expect(rows.P2?.byGrade.C?.count).toBe(1);
    expect(rows.P2?.byGrade.D?.count).toBe(1);
    const all = result.plotsByPark.all;
    expect(all.key).toBe(ALL_PLOTS);
    expect(all.total.count).toBe(5);
    expect(all.byStatus.identified?.count).toBe(2);
    expect(cell(all.byGrade.B)).toEqual([1, Math.round(area('E'))]);
  });

  it('finds the plot overlaps B × D and C × D with their shared areas, largest first', () => {
    expect(result.overlaps.map((pair) => [pair.a, pair.b])).toEqual([
      ['B', 'D'], // 0.007° wide
      ['C', 'D'], // 0.006° wide
    ]);
    const shared = box('BD', 112.918, 112.925);
    expect(result.overlaps[0]?.m2).toBeCloseTo(geometryAreaM2(shared.geometry), 4);
  });
});

describe('the analysis of the sample layers', () => {
  const layers = {
    plots: sample('plots'),
    parks: sample('parks'),
    newland: sample('newland'),
    projects: sample('projects'),
  };
  const prepared = prepareAnalysis(layers);
  const progress: number[] = [];
  const result = runAnalysis(prepared, { onProgress: (step) => progress.push(step.fraction) });

  it('finds exactly the 8 deliberate overlaps of geodata/README.md', () => {
    const readme = readFileSync(new URL('../../geodata/README.md', import.meta.url), 'utf8');
    const listed = [...readme.matchAll(/- overlap: (HS-DX-\d+) × (HS-DX-\d+)/g)].map((m) =>
      [m[1], m[2]].sort().join(' × '),
    );
    expect(listed).toHaveLength(8);
    expect(result.overlaps.map((pair) => [pair.a, pair.b].sort().join(' × ')).sort()).toEqual(listed.sort());
    for (let i = 1; i < result.overlaps.length; i++) {
      expect(result.overlaps[i - 1]?.m2).toBeGreaterThanOrEqual(result.overlaps[i]?.m2 ?? 0);
    }
  });

  it('slices the work and still finds what the engine finds in one go', () => {
    expect(layers.plots.length).toBeGreaterThan(SLICE);
    const engine = findPreparedOverlaps(prepareFeatures(layers.plots));
    const byKey = new Map(result.overlaps.map((pair) => [`${pair.a}|${pair.b}`, pair.m2]));
    expect(engine).toHaveLength(result.overlaps.length);
    for (const { a, b, m2 } of engine) {
      expect(byKey.get(`${prepared.plotIds[a]}|${prepared.plotIds[b]}`)).toBe(m2);
    }
  });

  it('counts every plot once; crossing plots go to the park they cross', () => {
    expect(result.plotsByPark.all.total.count).toBe(342);
    expect(result.plotsByPark.parks.reduce((sum, row) => sum + row.total.count, 0)).toBe(342);
    const total = layers.plots.reduce((sum, plot) => sum + geometryAreaM2(plot.geometry), 0);
    expect(result.plotsByPark.all.total.areaM2).toBeCloseTo(total, 3);
    // 252 drawn inside the parks + 6 crossings; the 8 overlapping pairs are placed either way.
    const outside = result.plotsByPark.parks.find((row) => row.key === OUTSIDE);
    expect(outside?.total.count).toBeGreaterThanOrEqual(76);
    expect(outside?.total.count).toBeLessThanOrEqual(76 + 16);
  });

  it('gives the overall manufacturing share of 82.9% and the pipeline', () => {
    expect(result.share?.overall.share).toBeCloseTo(0.829, 3);
    expect(result.share?.overall.meetsTarget).toBe(true);
    expect(result.pipeline.signed).toBe(48);
    expect(result.counts).toEqual({ plots: 342, parks: 6, newland: 180, projects: 48 });
  });

  it('reports progress rising to 1 and stops when aborted', () => {
    expect(progress.length).toBeGreaterThan(4);
    expect([...progress].sort((x, y) => x - y)).toEqual(progress);
    expect(progress.at(-1)).toBe(1);
    const controller = new AbortController();
    let steps = 0;
    let thrown: unknown = null;
    try {
      runAnalysis(prepared, {
        signal: controller.signal,
        onProgress: () => {
          if (++steps === 2) controller.abort();
        },
      });
    } catch (error) {
      thrown = error;
    }
    // The run stops by throwing the signal's own reason: an AbortError, not some other failure.
    expect(thrown).toBe(controller.signal.reason);
    expect(thrown).toMatchObject({ name: 'AbortError', message: 'This operation was aborted' });
    expect(steps).toBe(2);
  });
});
