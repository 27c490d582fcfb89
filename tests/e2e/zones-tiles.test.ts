// Drawing a zone when the plots come as vector tiles (issue 10): with `tileThreshold: 0` the browser
// holds no plots layer (state.tiled.plots, state.layers.plots undefined); the zone tools fetch the
// plots of the region drawn (GET /api/layers/plots/features?bbox=…). The same outline — drawn at the
// same screen points, one a few pixels off a plot corner with snapping on — must read the same as with
// the plots loaded whole (the default threshold): the same plots with the same overlaps, the same area,
// the same snapped corner; and again once the zone is saved. At a desktop by mouse and a tablet by touch.
import { readFileSync } from 'node:fs';
import type { FeatureCollection, Polygon, Position } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserOptions,
  type BrowserSession,
  type ContextSession,
  DEVICES,
  openAndLogin,
  openBrowser,
  openContext,
  pressFor,
  type RunningApp,
  startApp,
  USERS,
} from './harness.ts';
import { appReady, mapIdle } from './map-page.ts';

const PLOTS = JSON.parse(
  readFileSync(new URL('../../geodata/plots.geojson', import.meta.url), 'utf8'),
) as FeatureCollection<Polygon>;
const PLOT = PLOTS.features[0] as (typeof PLOTS.features)[number];
const PLOT_ID = String(PLOT.properties?.id);
const PLOT_RING = PLOT.geometry.coordinates[0] as Position[];
const CORNER = PLOT_RING[0] as Position;
const CENTRE: [number, number] = [
  PLOT_RING.reduce((sum, p) => sum + (p[0] as number), 0) / PLOT_RING.length,
  PLOT_RING.reduce((sum, p) => sum + (p[1] as number), 0) / PLOT_RING.length,
];

interface Drawn {
  tiled: boolean;
  areaM2: number;
  /** Plot id and overlap (m², to the centimetre), largest overlap first, as the readout lists them. */
  plots: [string, number][];
  plotRows: string[];
  parks: string[];
  /** New construction land inside (m², to the centimetre) and its manufacturing share. */
  newLand: [number, number | null];
  plotsShare: number | null;
  ring: Position[];
}

async function readout(page: Page): Promise<Omit<Drawn, 'tiled' | 'plotRows'>> {
  return page.evaluate(() => {
    const state = window.__landAtlasZones?.getState();
    if (!state?.readout) throw new Error('no readout');
    const shape = state.history.present[0];
    return {
      areaM2: Math.round(state.readout.areaM2 * 100) / 100,
      plots: state.readout.plots.map((plot) => [plot.id, Math.round(plot.overlapM2 * 100) / 100]),
      parks: state.readout.parks.map((park) => park.id),
      newLand: [Math.round(state.readout.newLand.totalM2 * 100) / 100, state.readout.newLand.share],
      plotsShare: state.readout.plotsManufacturingShare,
      ring: (shape?.geometry.coordinates[0] ?? []) as Position[],
    } as Omit<Drawn, 'tiled' | 'plotRows'>;
  });
}

