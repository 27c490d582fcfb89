// The plots as vector tiles in Chromium (the server's tile threshold at 0: the sample's 342 plots come
// as tiles), at a desktop (mouse) and a touch tablet (taps): the map asks for /api/tiles/plots/… and
// never for the whole layer; at the county view every plot is drawn (as a dot); a tap on a plot opens
// its inspector with its id and its area in 亩, fetched by id; an inspection that changes its status
// repaints it at once (feature state) and a reload draws the new status from the tiles; in English, a
// plot that cannot be read says so in the inspector.
import { mkdirSync, readFileSync } from 'node:fs';
import { bbox } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatArea } from '../../src/app/i18n/format.ts';
import { STATUS_COLOURS } from '../../src/app/map/styles.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import { labelPoints } from '../../src/geo/labelPoint.ts';
import {
  appAndBrowser,
  type BrowserOptions,
  type ContextSession,
  DESKTOP,
  givePresenceReason,
  openAndLogin,
  openContext,
  pressFor,
  TABLET,
  USERS,
} from './harness.ts';
import { appReady, drawnTiledPlots, mapIdle } from './map-page.ts';

const SHOTS = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

const plots = JSON.parse(
  readFileSync(new URL('../../geodata/plots.geojson', import.meta.url), 'utf8'),
) as FeatureCollection;
const plotById = new Map(plots.features.map((feature) => [String(feature.properties?.id), feature]));
/** Large plots (a tap at z15 lands well inside), still identified. */
const identified = plots.features
  .filter((feature) => feature.properties?.status === 'identified')
  .sort((a, b) => geometryAreaM2(b.geometry) - geometryAreaM2(a.geometry))
  .map((feature) => String(feature.properties?.id));

/** A point well inside the plot (where its label would go). */
function insidePoint(feature: Feature): [number, number] {
  const point = labelPoints({ type: 'FeatureCollection', features: [feature] }).features[0];
  if (!point) throw new Error('no label point');
  return point.geometry.coordinates as [number, number];
}

/** Centres the map on the plot at z15 and returns the pixel (page coordinates) inside it. */
async function showPlot(page: Page, id: string): Promise<{ x: number; y: number }> {
  const feature = plotById.get(id);
  if (!feature) throw new Error(`no plot ${id}`);
  const lngLat = insidePoint(feature);
  await page.evaluate((center) => window.__landAtlas?.map?.jumpTo({ center, zoom: 15 }), lngLat);
  await mapIdle(page);
  return page.evaluate((point) => {
    const map = window.__landAtlas?.map;
    if (!map) throw new Error('no map');
    const pixel = map.project(point);
    const box = map.getCanvas().getBoundingClientRect();
    return { x: box.left + pixel.x, y: box.top + pixel.y };
  }, lngLat);
}

/** The plot's fill as MapLibre evaluated it (feature state included), as #rrggbb, and its tile status. */
function renderedPlot(page: Page, id: string) {
  return page.evaluate((plotId) => {
    const map = window.__landAtlas?.map;
    const feature = map
      ?.queryRenderedFeatures({ layers: ['plots-fill'] })
      .find((candidate) => candidate.properties?.id === plotId);
    const colour = feature?.layer.paint?.['fill-color' as keyof typeof feature.layer.paint] as
      | { r: number; g: number; b: number; a: number }
      | undefined;
    const hex = (v: number) =>
      Math.round((v / (colour?.a || 1)) * 255)
        .toString(16)
        .padStart(2, '0');
    return {
      fill: colour ? `#${hex(colour.r)}${hex(colour.g)}${hex(colour.b)}` : null,
      tileStatus: feature?.properties?.status ?? null,
      state: map?.getFeatureState({ source: 'plots', sourceLayer: 'plots', id: plotId }) ?? null,
    };
  }, id);
}

const running = appAndBrowser(DESKTOP, { users: [USERS.inspector], tileThreshold: 0 });

const CASES: [string, BrowserOptions, string][] = [
  ['desktop 1440×900, mouse', DESKTOP, identified[0] as string],
  ['tablet 1024×768, touch', TABLET, identified[1] as string],
];

