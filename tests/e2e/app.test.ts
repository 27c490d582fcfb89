// The built app in Chromium, at a desktop (mouse) and a touch tablet (taps): it loads offline with no
// console errors, draws the layers, picks a plot by click or tap and shows its ellipsoidal area in 亩,
// speaks English with ?lang=en, finds a plot by search and hides a layer when its box is unticked.
import { readdirSync, readFileSync } from 'node:fs';
import { booleanPointInPolygon, distance, pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, Point } from 'geojson';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatArea } from '../../src/app/i18n/format.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import { appAndBrowser, DESKTOP, DEVICES, isLocal, login, startApp, TABLET, USERS } from './harness.ts';
import { appReady, mapIdle } from './map-page.ts';

function layer(name: string): FeatureCollection {
  return JSON.parse(readFileSync(new URL(`../../geodata/${name}.geojson`, import.meta.url), 'utf8'));
}

const plots = layer('plots');
const others = [...layer('projects').features, ...layer('newland').features];

/** A plot whose interior point lies in no other plot, project or new-land parcel, nor near a project point. */
function clearPlot(): { feature: Feature; id: string; point: [number, number] } {
  for (const feature of plots.features) {
    const point = pointOnFeature(feature) as Feature<Point>;
    const crowded = [...plots.features, ...others].some((other) => {
      if (other === feature || !other.geometry) return false;
      if (other.geometry.type === 'Point')
        return distance(point, other.geometry.coordinates, { units: 'meters' }) < 80;
      if (other.geometry.type !== 'Polygon' && other.geometry.type !== 'MultiPolygon') return false;
      return booleanPointInPolygon(point, other.geometry);
    });
    if (!crowded) {
      return {
        feature,
        id: String(feature.properties?.id),
        point: point.geometry.coordinates as [number, number],
      };
    }
  }
  throw new Error('no plot stands clear of the other layers in geodata/plots.geojson');
}

/** The middle of a plot's bounding box. */
function plotCentre(id: string): [number, number] {
  const feature = plots.features.find((candidate) => candidate.properties?.id === id);
  if (feature?.geometry?.type !== 'Polygon') throw new Error(`no plot ${id}`);
  const ring = feature.geometry.coordinates[0] ?? [];
  const lons = ring.map((position) => position[0] as number);
  const lats = ring.map((position) => position[1] as number);
  return [(Math.min(...lons) + Math.max(...lons)) / 2, (Math.min(...lats) + Math.max(...lats)) / 2];
}

/** Opens the app; if it asks for a login (no session in this browser yet), logs in as a viewer. */
async function openApp(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector('form.auth-card') || window.__landAtlas, null, {
    timeout: 60_000,
  });
  if ((await page.locator('form.auth-card').count()) > 0) {
    await login(page, USERS.viewer.username, USERS.viewer.password);
  }
  await appReady(page);
}

/** Centres the map on a place at a zoom and returns where that place is on the page. */
async function screenPointOf(
  page: Page,
  lngLat: [number, number],
  zoom: number,
): Promise<{ x: number; y: number }> {
  await page.evaluate(
    ([center, z]) =>
      window.__landAtlas?.map?.jumpTo({ center: center as [number, number], zoom: z as number }),
    [lngLat, zoom] as const,
  );
  await mapIdle(page);
  return page.evaluate((place) => {
    const map = window.__landAtlas?.map;
    if (!map) throw new Error('no map');
    const { x, y } = map.project(place as [number, number]);
    const rect = map.getCanvas().getBoundingClientRect();
    return { x: rect.left + x, y: rect.top + y };
  }, lngLat);
}

async function renderedCount(page: Page, layerId: string): Promise<number> {
  return page.evaluate(
    (id) => window.__landAtlas?.map?.queryRenderedFeatures({ layers: [id] }).length ?? -1,
    layerId,
  );
}

