// The tablet in the field (issue 11, "Where am I" and "The tablet itself"), on the 1024×768 touch tablet
// with Playwright's geolocation: a link to a plot opened signed out shows it after sign-in; standing in a
// plot, the banner names it; the inspection recorded there carries the position and its accuracy (read
// back through the API); far away, the form warns and asks for a reason; the bottom sheet is dragged to
// full and back by touch; a park chosen from search fills the map area the sheet leaves free; a search
// right after sign-in moves the map (the opening fit does not undo it); a refused permission is said;
// with plots served as tiles the banner asks the server for the plots around the position only.
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Position } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { containsPoint, distanceToPlotM } from '../../src/geo/locate.ts';
import {
  appAndBrowser,
  type ContextSession,
  login,
  openAndLogin,
  openContext,
  pressFor,
  TABLET,
  USERS,
} from './harness.ts';
import { appReady, mapIdle } from './map-page.ts';

const plots = JSON.parse(
  readFileSync(new URL('../../geodata/plots.geojson', import.meta.url), 'utf8'),
) as FeatureCollection;
const parks = JSON.parse(
  readFileSync(new URL('../../geodata/parks.geojson', import.meta.url), 'utf8'),
) as FeatureCollection;

/** The mean of a plot's outer ring, for the plots where that point lies inside. */
function innerPoint(feature: Feature): [number, number] | null {
  const ring: Position[] | undefined =
    feature.geometry?.type === 'Polygon' ? feature.geometry.coordinates[0] : undefined;
  if (!ring) return null;
  const lon = ring.reduce((sum, p) => sum + (p[0] as number), 0) / ring.length;
  const lat = ring.reduce((sum, p) => sum + (p[1] as number), 0) / ring.length;
  if (!containsPoint(feature.geometry, [lon, lat])) return null;
  // Not near another plot's outline either: the banner must name this one.
  return plots.features.every((other) => other === feature || !containsPoint(other.geometry, [lon, lat]))
    ? [lon, lat]
    : null;
}

const standing = plots.features
  .filter((feature) => feature.properties?.status === 'identified')
  .map((feature) => ({ id: String(feature.properties?.id), feature, point: innerPoint(feature) }))
  .filter((entry) => entry.point !== null)
  .slice(-2) as { id: string; feature: Feature; point: [number, number] }[];
const [HERE, LINKED] = standing as [(typeof standing)[0], (typeof standing)[0]];

const running = appAndBrowser(TABLET, { users: [USERS.inspector] });
const tap = pressFor(true);

/** A real touch drag (CDP touch events, so pointerType is "touch") from one point to another. */
async function touchDrag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
  for (let step = 1; step <= 8; step++) {
    const x = from.x + ((to.x - from.x) * step) / 8;
    const y = from.y + ((to.y - from.y) * step) / 8;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await cdp.detach();
}

async function inspections(page: Page, plotId: string) {
  const answer = await page.request.get(new URL(`/api/plots/${plotId}/inspections`, running.app.url).href);
  return (await answer.json()).inspections as {
    findings: string;
    position: { lon: number; lat: number; accuracy: number; time: string } | null;
    positionNote: string | null;
  }[];
}