describe.each(CASES)('tiled plots on a %s', (name, options, plotId) => {
  let person: ContextSession;
  const tap = pressFor(options.touch);
  const shot = name.startsWith('tablet') ? 'tablet' : 'desktop';
  const tapAt = async (page: Page, point: { x: number; y: number }) => {
    if (options.touch) await page.touchscreen.tap(point.x, point.y);
    else await page.mouse.click(point.x, point.y);
  };

  beforeAll(async () => {
    person = await openContext(running.session.browser, options);
  });
  afterAll(async () => {
    await person?.close();
  });

  it('draws every plot from /api/tiles/plots at the county view, never loading the whole layer', async () => {
    const { page, requests, consoleErrors } = person;
    await openAndLogin(page, running.app.url, USERS.inspector);
    await appReady(page);
    expect(requests.some((url) => new URL(url).pathname.startsWith('/api/tiles/plots/'))).toBe(true);
    expect(requests.filter((url) => new URL(url).pathname === '/api/layers/plots')).toEqual([]);
    const state = await page.evaluate(() => {
      const store = window.__landAtlas?.store.getState();
      return { tiled: store?.tiled.plots?.count, held: store?.layers.plots === undefined };
    });
    expect(state).toEqual({ tiled: 342, held: true });
    // At the county view the plots come as dots, alone (with their id) or several of one status as a
    // density point with their count; every one of the 342 is drawn in some form.
    const drawn = {
      ...(await drawnTiledPlots(page)),
      zoom: await page.evaluate(() => window.__landAtlas?.map?.getZoom() ?? 0),
    };
    expect(drawn.zoom).toBeLessThan(11);
    expect(drawn.plots).toBe(342);
    expect(drawn.densityPoints).toBeGreaterThan(0);
    // The layer panel counts the server's features, not the (absent) loaded ones.
    expect(await page.locator('#layer-count-plots').textContent()).toBe('342 个要素');
    expect(consoleErrors).toEqual([]);
  });

  it('a tap on a density point (several plots as one dot) zooms in two levels there, selecting nothing', async () => {
    const { page } = person;
    const target = await page.evaluate(() => {
      const map = window.__landAtlas?.map;
      if (!map) return null;
      const box = map.getCanvas().getBoundingClientRect();
      const pickable = [
        'plots-dots',
        'plots-fill',
        'projects-circle',
        'projects-dots',
        'projects-fill',
        'parks-fill',
      ].filter((id) => map?.getLayer(id));
      // The densest point that a tap at its centre meets with no single plot's dot.
      const points = map
        .queryRenderedFeatures({ layers: ['plots-dots'] })
        .filter((feature) => feature.properties?.count !== undefined && feature.geometry.type === 'Point')
        .sort((a, b) => Number(b.properties?.count) - Number(a.properties?.count));
      for (const point of points) {
        if (point.geometry.type !== 'Point') continue;
        const at = map.project(point.geometry.coordinates as [number, number]);
        // A tap there must meet the density point and no single one (a plot's own dot wins).
        const under = map.queryRenderedFeatures([at.x, at.y], { layers: pickable });
        if (
          under.some(
            (feature) => feature.geometry.type === 'Point' && feature.properties?.count === undefined,
          )
        )
          continue;
        if (at.x < 60 || at.y < 60 || at.x > box.width - 60 || at.y > box.height - 200) continue;
        return {
          x: box.left + at.x,
          y: box.top + at.y,
          zoom: map.getZoom(),
          count: Number(point.properties?.count),
        };
      }
      return null;
    });
    expect(target).not.toBeNull();
    if (!target) return;
    expect(target.count).toBeGreaterThanOrEqual(2);
    await tapAt(page, target);
    await page.waitForFunction(
      (from) => {
        const map = window.__landAtlas?.map;
        return map != null && !map.isMoving() && map.getZoom() > from + 1.9;
      },
      target.zoom,
      { timeout: 10_000 },
    );
    const after = await page.evaluate(() => ({
      zoom: window.__landAtlas?.map?.getZoom() ?? 0,
      selected: window.__landAtlas?.store.getState().selection.kind ?? null,
    }));
    expect(Math.round((after.zoom - target.zoom) * 10) / 10).toBe(2);
    expect(after.selected).toBe('none');
  });

  it('a tap on a plot opens its inspector: its id, its area in 亩 from the fetched geometry', async () => {
    const { page, requests } = person;
    const point = await showPlot(page, plotId);
    // One id label per plot, though a plot cut by a tile edge comes in a piece from each tile.
    const labelIds = () =>
      page.evaluate(() =>
        (window.__landAtlas?.map?.queryRenderedFeatures({ layers: ['plots-label'] }) ?? []).map((feature) =>
          String(feature.properties?.id),
        ),
      );
    await expect.poll(async () => (await labelIds()).length).toBeGreaterThan(0);
    const labels = await labelIds();
    expect(new Set(labels).size).toBe(labels.length);
    await tapAt(page, point);
    const inspector = page.getByRole('complementary', { name: '属性' });
    await expect.poll(() => inspector.locator('.feature-id').textContent()).toBe(plotId);
    const feature = plotById.get(plotId) as Feature;
    await expect
      .poll(() => inspector.getByTestId('area-mu').textContent())
      .toBe(formatArea(geometryAreaM2(feature.geometry), 'zh').mu);
    expect(requests.some((url) => new URL(url).pathname === `/api/features/plots/${plotId}`)).toBe(true);
    await expect.poll(() => inspector.getByText('暂无巡查记录').count()).toBe(1);
    // The highlight draws the fetched outline.
    await mapIdle(page);
    const highlighted = await page.evaluate(
      () => window.__landAtlas?.map?.queryRenderedFeatures({ layers: ['selection-line'] }).length ?? 0,
    );
    expect(highlighted).toBeGreaterThan(0);
    if (options.touch) await page.screenshot({ path: `${SHOTS}tiles-selected-${shot}.png` });
  });

  it('an inspection that changes its status repaints it at once; a reload draws it from the tiles', async () => {
    const { page, requests } = person;
    const inspector = page.getByRole('complementary', { name: '属性' });
    expect(await renderedPlot(page, plotId)).toMatchObject({
      fill: STATUS_COLOURS.identified,
      tileStatus: 'identified',
    });
    const tilesBefore = requests.filter((url) => url.includes('/api/tiles/plots/')).length;
    await tap(inspector.getByRole('button', { name: '记录巡查' }));
    const dialog = page.getByRole('dialog', { name: `记录巡查：${plotId}` });
    await dialog.waitFor({ state: 'visible' });
    await tap(dialog.getByRole('radio', { name: '整治中' }));
    await dialog.getByLabel('巡查发现').fill(`厂房空置，已约谈企业（瓦片 ${shot}）`);
    await tap(dialog.getByRole('radio', { name: '工改工' }));
    await givePresenceReason(dialog);
    // The feature states the app sets, recorded (they last only until the reloaded tiles are in).
    await page.evaluate(() => {
      const map = window.__landAtlas?.map;
      if (!map) return;
      const calls: unknown[] = [];
      (window as unknown as { __states: unknown[] }).__states = calls;
      const set = map.setFeatureState.bind(map);
      map.setFeatureState = (feature, state) => {
        calls.push({ id: feature.id, sourceLayer: feature.sourceLayer, state });
        return set(feature, state);
      };
    });
    await tap(dialog.getByRole('button', { name: '保存巡查记录' }));
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    // At once: the edited plot's feature state, which the colour prefers to the tile's property.
    await expect.poll(() => renderedPlot(page, plotId)).toMatchObject({ fill: STATUS_COLOURS.rectifying });
    // Set on both tile layers of the source (once per update of the feature the app receives).
    const states = await page.evaluate(() => (window as unknown as { __states: unknown[] }).__states);
    const expected = ['plots', 'plots-points'].map((sourceLayer) => ({
      id: plotId,
      sourceLayer,
      state: { status: 'rectifying', grade: expect.any(String), deadline: expect.any(String) },
    }));
    expect(states).toEqual(expect.arrayContaining(expected));
    expect(states.length % 2).toBe(0);
    for (const state of states) expect([expected[0], expected[1]]).toContainEqual(state);
    // The fetched copy is current: the inspector shows the new status and version.
    await expect
      .poll(() =>
        page.evaluate(() => {
          const fetched = window.__landAtlas?.store.getState().fetched;
          return fetched?.status === 'ready' ? fetched.feature.properties?.version : null;
        }),
      )
      .toBe(2);
    // The layer's tiles are asked for again (revalidated by their ETag) and bring the new status.
    await expect
      .poll(() => requests.filter((url) => url.includes('/api/tiles/plots/')).length)
      .toBeGreaterThan(tilesBefore);
    // Once the reloaded tiles are in, the feature state is dropped: the tile's own property shows it.
    await expect
      .poll(() => renderedPlot(page, plotId))
      .toEqual({ fill: STATUS_COLOURS.rectifying, tileStatus: 'rectifying', state: {} });

    await page.reload();
    await appReady(page);
    await showPlot(page, plotId);
    expect(await renderedPlot(page, plotId)).toEqual({
      fill: STATUS_COLOURS.rectifying,
      tileStatus: 'rectifying',
      state: {},
    });
    expect(person.consoleErrors).toEqual([]);
  });
});