describe.each(DEVICES)('Land Atlas on a %s', (_name, options) => {
  const running = appAndBrowser(options, { users: [USERS.viewer] });
  const plot = clearPlot();
  const areaMu = formatArea(geometryAreaM2(plot.feature.geometry), 'zh').mu;

  /** Every Content-Security-Policy violation of every page this browser opens in these tests. */
  const violations: string[] = [];
  const policies: string[] = [];

  beforeAll(async () => {
    await running.session.context.exposeBinding('__reportCspViolation', (_source, text: string) => {
      violations.push(text);
    });
    await running.session.context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        const report = (window as unknown as { __reportCspViolation: (text: string) => void })
          .__reportCspViolation;
        report(`${event.effectiveDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`);
      });
    });
    running.session.page.on('response', (response) => {
      if (response.request().resourceType() === 'document')
        policies.push(response.headers()['content-security-policy'] ?? 'none');
    });
  });

  const tapOrClick = async (point: { x: number; y: number }) => {
    if (options.touch) await running.session.page.touchscreen.tap(point.x, point.y);
    else await running.session.page.mouse.click(point.x, point.y);
  };

  /** On a tablet the layer tree is a drawer: open it and wait until it is shown. */
  const openLayerPanel = async (name = '图层') => {
    if (!options.touch) return;
    await running.session.page.getByRole('button', { name, exact: true }).click();
    await running.session.page.getByRole('complementary', { name }).waitFor({ state: 'visible' });
  };
  const closeLayerPanel = async () => {
    if (!options.touch) return;
    await running.session.page.getByRole('button', { name: '关闭图层面板' }).click();
    await running.session.page.locator('#layer-drawer').waitFor({ state: 'hidden' });
  };

  it('loads in Chinese with no console errors and no request beyond this machine', async () => {
    const { page } = running.session;
    await openApp(page, running.app.url);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await expect
      .poll(() => page.getByRole('heading', { level: 1 }).textContent())
      .toContain('鹤山市土地一张图');
    expect(await page.getByRole('alert').count()).toBe(0);
    expect(running.session.consoleErrors).toEqual([]);
    expect(running.session.requests.filter((url) => !isLocal(url))).toEqual([]);
  });

  it('draws the boundary, the parks and the plots, and the legend explains the colours', async () => {
    const { page } = running.session;
    expect(await renderedCount(page, 'boundary-fill')).toBeGreaterThan(0);
    expect(await renderedCount(page, 'parks-line')).toBeGreaterThan(0);
    expect(await renderedCount(page, 'plots-fill')).toBeGreaterThan(0);
    expect(await renderedCount(page, 'parks-label')).toBeGreaterThan(0);
    await openLayerPanel();
    const legend = page.getByRole('region', { name: '图例' });
    await legend.waitFor({ state: 'visible' });
    for (const status of ['已认定', '已核查', '整治中', '已完成']) {
      expect(await legend.getByText(status, { exact: true }).count()).toBe(1);
    }
    await page.getByRole('radio', { name: '按等级' }).check();
    expect(await legend.getByText('D类', { exact: true }).count()).toBe(1);
    await page.getByRole('radio', { name: '按状态' }).check();
    // Staff are told whom to ask about 天地图, not how to rebuild the app.
    const note = (await page.locator('#basemap-note').textContent()) ?? '';
    expect(note).toContain('天地图尚未开通，请联系管理员');
    expect(note).not.toMatch(/VITE_|\?tk=/);
    await closeLayerPanel();
  });

  // The labels are the map's tiles and style, the same at any screen: one size proves it.
  it.runIf(!options.touch)(
    'labels a plot once at zoom 18, though it spans several tiles (HS-DX-0017 was drawn twice)',
    async () => {
      const { page } = running.session;
      for (const id of ['HS-DX-0017', 'HS-DX-0009', 'HS-DX-0027']) {
        await page.evaluate(
          (center) => window.__landAtlas?.map?.jumpTo({ center, zoom: 18 }),
          plotCentre(id),
        );
        await mapIdle(page);
        const labels = await page.evaluate(
          (plotId) =>
            window.__landAtlas?.map
              ?.queryRenderedFeatures({ layers: ['plots-label'] })
              .filter((feature) => feature.properties?.id === plotId).length ?? -1,
          id,
        );
        expect([id, labels]).toEqual([id, 1]);
      }
    },
  );

  it(`${options.touch ? 'taps' : 'clicks'} a plot and shows its id and its area in 亩`, async () => {
    const { page } = running.session;
    const point = await screenPointOf(page, plot.point, 16);
    await tapOrClick(point);
    const inspector = page.getByRole('complementary', { name: '属性' });
    await expect.poll(() => inspector.textContent()).toContain(plot.id);
    const text = (await inspector.textContent()) ?? '';
    expect(text).toContain(areaMu);
    expect(text).toContain('识别规则判定');
    expect(await page.evaluate(() => window.__landAtlas?.store.getState().selection)).toEqual({
      kind: 'feature',
      layer: 'plots',
      id: plot.id,
    });
    await expect.poll(() => renderedCount(page, 'selection-line')).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await expect
      .poll(() => page.evaluate(() => window.__landAtlas?.store.getState().selection.kind))
      .toBe('none');
  });

  it('finds a plot by its id with the search box and selects it', async () => {
    const { page } = running.session;
    const target = plots.features[plots.features.length - 1];
    const id = String(target?.properties?.id);
    const search = page.getByRole('combobox', { name: '搜索' });
    await search.fill(id);
    const option = page.getByRole('option', { name: new RegExp(id) }).first();
    if (options.touch) await option.tap();
    else await option.click();
    const inspector = page.getByRole('complementary', { name: '属性' });
    await expect.poll(() => inspector.textContent()).toContain(id);
    expect(await inspector.textContent()).toContain(formatArea(geometryAreaM2(target?.geometry), 'zh').mu);
    await page.getByRole('button', { name: '关闭属性面板' }).click();
  });

  it('hides the plots when their box is unticked', async () => {
    const { page } = running.session;
    await screenPointOf(page, plot.point, 15);
    expect(await renderedCount(page, 'plots-fill')).toBeGreaterThan(0);
    await openLayerPanel();
    const box = page.getByRole('checkbox', { name: '低效工业用地' });
    await box.uncheck();
    await mapIdle(page);
    expect(await renderedCount(page, 'plots-fill')).toBe(0);
    await box.check();
    await mapIdle(page);
    expect(await renderedCount(page, 'plots-fill')).toBeGreaterThan(0);
    await closeLayerPanel();
  });

  it('speaks English with ?lang=en, reached by the language link', async () => {
    const { page } = running.session;
    await openApp(page, running.app.url);
    const link = page.getByRole('link', { name: 'English' });
    await Promise.all([page.waitForURL(/[?&]lang=en/), options.touch ? link.tap() : link.click()]);
    await appReady(page);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('Heshan Land Atlas');
    expect(await page.getByRole('combobox', { name: 'Search' }).count()).toBe(1);
    const point = await screenPointOf(page, plot.point, 16);
    await tapOrClick(point);
    const inspector = page.getByRole('complementary', { name: 'Inspector' });
    await expect.poll(() => inspector.textContent()).toContain(plot.id);
    expect(await inspector.textContent()).toContain(
      formatArea(geometryAreaM2(plot.feature.geometry), 'en').mu,
    );
    await openLayerPanel('Layers');
    expect(await page.getByRole('checkbox', { name: 'Low-efficiency plots' }).isChecked()).toBe(true);
    // One boundary: "1 feature", not "1 features"; the plots count in the plural.
    const counts = await page.locator('.layer-count').allTextContents();
    expect(counts).toContain('1 feature');
    expect(counts).toContain(`${plots.features.length} features`);
    // No figure in 万 or 亿 left untranslated.
    expect(await inspector.textContent()).not.toMatch(/10k|100 M|万|亿/);
    expect(await page.getByRole('link', { name: '中文' }).count()).toBe(1);
    expect(running.session.consoleErrors).toEqual([]);
    expect(running.session.requests.filter((url) => !isLocal(url))).toEqual([]);
  });

  // HTTP revalidation and the layer cache do not depend on the screen: one size proves it.
  it.runIf(!options.touch)(
    'reloads with unchanged layers as six 304s: no layer is sent, parsed or measured again',
    async () => {
      const { page } = running.session;
      await openApp(page, running.app.url);
      // The layers are kept after the map has them: wait until the last one is.
      await page.waitForFunction(async () => {
        const request = indexedDB.open('land-atlas');
        const db: IDBDatabase = await new Promise((resolve, reject) => {
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const count: number = await new Promise((resolve) => {
          const counting = db.transaction('layers').objectStore('layers').count();
          counting.onsuccess = () => resolve(counting.result);
        });
        db.close();
        return count === 6;
      });
      const statuses: number[] = [];
      const onResponse = (response: { url(): string; status(): number }) => {
        if (new URL(response.url()).pathname.startsWith('/api/layers/')) statuses.push(response.status());
      };
      page.on('response', onResponse);
      await page.reload();
      await appReady(page);
      page.off('response', onResponse);
      expect(statuses).toEqual([304, 304, 304, 304, 304, 304]);
      expect(await page.evaluate(() => window.__landAtlas?.store.getState().layers.plots?.byId.size)).toBe(
        plots.features.length,
      );
      expect(await renderedCount(page, 'plots-fill')).toBeGreaterThan(0);
    },
  );

  it('ran every page above under its Content-Security-Policy with no violation', () => {
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) expect(policy).toMatch(/script-src 'self';.*frame-ancestors 'none'/);
    expect(violations).toEqual([]);
  });
});