describe('an inspector in the field, on the touch tablet', () => {
  let person: ContextSession;

  beforeAll(async () => {
    person = await openContext(running.session.browser, {
      ...TABLET,
      permissions: ['geolocation'],
      geolocation: { latitude: HERE.point[1], longitude: HERE.point[0], accuracy: 12 },
    });
  });
  afterAll(async () => {
    await person?.close();
  });

  it('a ?feature= link opened signed out selects and shows the plot after sign-in', async () => {
    const { page } = person;
    await page.goto(`${running.app.url}?feature=plots/${encodeURIComponent(LINKED.id)}`);
    await page.getByRole('button', { name: '登录', exact: true }).waitFor({ state: 'visible' });
    await login(page, USERS.inspector.username, USERS.inspector.password);
    await appReady(page);
    const inspector = page.getByRole('complementary', { name: '属性' });
    await expect
      .poll(() => inspector.locator('.feature-id').textContent(), { timeout: 30_000 })
      .toBe(LINKED.id);
    await mapIdle(page);
    // Shown: the plot's centre is on screen above the sheet.
    const onScreen = await page.evaluate((point) => {
      const map = window.__landAtlas?.map;
      if (!map) return null;
      const { x, y } = map.project(point);
      return { x, y, width: map.getContainer().clientWidth, height: map.getContainer().clientHeight };
    }, LINKED.point);
    expect(onScreen).not.toBeNull();
    expect(onScreen?.x).toBeGreaterThan(0);
    expect(onScreen?.x).toBeLessThan(onScreen?.width ?? 0);
    expect(onScreen?.y).toBeGreaterThan(0);
    expect(onScreen?.y).toBeLessThan((onScreen?.height ?? 0) * 0.45);
    await page.keyboard.press('Escape');
    await expect.poll(() => inspector.locator('.feature-id').count()).toBe(0);
  });

  it('standing inside a plot: 定位 shows the dot, the banner names the plot and opens it', async () => {
    const { page } = person;
    await tap(page.getByRole('button', { name: '定位' }));
    const banner = page.getByRole('status').filter({ hasText: '您在' });
    await expect.poll(() => banner.textContent(), { timeout: 30_000 }).toContain(`您在 ${HERE.id} 内`);
    expect(await banner.textContent()).toContain('定位 ±12 米');
    expect(await page.getByRole('button', { name: '定位' }).getAttribute('aria-pressed')).toBe('true');
    // The dot is drawn where the device says it is.
    await mapIdle(page);
    const dot = await page.evaluate(() =>
      window.__landAtlas?.map?.queryRenderedFeatures({ layers: ['device-dot'] }).map((f) => f.geometry),
    );
    expect(dot).toHaveLength(1);
    await page.screenshot({ path: 'test-results/field-banner-tablet.png' });
    await tap(banner.getByRole('button', { name: `打开 ${HERE.id}` }));
    const inspector = page.getByRole('complementary', { name: '属性' });
    await expect.poll(() => inspector.locator('.feature-id').textContent()).toBe(HERE.id);
  });

  it('the inspection recorded there carries the position and its accuracy (read back through the API)', async () => {
    const { page } = person;
    const inspector = page.getByRole('complementary', { name: '属性' });
    await tap(inspector.getByRole('button', { name: '记录巡查' }));
    const dialog = page.getByRole('dialog', { name: `记录巡查：${HERE.id}` });
    await dialog.waitFor({ state: 'visible' });
    await expect.poll(() => dialog.getByTestId('presence').textContent()).toContain('±12 米');
    expect(await dialog.getByTestId('presence').textContent()).toContain('在地块内');
    expect(await dialog.getByLabel('仍要保存的原因').count()).toBe(0);
    await tap(dialog.getByRole('radio', { name: '整治中' }));
    await dialog.getByLabel('巡查发现').fill('现场核查：厂房空置');
    await tap(dialog.getByRole('button', { name: '保存巡查记录' }));
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    const [saved] = await inspections(page, HERE.id);
    expect(saved?.findings).toBe('现场核查：厂房空置');
    expect(saved?.position?.accuracy).toBe(12);
    expect(saved?.position?.lon).toBeCloseTo(HERE.point[0], 6);
    expect(saved?.position?.lat).toBeCloseTo(HERE.point[1], 6);
    expect(Number.isNaN(Date.parse(saved?.position?.time ?? ''))).toBe(false);
    expect(saved?.positionNote).toBeNull();
    // The record shows it, and shows it on the map.
    const record = inspector.getByTestId('inspection-record').first();
    await expect.poll(() => record.textContent()).toContain('±12 米');
    await tap(record.getByRole('button', { name: /^在地图上显示/ }));
    await expect.poll(() => page.locator('.inspector').getAttribute('data-snap')).toBe('peek');
    await mapIdle(page);
    const marked = await page.evaluate(
      () => window.__landAtlas?.map?.queryRenderedFeatures({ layers: ['marked-dot'] }).length,
    );
    expect(marked).toBe(1);
  });

  it('far from the plot with poor accuracy: the form warns and asks for a reason, which is kept', async () => {
    const { page, context } = person;
    // 0.01° north: over a kilometre from the plot; ±65 m.
    const far = { latitude: HERE.point[1] + 0.01, longitude: HERE.point[0], accuracy: 65 };
    const distance = distanceToPlotM(HERE.feature.geometry, [far.longitude, far.latitude]);
    expect(distance).toBeGreaterThan(200);
    await context.setGeolocation(far);
    const inspector = page.getByRole('complementary', { name: '属性' });
    // The sheet was lowered to show the recorded point: its handle raises it again.
    await tap(page.getByRole('button', { name: '调整面板高度（现在：收起）' }));
    await tap(inspector.getByRole('button', { name: '记录巡查' }));
    const dialog = page.getByRole('dialog', { name: `记录巡查：${HERE.id}` });
    await dialog.waitFor({ state: 'visible' });
    await expect.poll(() => dialog.getByTestId('presence').textContent()).toContain('±65 米');
    const warning = dialog.getByTestId('presence-warning');
    expect(await warning.textContent()).toContain('定位精度只有 ±65 米');
    expect(await warning.textContent()).toContain(`当前位置距该地块 ${Math.round(distance)} 米`);
    await dialog.getByLabel('巡查发现').fill('在路边核查');
    await page.screenshot({ path: 'test-results/field-warning-tablet.png' });
    await tap(dialog.getByRole('button', { name: '保存巡查记录' }));
    await expect.poll(() => dialog.locator('.form-error').textContent()).toContain('请填写“仍要保存的原因”');
    expect((await inspections(page, HERE.id)).length).toBe(1);
    await dialog.getByLabel('仍要保存的原因').fill('围墙内无法进入，已在大门口拍照');
    await tap(dialog.getByRole('button', { name: '保存巡查记录' }));
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    const [saved] = await inspections(page, HERE.id);
    expect(saved).toMatchObject({
      findings: '在路边核查',
      positionNote: '围墙内无法进入，已在大门口拍照',
      position: { accuracy: 65 },
    });
    expect(saved?.position?.lat).toBeCloseTo(far.latitude, 6);
    await context.setGeolocation({ latitude: HERE.point[1], longitude: HERE.point[0], accuracy: 12 });
  });

  it('the bottom sheet is dragged to full and back by touch, and stepped by its handle', async () => {
    const { page } = person;
    const sheet = page.locator('.inspector');
    const handle = page.getByRole('button', { name: /^调整面板高度/ });
    // A tap steps to the next height (peek → half → full → peek): to half, wherever it stands.
    for (let taps = 0; taps < 3 && (await sheet.getAttribute('data-snap')) !== 'half'; taps++)
      await tap(handle);
    await expect.poll(() => sheet.getAttribute('data-snap')).toBe('half');
    const map = await page.locator('.map').boundingBox();
    const start = await handle.boundingBox();
    if (!map || !start) throw new Error('no map or handle');
    await touchDrag(
      page,
      { x: start.x + start.width / 2, y: start.y + start.height / 2 },
      { x: start.x + start.width / 2, y: map.y + 20 },
    );
    await expect.poll(() => sheet.getAttribute('data-snap')).toBe('full');
    // The handle's top edge 48 px below the map's: a strip of map stays in sight.
    await expect.poll(async () => (await handle.boundingBox())?.y).toBe(map.y + 48);
    expect((await sheet.boundingBox())?.height).toBe(Math.round(map.height) - 48 - 44);
    expect(await handle.getAttribute('aria-label')).toBe('调整面板高度（现在：全屏）');
    await page.screenshot({ path: 'test-results/field-sheet-full-tablet.png' });
    const top = await handle.boundingBox();
    if (!top) throw new Error('no handle');
    await touchDrag(
      page,
      { x: top.x + top.width / 2, y: top.y + top.height / 2 },
      { x: top.x + top.width / 2, y: map.y + map.height * 0.5 },
    );
    await expect.poll(() => sheet.getAttribute('data-snap')).toBe('half');
    // By keyboard: ArrowDown lowers it to the peek, ArrowUp raises it.
    await handle.focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => sheet.getAttribute('data-snap')).toBe('peek');
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => sheet.getAttribute('data-snap')).toBe('half');
  });

  it('a park chosen from search fills the map area the sheet leaves free', async () => {
    const { page } = person;
    const park = parks.features.find((feature) => feature.id === 'PK-01') as Feature;
    await page.getByRole('combobox', { name: '搜索' }).fill('硅能源');
    // The park itself, not the filter search also offers (筛选：园区 …).
    await tap(
      page
        .getByRole('option', { name: /硅能源/ })
        .filter({ hasNotText: '筛选' })
        .first(),
    );
    const inspector = page.getByRole('complementary', { name: '属性' });
    await expect.poll(() => inspector.locator('.feature-id').textContent()).toContain('硅能源');
    await expect.poll(() => page.evaluate(() => window.__landAtlas?.map?.isMoving())).toBe(false);
    await mapIdle(page);
    const fit = await page.evaluate(
      (coordinates) => {
        const map = window.__landAtlas?.map;
        if (!map) return null;
        const points = coordinates.map((p) => map.project(p as [number, number]));
        const xs = points.map((p) => p.x);
        const ys = points.map((p) => p.y);
        // What covers the map from below: the sheet under its handle.
        const sheet = document.querySelector('.sheet-handle')?.getBoundingClientRect();
        const banner = document.querySelector('.where-banner')?.getBoundingClientRect();
        const container = map.getContainer().getBoundingClientRect();
        return {
          left: Math.min(...xs),
          right: Math.max(...xs),
          top: Math.min(...ys),
          bottom: Math.max(...ys),
          width: container.width,
          height: container.height,
          sheetTop: (sheet?.top ?? 0) - container.top,
          bannerBottom: (banner?.bottom ?? 0) - container.top,
        };
      },
      (park.geometry.type === 'Polygon' ? park.geometry.coordinates[0] : []) as number[][],
    );
    if (!fit) throw new Error('no map');
    await page.screenshot({ path: 'test-results/field-park-tablet.png' });
    // Inside the free area: 48 px from the edges, below the position banner (12 px), 24 px above the sheet.
    expect(fit.bannerBottom).toBeGreaterThan(48);
    const freeTop = fit.bannerBottom + 12;
    const freeBottom = fit.sheetTop - 24;
    expect(fit.left).toBeGreaterThanOrEqual(48 - 1);
    expect(fit.right).toBeLessThanOrEqual(fit.width - 48 + 1);
    expect(fit.top).toBeGreaterThanOrEqual(freeTop - 1);
    expect(fit.bottom).toBeLessThanOrEqual(freeBottom + 1);
    // And it fills it along one axis (not shrunk into a strip).
    const fills = Math.max(
      (fit.right - fit.left) / (fit.width - 96),
      (fit.bottom - fit.top) / (freeBottom - freeTop),
    );
    expect(fills).toBeGreaterThan(0.95);
  });
});