/** Logs in as the planner, draws one polygon at fixed screen points about the sample's first plot. */
async function drawAndSave(page: Page, url: string, touch: boolean): Promise<{ drawn: Drawn; saved: Drawn }> {
  const press = pressFor(touch);
  await openAndLogin(page, url, USERS.planner);
  await appReady(page);
  const tiled = await page.evaluate(() => {
    const state = window.__landAtlas?.store.getState();
    return Boolean(state?.tiled.plots) && state?.layers.plots === undefined;
  });
  await press(page.getByRole('button', { name: '绘制区域', exact: true }));
  const panel = page.getByRole('complementary', { name: '绘制区域' });
  await panel.waitFor({ state: 'visible' });
  expect(await panel.getByRole('switch', { name: '吸附' }).getAttribute('aria-checked')).toBe('true');
  await page.evaluate((centre) => {
    const map = window.__landAtlas?.map;
    if (!map) throw new Error('no map');
    map.jumpTo({ center: centre, zoom: 16 });
    // The plot at 70% of the map's width: the panel covers the left.
    map.panBy([-map.getContainer().clientWidth * 0.2, 0], { duration: 0 });
  }, CENTRE);
  await mapIdle(page);
  await press(panel.getByRole('button', { name: '绘制多边形', exact: true }));
  const [corner] = await page.evaluate(
    (positions) => {
      const map = window.__landAtlas?.map;
      if (!map) throw new Error('no map');
      const box = map.getContainer().getBoundingClientRect();
      return positions.map((p) => {
        const point = map.project([p[0] as number, p[1] as number]);
        return [box.left + point.x, box.top + point.y] as [number, number];
      });
    },
    [CORNER],
  );
  const [x, y] = corner as [number, number];
  // Give the region's fetch (tiled) its time: the snapping targets come with it.
  await page.waitForTimeout(500);
  // A few px off the plot's southernmost corner (snaps onto it), then around the plot and its
  // neighbours to the north (about 2 m a pixel at zoom 16).
  for (const [px, py] of [
    [x + 3, y - 2],
    [x + 200, y - 20],
    [x + 190, y - 260],
    [x - 180, y - 250],
    [x - 190, y + 30],
  ] as [number, number][]) {
    if (touch) await page.touchscreen.tap(px, py);
    else await page.mouse.click(px, py);
    await page.waitForTimeout(120);
  }
  await press(panel.getByRole('button', { name: '完成', exact: true }));
  await expect
    .poll(() => page.evaluate(() => window.__landAtlasZones?.getState().readout?.plots.length ?? 0), {
      timeout: 20_000,
    })
    .toBeGreaterThan(0);
  const rows = () =>
    panel
      .locator('tr[data-plot-id]')
      .evaluateAll((list) => list.map((row) => row.getAttribute('data-plot-id') ?? ''));
  const drawn = { tiled, ...(await readout(page)), plotRows: await rows() };
  await panel.getByLabel('名称', { exact: true }).fill('切片测试片区');
  await press(panel.getByRole('button', { name: '保存区域', exact: true }));
  await expect.poll(() => panel.locator('output').textContent()).toContain('已保存（版本 1）');
  // Selected again from the list: its readout is worked out anew.
  await page.evaluate(() =>
    window.__landAtlas?.store.getState().setDrawing({ readout: null, readoutId: null }),
  );
  await press(panel.getByRole('region', { name: '区域列表' }).getByRole('button', { name: /^切片测试片区/ }));
  await expect
    .poll(() => page.evaluate(() => window.__landAtlasZones?.getState().readout !== null))
    .toBe(true);
  const saved = { tiled, ...(await readout(page)), plotRows: await rows() };
  return { drawn, saved };
}

describe.each(DEVICES)(
  'A zone drawn over plots served as tiles, on a %s',
  (_name, options: BrowserOptions) => {
    let whole: RunningApp;
    let tiled: RunningApp;
    let session: BrowserSession;

    let other: ContextSession;

    beforeAll(async () => {
      [whole, tiled] = await Promise.all([
        startApp({ users: [USERS.planner] }),
        startApp({ users: [USERS.planner], tileThreshold: 0 }),
      ]);
      session = await openBrowser(options);
      other = await openContext(session.browser, options);
    });
    afterAll(async () => {
      await other?.close();
      await session?.close();
      await whole?.close();
      await tiled?.close();
    });

    it('reads the same plots, overlaps, area and snapped corner as with the plots loaded whole, saved too', async () => {
      const reference = await drawAndSave(session.page, whole.url, options.touch);
      const fromTiles = await drawAndSave(other.page, tiled.url, options.touch);
      expect([reference.drawn.tiled, fromTiles.drawn.tiled]).toEqual([false, true]);
      // New land comes as tiles too when it holds any feature (threshold 0).
      expect(
        await other.page.evaluate(() => Boolean(window.__landAtlas?.store.getState().tiled.newland)),
      ).toBe(true);
      // The reference is a real test: the sample's first plot inside, a park touched, the corner snapped.
      expect(reference.drawn.plots.map(([id]) => id)).toContain(PLOT_ID);
      expect(reference.drawn.parks.length).toBeGreaterThan(0);
      expect(reference.drawn.ring.some((p) => p[0] === CORNER[0] && p[1] === CORNER[1])).toBe(true);
      expect(reference.drawn.plotRows).toEqual(reference.drawn.plots.map(([id]) => id));
      const { tiled: _a, ...expectedDrawn } = reference.drawn;
      const { tiled: _b, ...expectedSaved } = reference.saved;
      expect(fromTiles.drawn).toEqual({ tiled: true, ...expectedDrawn });
      expect(fromTiles.saved).toEqual({ tiled: true, ...expectedSaved });
      expect(expectedSaved.plots).toEqual(expectedDrawn.plots);
      // The tiled app fetched the plots of the region, never the whole layer.
      const paths = other.requests.map((url) => new URL(url).pathname);
      expect(paths).toContain('/api/layers/plots/features');
      expect(paths).not.toContain('/api/layers/plots');
      expect(session.requests.map((url) => new URL(url).pathname)).not.toContain(
        '/api/layers/plots/features',
      );
      expect([...session.consoleErrors, ...other.consoleErrors]).toEqual([]);
    });
  },
);