describe('the built app', () => {
  it('ships no layer file: dist/ holds no *.geojson and /plots.geojson is 404', async () => {
    expect(
      readdirSync(new URL('../../dist', import.meta.url)).filter((name) => /\.geojson$/i.test(name)),
    ).toEqual([]);
    const app = await startApp({ users: [] });
    try {
      for (const layer of ['plots', 'parks', 'projects', 'newland', 'boundary'])
        expect([layer, (await fetch(`${app.url}${layer}.geojson`)).status]).toEqual([layer, 404]);
    } finally {
      await app.close();
    }
  });
});

describe('Land Atlas with a broken data file', () => {
  const running = appAndBrowser(DESKTOP, { users: [USERS.viewer] });

  it('names the file and its problem in a banner, loads the other layers, and shows no stack trace', async () => {
    const { page } = running.session;
    await page.route('**/api/layers/plots', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'application/geo+json',
        body: '{"type":"FeatureCollection","features":[',
      }),
    );
    await openApp(page, running.app.url);
    const banner = page.getByRole('alert');
    const text = (await banner.textContent()) ?? '';
    expect(text).toContain('plots.geojson');
    expect(text).toContain('未加载');
    expect(text).not.toMatch(/\bat .*\.(js|ts):\d+/);
    expect(await page.getByRole('checkbox', { name: '低效工业用地' }).isDisabled()).toBe(true);
    expect(await renderedCount(page, 'parks-line')).toBeGreaterThan(0);
    expect(running.session.consoleErrors).toEqual([]);
  });
});

