// The analysis worker's API without the worker (src/worker/analysisApi.ts): layers loaded once, a run
// with progress, a run cancelled by its id while it works, and an overlap's geometry on demand.
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import { createAnalysisApi } from '../../src/worker/analysisApi.ts';

function sample(name: string): FeatureCollection {
  return JSON.parse(readFileSync(new URL(`../../geodata/${name}.geojson`, import.meta.url), 'utf8'));
}

const input = {
  plots: sample('plots'),
  parks: sample('parks'),
  newland: sample('newland'),
  projects: sample('projects'),
};

describe('the analysis worker API', () => {
  it('refuses to run before the layers are loaded', async () => {
    await expect(createAnalysisApi().run(1)).rejects.toThrow(/load/);
  });

  it('loads the layers once and runs with progress', async () => {
    const api = createAnalysisApi({ progressMs: 0 });
    expect(api.load(input)).toEqual({ plots: 342, parks: 6, newland: 180, projects: 48 });
    const fractions: number[] = [];
    const outcome = await api.run(1, (progress) => fractions.push(progress.fraction));
    expect(outcome.kind).toBe('done');
    if (outcome.kind !== 'done') return;
    expect(outcome.result.overlaps).toHaveLength(8);
    expect(JSON.parse(JSON.stringify(outcome.result))).toEqual(outcome.result);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions.length).toBeGreaterThan(4);
    expect(api.cancel(1)).toBe(false);
  });

  it('takes an edit as the changed features only, and the next run reflects it', async () => {
    const api = createAnalysisApi();
    api.load(input);
    const first = await api.run(1);
    if (first.kind !== 'done') throw new Error('cancelled');
    const gone = first.result.overlaps[0]?.a as string;
    expect(api.apply({ plots: { put: [], removed: [gone] } })).toEqual({
      plots: 341,
      parks: 6,
      newland: 180,
      projects: 48,
    });
    const second = await api.run(2);
    if (second.kind !== 'done') throw new Error('cancelled');
    expect(second.result.overlaps.some((pair) => pair.a === gone || pair.b === gone)).toBe(false);
    expect(second.result.overlaps.length).toBeLessThan(first.result.overlaps.length);
  });

  it('cancels a run by its id between slices', async () => {
    const turns: number[] = [];
    const api = createAnalysisApi({
      sliceMs: 0,
      yieldTurn: () =>
        new Promise((resolve) =>
          setImmediate(() => {
            turns.push(1);
            resolve();
          }),
        ),
    });
    api.load(input);
    const running = api.run(7);
    expect(api.cancel(8)).toBe(false);
    expect(api.cancel(7)).toBe(true);
    expect(await running).toEqual({ kind: 'cancelled' });
    expect(turns.length).toBeLessThanOrEqual(1);
    // The next run is not affected.
    expect((await api.run(9)).kind).toBe('done');
  });

  it('cuts the overlap of two plots, the area it reported', async () => {
    const api = createAnalysisApi();
    api.load(input);
    const outcome = await api.run(1);
    if (outcome.kind !== 'done') throw new Error('not done');
    const pair = outcome.result.overlaps[0];
    if (!pair) throw new Error('no overlap');
    const shape = api.overlapShape(pair.a, pair.b);
    expect(shape?.feature.properties).toEqual({ a: pair.a, b: pair.b });
    expect(geometryAreaM2(shape?.feature.geometry ?? null)).toBeCloseTo(pair.m2, 3);
    const [west, south, east, north] = shape?.bbox ?? [];
    expect((west ?? 0) < (east ?? 0) && (south ?? 0) < (north ?? 0)).toBe(true);
    expect(api.overlapShape('HS-DX-0001', 'HS-DX-0002')).toBeNull();
    expect(api.overlapShape('nope', pair.b)).toBeNull();
  });
});