describe('right after sign-in, without a location permission', () => {
  let person: ContextSession;
  beforeAll(async () => {
    person = await openContext(running.session.browser, TABLET);
  });
  afterAll(async () => {
    await person?.close();
  });

  it('a search made at once still moves the map: the opening fit to the city does not undo it', async () => {
    const { page } = person;
    // The map's worker comes late (a slow tablet): the layers, and so the search, are there before the
    // map has loaded and made its opening fit.
    await page.route('**/maplibre-gl-worker*', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 2500));
      await route.continue();
    });
    await openAndLogin(page, running.app.url, USERS.inspector);
    // As soon as the search box answers, before the map has loaded.
    const box = page.getByRole('combobox', { name: '搜索' });
    await box.fill(LINKED.id);
    await tap(page.getByRole('option', { name: new RegExp(LINKED.id) }).first());
    expect(await page.evaluate(() => window.__landAtlas?.map?.loaded() ?? false)).toBe(false);
    await appReady(page);
    await expect.poll(() => page.evaluate(() => window.__landAtlas?.map?.isMoving())).toBe(false);
    const inside = await page.evaluate((point) => {
      const map = window.__landAtlas?.map;
      if (!map) return false;
      return map.getBounds().contains(point) && map.getZoom() > 14;
    }, LINKED.point);
    expect(inside).toBe(true);
  });

  it('定位 without permission says so in Chinese (and the banner is a status)', async () => {
    const { page } = person;
    await tap(page.getByRole('button', { name: '定位' }));
    const banner = page.getByRole('status').filter({ hasText: '无法定位' });
    await expect.poll(() => banner.textContent(), { timeout: 30_000 }).toContain('未允许本网站使用位置信息');
  });
});

describe('plots served as tiles (over the tile threshold)', () => {
  const tiled = appAndBrowser(
    {
      ...TABLET,
      permissions: ['geolocation'],
      geolocation: { latitude: HERE.point[1], longitude: HERE.point[0], accuracy: 8 },
    },
    { users: [USERS.inspector], tileThreshold: 0 },
  );

  it('the banner names the plot from the plots around the position (GET …/features?bbox=), not the whole layer', async () => {
    const { page, requests } = tiled.session;
    await openAndLogin(page, tiled.app.url, USERS.inspector);
    await appReady(page);
    expect(await page.evaluate(() => Boolean(window.__landAtlas?.store.getState().layers.plots))).toBe(false);
    await tap(page.getByRole('button', { name: '定位' }));
    const banner = page.getByRole('status').filter({ hasText: '您在' });
    await expect.poll(() => banner.textContent(), { timeout: 30_000 }).toContain(`您在 ${HERE.id} 内`);
    expect(requests.filter((url) => url.includes('/api/layers/plots/features?bbox='))).toHaveLength(1);
    expect(requests.some((url) => /\/api\/layers\/plots(\?|$)/.test(url))).toBe(false);
  });
});