describe('tiled plots in English', () => {
  let person: ContextSession;
  beforeAll(async () => {
    person = await openContext(running.session.browser, TABLET);
  });
  afterAll(async () => {
    await person?.close();
  });

  it('shows a tapped plot’s area in mu, and says so when a plot cannot be read', async () => {
    const { page } = person;
    await openAndLogin(page, `${running.app.url}?lang=en`, USERS.inspector);
    await appReady(page);
    const plotId = identified[2] as string;
    const point = await showPlot(page, plotId);
    await page.touchscreen.tap(point.x, point.y);
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect.poll(() => inspector.locator('.feature-id').textContent()).toBe(plotId);
    const feature = plotById.get(plotId) as Feature;
    await expect
      .poll(() => inspector.getByTestId('area-mu').textContent())
      .toBe(formatArea(geometryAreaM2(feature.geometry), 'en').mu);
    expect(await inspector.locator('.layer-chip').textContent()).toBe('Low-efficiency plots');
    expect(await page.locator('#layer-count-plots').textContent()).toBe('342 features');

    // A plot that is not there (a stale link): the inspector says why, in English.
    await page.evaluate(() =>
      window.__landAtlas?.store.getState().select({ kind: 'feature', layer: 'plots', id: 'HS-DX-9999' }),
    );
    await expect
      .poll(() => inspector.getByRole('alert').textContent())
      .toMatch(/^The feature could not be read: .*HS-DX-9999/);
    expect(await inspector.locator('.feature-id').textContent()).toBe('HS-DX-9999');
  });

  it('a link to one plot (?feature=plots/…) opens its inspector and flies to it', async () => {
    const { page } = person;
    const plotId = identified[3] as string;
    await page.goto(`${running.app.url}?lang=en&feature=plots/${plotId}`);
    await appReady(page);
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect.poll(() => inspector.locator('.feature-id').textContent()).toBe(plotId);
    await mapIdle(page);
    const [west, south, east, north] = bbox(plotById.get(plotId) as Feature) as [
      number,
      number,
      number,
      number,
    ];
    const view = await page.evaluate(() => {
      const map = window.__landAtlas?.map;
      const bounds = map?.getBounds();
      return {
        zoom: map?.getZoom() ?? 0,
        west: bounds?.getWest() ?? 0,
        south: bounds?.getSouth() ?? 0,
        east: bounds?.getEast() ?? 0,
        north: bounds?.getNorth() ?? 0,
      };
    });
    expect(view.zoom).toBeGreaterThan(13);
    // The whole plot is in view.
    expect([view.west <= west, view.south <= south, view.east >= east, view.north >= north]).toEqual([
      true,
      true,
      true,
      true,
    ]);
  });
});