describe('Land Atlas on a phone 390×844, touch', () => {
  const running = appAndBrowser(
    { viewport: { width: 390, height: 844 }, touch: true },
    { users: [USERS.viewer] },
  );

  it('keeps the header to two rows and shows the whole coordinates in the status bar', async () => {
    const { page } = running.session;
    await openApp(page, running.app.url);
    const header = await page.locator('.top-bar').boundingBox();
    // Two rows of 44 px targets with their padding and gap (it took three rows, 176 px).
    expect(header?.height).toBeLessThanOrEqual(112);
    // 统计分析 and the other less frequent actions are under 更多 at this width (more-menu.tsx).
    for (const name of ['图层', '更多']) {
      const box = await page.getByRole('button', { name, exact: true }).boundingBox();
      expect([name, box && box.width >= 44 && box.height >= 44]).toEqual([name, true]);
    }
    const cut = await page.evaluate(() => {
      const bar = document.querySelector('.status-bar') as HTMLElement;
      const outside = [...bar.querySelectorAll<HTMLElement>('.readout, .scale')].filter(
        (element) => element.getBoundingClientRect().right > window.innerWidth + 0.5,
      );
      return {
        outside: outside.map((element) => element.textContent),
        scrolls: bar.scrollWidth > bar.clientWidth,
      };
    });
    expect(cut).toEqual({ outside: [], scrolls: false });
  });
});

describe('Land Atlas for fingers', () => {
  const running = appAndBrowser(TABLET, { users: [USERS.viewer] });

  it('gives every control on the tablet a touch target of at least 44 px', async () => {
    const { page } = running.session;
    await openApp(page, running.app.url);
    await page.getByRole('button', { name: '图层', exact: true }).tap();
    await page.getByRole('complementary', { name: '图层' }).waitFor({ state: 'visible' });
    // Measure once the drawer has finished sliding in.
    await page.waitForFunction(
      () => getComputedStyle(document.getElementById('layer-drawer') as Element).transform === 'none',
    );
    // The drawer's ✕ does not squeeze the first row: every count ends at the same edge.
    const rights = await page
      .locator('#layer-drawer .layer-count')
      .evaluateAll((counts) => counts.map((count) => Math.round(count.getBoundingClientRect().right)));
    expect(new Set(rights).size).toBe(1);
    await page.getByRole('combobox', { name: '搜索' }).fill('HS');
    const tooSmall = await page.evaluate(() => {
      const small: string[] = [];
      for (const element of document.querySelectorAll<HTMLElement>('button, a, input, [role=option]')) {
        const target = element.matches('input[type=checkbox], input[type=radio]')
          ? (element.closest('label') ?? element)
          : element;
        const box = target.getBoundingClientRect();
        if (box.width === 0 || getComputedStyle(target).visibility === 'hidden') continue;
        if (box.width < 43.5 || box.height < 43.5) {
          small.push(`${element.tagName} ${element.getAttribute('aria-label') ?? element.textContent}`);
        }
      }
      return small;
    });
    expect(tooSmall).toEqual([]);
  });
});
