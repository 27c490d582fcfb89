// The zone tools' region of tiled plots (src/app/zones/draw/region.ts) against a stubbed server that
// answers GET /api/layers/:layer/features?bbox=… from a grid of plots, cutting at `cap` features: the
// view doubled when drawing starts, nothing more while the outline stays inside, the new region (and
// only its new plots) when it leaves, 'too many' when the answer was cut, nothing while no layer is tiled.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAtlas } from '../../../../src/app/state/store.ts';
import { ZoneRegion } from '../../../../src/app/zones/draw/region.ts';
import type { Box } from '../../../../src/geo/zone-region.ts';

/** Plot (i, j): a 0.001° square at 113 + 0.002 i, 22.7 + 0.002 j, for i, j in 0…49. */
function plot(i: number, j: number) {
  const x = 113 + 0.002 * i;
  const y = 22.7 + 0.002 * j;
  const id = `地块-${i}-${j}`;
  return {
    type: 'Feature',
    id,
    properties: { id, version: 1 },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 0.001, y],
          [x + 0.001, y + 0.001],
          [x, y + 0.001],
          [x, y],
        ],
      ],
    },
  };
}
const GRID = Array.from({ length: 2500 }, (_, k) => plot(k % 50, Math.floor(k / 50)));

let asked: { layer: string; box: number[] }[] = [];
let cap = 1000;

beforeEach(() => {
  asked = [];
  cap = 1000;
  useAtlas.setState({ tiled: { plots: { count: GRID.length, revision: 'r1' } } });
  vi.stubGlobal('fetch', async (url: string) => {
    const { pathname, searchParams } = new URL(String(url), 'http://atlas.test');
    const layer = pathname.split('/')[3] as string;
    const box = (searchParams.get('bbox') ?? '').split(',').map(Number);
    asked.push({ layer, box });
    const [w, s, e, n] = box as [number, number, number, number];
    const meets = GRID.filter((f) => {
      const [x, y] = (f.geometry.coordinates[0] as number[][])[0] as number[];
      return (
        (x as number) <= e && (x as number) + 0.001 >= w && (y as number) <= n && (y as number) + 0.001 >= s
      );
    });
    const body = { type: 'FeatureCollection', features: meets.slice(0, cap), truncated: meets.length > cap };
    return new Response(JSON.stringify(body), { status: 200 });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  useAtlas.setState({ tiled: {} });
});

const ids = (region: ZoneRegion) => region.features.plots.map((f) => String(f.id));

describe('ZoneRegion', () => {
  it('fetches the view doubled when drawing starts, then nothing while the outline stays inside it', async () => {
    const view: Box = [113.01, 22.71, 113.02, 22.72];
    const region = new ZoneRegion(() => view);
    expect(await region.ensure(view, true)).toBe(true);
    expect(asked.map(({ layer, box }) => [layer, box.map((v) => Number(v.toFixed(6)))])).toEqual([
      ['plots', [113.005, 22.705, 113.025, 22.725]],
    ]);
    // The plots whose box meets [113.005, 22.705, 113.025, 22.725]: i 2…12, j 2…12.
    expect(ids(region)).toHaveLength(11 * 11);
    expect(await region.ensure([113.011, 22.711, 113.019, 22.719])).toBe(true);
    expect(asked).toHaveLength(1);
  });

  it('fetches the region the outline moved into, keeping only the plots it did not hold', async () => {
    const view: Box = [113.01, 22.71, 113.02, 22.72];
    const region = new ZoneRegion(() => view);
    await region.ensure(view, true);
    const before = ids(region);
    // The outline stretches east out of the fetched box; several readouts ask before the fetch.
    const outline: Box = [113.015, 22.712, 113.04, 22.718];
    const answers = await Promise.all([region.ensure(outline), region.ensure(outline)]);
    expect(answers).toEqual([true, true]);
    expect(asked).toHaveLength(2);
    // The union of view and outline [113.01, 22.71, 113.04, 22.72] doubled.
    expect(asked[1]?.box.map((v) => Number(v.toFixed(6)))).toEqual([112.995, 22.705, 113.055, 22.725]);
    const after = ids(region);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(new Set(after).size).toBe(after.length);
    expect(after).toContain('地块-27-5');
  });

  it('says the region is too dense when the answer was cut, and does not ask again for a larger box', async () => {
    cap = 50;
    const county: Box = [113, 22.7, 113.1, 22.8];
    const region = new ZoneRegion(() => county);
    expect(await region.ensure(county, true)).toBe(false);
    expect(asked).toHaveLength(1);
    // A small outline at that view: its own box doubled is asked for, and comes whole.
    expect(await region.ensure([113.0101, 22.7101, 113.0119, 22.7119], true)).toBe(true);
    expect(asked).toHaveLength(2);
    // The county again: known too dense, not asked for.
    expect(await region.ensure(county, true)).toBe(false);
    expect(asked).toHaveLength(2);
  });

  it('a reset forgets what was fetched; no tiled layer, nothing is fetched', async () => {
    const view: Box = [113.01, 22.71, 113.02, 22.72];
    const region = new ZoneRegion(() => view);
    await region.ensure(view, true);
    const generation = region.generation;
    region.reset();
    expect([region.generation, ids(region)]).toEqual([generation + 1, []]);
    await region.ensure(view, true);
    expect(asked).toHaveLength(2);
    useAtlas.setState({ tiled: {} });
    region.reset();
    expect(await region.ensure(view, true)).toBe(true);
    expect([asked.length, ids(region)]).toEqual([2, []]);
  });
});
