// Field mode with no network, at a desktop (mouse) and a touch tablet (taps): after one online visit the
// app opens offline (the service worker's app shell, the layers from IndexedDB) as the person who was
// signed in, with the offline banner and the data's age, and a plot's card opens; a half-typed inspection
// with a photo comes back after a reload offline and another online; back online a session ended on the
// server brings the login screen, and the draft is still there after signing in again. With the plots
// served as vector tiles, the tiles already seen draw from the service worker's cache with the server
// stopped, and signing out empties that cache. Each device has its own server and browser (a new
// context: no service worker or storage from another test).
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngImage } from '../support/png.ts';
import {
  type BrowserSession,
  DESKTOP,
  DEVICES,
  isLocal,
  login,
  openAndLogin,
  openBrowser,
  pressFor,
  type RunningApp,
  startApp,
  USERS,
} from './harness.ts';
import { appReady, drawnTiledPlots } from './map-page.ts';

const plots = JSON.parse(
  readFileSync(new URL('../../geodata/plots.geojson', import.meta.url), 'utf8'),
) as FeatureCollection;
const identified = plots.features
  .filter((feature) => feature.properties?.status === 'identified')
  .map((feature) => String(feature.properties?.id));

/** Waits until the service worker has the app shell and controls the page. */
async function shellCached(page: Page): Promise<void> {
  await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 60_000 });
}

/** The drafts kept in the page's IndexedDB, as [form, findings, photo names]. */
function keptDrafts(page: Page) {
  return page.evaluate(async () => {
    if (!(await indexedDB.databases()).some((db) => db.name === 'land-atlas-drafts')) return [];
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open('land-atlas-drafts');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const all = await new Promise<
      { form: string; fields: Record<string, string>; photos: { name: string; blob: Blob }[] }[]
    >((resolve, reject) => {
      const request = db.transaction('drafts').objectStore('drafts').getAll();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return all.map((draft) => [
      draft.form,
      draft.fields.findings ?? '',
      draft.photos.map((photo) => `${photo.name}:${photo.blob.size}`).join(','),
    ]);
  });
}

async function selectPlot(page: Page, id: string, touch: boolean): Promise<Locator> {
  await page.getByRole('combobox', { name: '搜索' }).fill(id);
  await pressFor(touch)(page.getByRole('option', { name: new RegExp(id) }).first());
  const inspector = page.getByRole('complementary', { name: '属性' });
  await expect.poll(() => inspector.locator('.feature-id').textContent()).toBe(id);
  return inspector;
}

describe.each(DEVICES)('offline on a %s', (name, options) => {
  let app: RunningApp;
  let session: BrowserSession;
  const tap = pressFor(options.touch);
  const plotId = identified[name.startsWith('tablet') ? 4 : 3] as string;
  const photo = pngImage(32, 24);
  const findings = `围墙已拆除，厂房空置（${name.slice(0, 6)}）`;

  beforeAll(async () => {
    app = await startApp({ users: [USERS.inspector] });
    session = await openBrowser(options);
  });
  afterAll(async () => {
    await session?.close();
    await app?.close();
  });

  it('after one online visit opens offline as the same person, with the map, the plots, the banner and a plot card', async () => {
    const { page, context } = session;
    await openAndLogin(page, app.url, USERS.inspector);
    await appReady(page);
    await shellCached(page);
    // Online: no banner, and the data's age is now.
    expect(await page.locator('.offline-banner').count()).toBe(0);
    await expect
      .poll(() => page.getByTestId('data-age').textContent())
      .toMatch(/^数据更新于 \d\d-\d\d \d\d:\d\d$/);
    const asOf = await page.getByTestId('data-age').textContent();

    await context.setOffline(true);
    await page.reload();
    await appReady(page);
    expect(await page.getByRole('button', { name: /^用户菜单：inspector1（核查员）$/ }).isVisible()).toBe(
      true,
    );
    const banner = page.getByRole('status').filter({ hasText: '离线可用' });
    expect(await banner.textContent()).toBe(
      '离线连不上服务器，显示的是本机保存的数据。离线可用：查看地图、地块信息、联网时打开过的数据表、记录巡查（联网后同步）。',
    );
    expect(await page.getByTestId('data-age').textContent()).toBe(asOf);
    const count = await page.evaluate(
      () => window.__landAtlas?.store.getState().layers.plots?.collection.features.length,
    );
    expect(count).toBe(plots.features.length);
    expect(await page.locator('.problems').count()).toBe(0);
    await selectPlot(page, plotId, options.touch);
    expect(session.requests.filter((url) => !isLocal(url))).toEqual([]);
    // A table never opened online has nothing kept: it says how to have it offline.
    const tableButton = page.getByRole('button', { name: '数据表', exact: true });
    await pressFor(options.touch)(tableButton);
    const table = page.getByRole('region', { name: '低效工业用地数据表' });
    await table
      .getByText('本机没有保存这张数据表：联网时打开一次，离线也能查看。')
      .waitFor({ state: 'visible', timeout: 30_000 });
    expect(await table.getByRole('status').textContent()).toBe('未读到数据');
    await pressFor(options.touch)(table.getByRole('button', { name: '关闭数据表' }));

    // In English too (the shell comes from the service worker for any address of the app).
    await page.goto(`${app.url}?lang=en`);
    await appReady(page);
    expect(await page.getByRole('status').filter({ hasText: 'Works offline' }).textContent()).toBe(
      'OfflineThe server cannot be reached; the data shown is what this device keeps.Works offline: the map, plot information, the tables opened online, recording inspections (sent when back online).',
    );
    expect(await page.getByTestId('data-age').textContent()).toBe(asOf?.replace('数据更新于', 'Data as of'));
    await page.goto(app.url);
    await appReady(page);
  });

  it('keeps a half-typed inspection with its photo through a reload offline and another online', async () => {
    const { page, context } = session;
    const inspector = await selectPlot(page, plotId, options.touch);
    await tap(inspector.getByRole('button', { name: '记录巡查' }));
    const dialog = page.getByRole('dialog', { name: `记录巡查：${plotId}` });
    await dialog.waitFor({ state: 'visible' });
    await dialog.getByLabel('巡查发现').fill(findings);
    await dialog
      .getByLabel('拍照或选择照片')
      .setInputFiles({ name: 'site.png', mimeType: 'image/png', buffer: photo });
    await expect.poll(() => dialog.getByRole('img', { name: '照片 1' }).count()).toBe(1);
    await expect.poll(() => keptDrafts(page)).toEqual([['inspection', findings, `site.png:${photo.length}`]]);

    for (const online of [false, true]) {
      await context.setOffline(!online);
      await page.reload();
      await appReady(page);
      const card = await selectPlot(page, plotId, options.touch);
      const notice = card.getByRole('status').filter({ hasText: '有未完成的巡查草稿' });
      await notice.waitFor({ state: 'visible' });
      expect(await notice.textContent()).toContain('含 1 张照片');
      await tap(notice.getByRole('button', { name: '继续' }));
      const again = page.getByRole('dialog', { name: `记录巡查：${plotId}` });
      await again.waitFor({ state: 'visible' });
      expect(await again.getByLabel('巡查发现').inputValue()).toBe(findings);
      expect(await again.getByRole('img', { name: '照片 1' }).count()).toBe(1);
      expect(await again.locator('.photo-name').textContent()).toBe('site.png');
      // The photo is the picture itself, not only its name.
      const width = await again
        .getByRole('img', { name: '照片 1' })
        .evaluate((img: HTMLImageElement) =>
          img.complete ? img.naturalWidth : new Promise((r) => (img.onload = () => r(img.naturalWidth))),
        );
      expect(width).toBe(32);
      expect(await page.locator('.offline-banner').count()).toBe(online ? 0 : 1);
    }
  });

  it('back online, a session ended on the server asks to sign in again; the draft is kept for the same person', async () => {
    const { page, context } = session;
    // The form from the last test is open; the session ends on the server while the tablet is offline.
    await context.setOffline(true);
    await context.clearCookies();
    await context.setOffline(false);
    await page.getByRole('form', { name: '登录' }).waitFor({ state: 'visible', timeout: 30_000 });
    expect(await page.getByRole('status').first().textContent()).toContain('登录已失效，请重新登录');
    await login(page, USERS.inspector.username, USERS.inspector.password);
    await appReady(page);
    const card = await selectPlot(page, plotId, options.touch);
    await card.getByRole('status').filter({ hasText: '有未完成的巡查草稿' }).waitFor({ state: 'visible' });
    expect(await keptDrafts(page)).toEqual([['inspection', findings, `site.png:${photo.length}`]]);

    // Cancelling asks first; giving up drops the draft.
    await tap(card.getByRole('button', { name: '继续' }));
    const dialog = page.getByRole('dialog', { name: `记录巡查：${plotId}` });
    await tap(dialog.getByRole('button', { name: '取消' }));
    await tap(dialog.getByRole('button', { name: '放弃填写' }));
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => keptDrafts(page)).toEqual([]);
    await expect.poll(() => card.getByText('有未完成的巡查草稿').count()).toBe(0);
    // Offline requests fail as the browser logs them: ERR_INTERNET_DISCONNECTED, or ERR_FAILED for one the
    // service worker answers with a network error (the table never kept, in the first test).
    expect(
      session.consoleErrors.filter((text) => !/net::ERR_INTERNET_DISCONNECTED|net::ERR_FAILED/.test(text)),
    ).toEqual([]);
  });
});

describe('plots served as vector tiles, offline (desktop)', () => {
  let app: RunningApp;
  let session: BrowserSession;
  let closed = false;

  beforeAll(async () => {
    app = await startApp({ users: [USERS.inspector], tileThreshold: 0 });
    session = await openBrowser(DESKTOP);
  });
  afterAll(async () => {
    await session?.close();
    if (!closed) await app?.close();
  });

  /** The plots drawn at the county view (dots or fills), by id. */
  const drawnPlots = async (page: Page) => (await drawnTiledPlots(page)).plots;

  it('draws the tiles already seen and opens the plots’ table as last read, from the service worker’s caches (the server stopped); signing out empties them', async () => {
    const { page, context } = session;
    await openAndLogin(page, app.url, USERS.inspector);
    await appReady(page);
    await shellCached(page);
    // The first visit's tiles came before the service worker controlled the page: a second visit's are kept.
    await page.reload();
    await appReady(page);
    expect(await drawnPlots(page)).toBe(plots.features.length);
    // The plots' table opened once online (its rows then kept by the service worker).
    const all = `显示 ${plots.features.length} / ${plots.features.length} 宗`;
    const tableRows = async () => {
      const button = page.getByRole('button', { name: '数据表', exact: true });
      if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
      const table = page.getByRole('region', { name: '低效工业用地数据表' });
      await table.waitFor({ state: 'visible' });
      await expect.poll(() => table.getByRole('status').textContent(), { timeout: 30_000 }).toBe(all);
      return table.getByRole('row').count();
    };
    const onlineRows = await tableRows();
    expect(onlineRows).toBeGreaterThan(1);

    // Nothing can come from the server from here on, whatever the browser's offline emulation covers.
    await app.close();
    closed = true;
    await context.setOffline(true);
    await page.reload();
    await appReady(page);
    expect(await page.locator('.offline-banner').count()).toBe(1);
    expect(await page.evaluate(() => window.__landAtlas?.store.getState().tiled.plots?.count)).toBe(
      plots.features.length,
    );
    expect(await drawnPlots(page)).toBe(plots.features.length);
    expect(await page.locator('.problems').count()).toBe(0);
    // The table opens offline as it was last read: every plot, the same rows drawn.
    expect(await tableRows()).toBe(onlineRows);
    // The workbook is made on the server: offline its export cannot be pressed, and says why.
    const exportButton = page
      .getByRole('region', { name: '低效工业用地数据表' })
      .getByRole('button', { name: '导出 Excel' });
    expect(await exportButton.isDisabled()).toBe(true);
    expect(await exportButton.getAttribute('title')).toBe('导出 Excel 需联网（工作簿由服务器生成）');
    expect(await page.getByText('本机没有保存这张数据表').count()).toBe(0);

    const cachedTiles = () =>
      page.evaluate(async () =>
        (await caches.has('land-atlas-tiles'))
          ? (await (await caches.open('land-atlas-tiles')).keys()).length
          : 0,
      );
    expect(await cachedTiles()).toBeGreaterThan(0);
    expect(await page.evaluate(() => caches.has('land-atlas-tables'))).toBe(true);
    await page.getByRole('button', { name: /^用户菜单/ }).click();
    await page.getByRole('button', { name: '退出登录' }).click();
    // The server is gone: the login screen, with nothing of this person left but their drafts and queue.
    await page.getByRole('form', { name: '登录' }).waitFor({ state: 'visible' });
    expect(await cachedTiles()).toBe(0);
    expect(await page.evaluate(() => caches.has('land-atlas-tables'))).toBe(false);
    expect(await page.evaluate(() => localStorage.getItem('land-atlas:signed-in'))).toBeNull();
  });
});
