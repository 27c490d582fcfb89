// The outbox on a touch tablet (1024×768): nothing an inspector records is lost or sent twice, with or
// without a network. Counts are read from the server's store, not from the page.
// - offline: the app reopens with no network; two inspections (one with a photo) are kept on the tablet
//   (待同步 3) through a reload and a closed tab; back online each reaches the server exactly once, the
//   photo with its inspection;
// - the server dies in the middle of a sync (its first write committed, the answer lost) and a new one
//   starts on the same data: every inspection once, none lost;
// - two inspectors offline change different fields of one plot: both kept, no question; then the same
//   field: exactly one question, naming the other inspector.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromiumProfile } from '../support/chromium.ts';
import { pngImage } from '../support/png.ts';
import {
  type BrowserSession,
  type ContextSession,
  givePresenceReason,
  login,
  openBrowser,
  openContext,
  PASSWORD,
  pressFor,
  type RunningApp,
  startApp,
  TABLET,
  type TestUser,
  USERS,
} from './harness.ts';
import { appReady } from './map-page.ts';

const INSPECTOR2: TestUser = { username: 'inspector2', password: PASSWORD, role: 'inspector' };
const tap = pressFor(true);

/** A JPEG's width and height, from its first start-of-frame marker. */
function jpegSize(jpeg: Buffer): { width: number; height: number } | null {
  let at = 2;
  while (at + 9 < jpeg.length) {
    if (jpeg[at] !== 0xff) return null;
    const marker = jpeg[at + 1] as number;
    const length = jpeg.readUInt16BE(at + 2);
    if (marker >= 0xc0 && marker <= 0xc3)
      return { height: jpeg.readUInt16BE(at + 5), width: jpeg.readUInt16BE(at + 7) };
    at += 2 + length;
  }
  return null;
}

async function selectPlot(page: Page, id: string): Promise<void> {
  const inspector = page.getByRole('complementary', { name: '属性' });
  const shown = inspector.locator('.feature-id');
  if ((await shown.count()) > 0 && (await shown.textContent()) === id) return;
  await page.getByRole('combobox', { name: '搜索' }).fill('');
  await page.getByRole('combobox', { name: '搜索' }).fill(id);
  await tap(page.getByRole('option', { name: new RegExp(id) }).first());
  await expect.poll(() => inspector.locator('.feature-id').textContent()).toBe(id);
}

interface InspectionInput {
  findings: string;
  status?: string;
  mode?: string;
  photo?: string;
}

/** Records an inspection through the form; returns the message the inspector shows after it. */
async function recordInspection(page: Page, plotId: string, input: InspectionInput): Promise<string> {
  await selectPlot(page, plotId);
  const inspector = page.getByRole('complementary', { name: '属性' });
  await tap(inspector.getByRole('button', { name: '记录巡查' }));
  const dialog = page.getByRole('dialog', { name: `记录巡查：${plotId}` });
  await dialog.waitFor({ state: 'visible' });
  if (input.status) await tap(dialog.getByRole('radio', { name: input.status }));
  if (input.mode) await tap(dialog.getByRole('radio', { name: input.mode }));
  await dialog.getByLabel('巡查发现').fill(input.findings);
  if (input.photo) {
    // A HEIC picture is refused the moment it is picked, saying what to do instead.
    await dialog
      .getByLabel('拍照或选择照片')
      .setInputFiles({ name: 'IMG_0001.HEIC', mimeType: 'image/heic', buffer: Buffer.from('not really') });
    await expect
      .poll(() => dialog.locator('.photo-problem').textContent())
      .toContain('HEIC/HEIF 格式，系统不接收');
    await tap(dialog.getByRole('button', { name: '移除 IMG_0001.HEIC' }));
    // A camera-sized picture (3000×2000) is resized on the tablet before it is queued.
    await dialog
      .getByLabel('拍照或选择照片')
      .setInputFiles({ name: input.photo, mimeType: 'image/png', buffer: pngImage(3000, 2000) });
    await expect.poll(() => dialog.getByRole('img', { name: '照片 1' }).count()).toBe(1);
  }
  // The test browser has no position: the reason for saving without proof of presence.
  await givePresenceReason(dialog);
  await tap(dialog.getByRole('button', { name: '保存巡查记录' }));
  await dialog.waitFor({ state: 'detached', timeout: 30_000 });
  const status = inspector.getByRole('status');
  await expect.poll(async () => (await status.textContent()) ?? '').toMatch(/已保存/);
  return (await status.textContent()) ?? '';
}

/** Opens the plot's inspection form once online, so the forms' code is in the page before it goes offline. */
async function warmForms(page: Page, plotId: string): Promise<void> {
  await selectPlot(page, plotId);
  const inspector = page.getByRole('complementary', { name: '属性' });
  await tap(inspector.getByRole('button', { name: '记录巡查' }));
  const dialog = page.getByRole('dialog', { name: `记录巡查：${plotId}` });
  await dialog.waitFor({ state: 'visible' });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
}

const badge = (page: Page) => page.getByRole('button', { name: /^待同步 \d+ 条/ });

async function badgeCount(page: Page): Promise<number> {
  if ((await badge(page).count()) === 0) return 0;
  const name = (await badge(page).getAttribute('aria-label')) ?? '';
  return Number(/待同步 (\d+) 条/.exec(name)?.[1] ?? -1);
}

async function inspectionsOf(app: RunningApp, plotId: string) {
  return app.server.atlas.store.listInspections(plotId);
}

async function openPage(session: ContextSession, app: RunningApp, user: TestUser): Promise<void> {
  await session.page.goto(app.url);
  await session.page.getByRole('button', { name: '登录', exact: true }).waitFor({ state: 'visible' });
  await login(session.page, user.username, user.password);
  await appReady(session.page);
}

const sample = JSON.parse(
  readFileSync(new URL('../../geodata/plots.geojson', import.meta.url), 'utf8'),
) as FeatureCollection;
/** Six plots still 已认定 (identified), so 已核查 is a step forward for each. */
const PLOTS = sample.features
  .filter((feature) => feature.properties?.status === 'identified')
  .map((feature) => String(feature.properties?.id))
  .slice(0, 6);

describe('the outbox on a touch tablet', () => {
  let browser: BrowserSession;
  let app: RunningApp;
  let dataDir = '';

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'atlas-e2e-outbox-'));
    app = await startApp({ users: [USERS.inspector, INSPECTOR2], dataDir });
    browser = await openBrowser(TABLET);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('offline: the app reopens with no network; two inspections (one with a photo) wait through reloads and a closed tab; online each reaches the server once', async () => {
    const { context, page } = browser;
    await openPage(browser, app, USERS.inspector);
    await warmForms(page, PLOTS[0] as string);
    expect(await badgeCount(page)).toBe(0);
    // The service worker holds the app shell once it controls the page.
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, { timeout: 60_000 });

    await context.setOffline(true);
    // With no network the app opens again (from its service worker), as the same person.
    await page.reload();
    await appReady(page);
    const first = await recordInspection(page, PLOTS[0] as string, {
      findings: '离线记录一：厂房空置',
      status: '已核查',
      photo: 'site-offline.png',
    });
    expect(first).toContain('已保存，待同步');
    const second = await recordInspection(page, PLOTS[1] as string, {
      findings: '离线记录二：围墙完好',
      status: '已核查',
    });
    expect(second).toContain('已保存，待同步');
    // The inspection, its photo and the second inspection.
    await expect.poll(() => badgeCount(page)).toBe(3);
    await tap(badge(page));
    const list = page.getByRole('dialog', { name: '待同步' });
    await list.waitFor({ state: 'visible' });
    const items = list.getByRole('listitem');
    expect(await items.count()).toBe(3);
    expect(await items.nth(0).textContent()).toContain(`巡查 ${PLOTS[0]}`);
    expect(await items.nth(0).textContent()).toContain('等待');
    expect(await items.nth(1).textContent()).toContain('site-offline.jpg');
    await page.screenshot({ path: 'test-results/outbox-list-tablet.png' });
    expect(await inspectionsOf(app, PLOTS[0] as string)).toHaveLength(0);
    expect(await inspectionsOf(app, PLOTS[1] as string)).toHaveLength(0);

    // Reloaded offline: all three still wait.
    await page.reload();
    await appReady(page);
    await expect.poll(() => badgeCount(page)).toBe(3);
    // The tab is closed and another opened, still offline: they still wait; then the network comes back.
    await page.close();
    const next = await context.newPage();
    // The tests after this one go on in this tab, whatever happens here.
    browser.page = next;
    await next.goto(app.url);
    await appReady(next);
    // The new tab knows it is offline from its start: its outbox tries nothing until the browser is online.
    expect(await next.evaluate(() => navigator.onLine)).toBe(false);
    await expect.poll(() => badgeCount(next)).toBe(3);
    expect(await inspectionsOf(app, PLOTS[0] as string)).toHaveLength(0);
    await context.setOffline(false);
    await expect.poll(() => badgeCount(next), { timeout: 30_000 }).toBe(0);
    const one = await inspectionsOf(app, PLOTS[0] as string);
    const two = await inspectionsOf(app, PLOTS[1] as string);
    expect(one).toHaveLength(1);
    expect(two).toHaveLength(1);
    expect(one[0]?.findings).toBe('离线记录一：厂房空置');
    expect(one[0]?.photos).toHaveLength(1);
    // Resized on the tablet: a JPEG of 2560×1707 (the 3000×2000 PNG's proportions).
    const photo = one[0]?.photos[0];
    expect(photo?.originalName).toBe('site-offline.jpg');
    expect(photo?.contentType).toBe('image/jpeg');
    const served = await fetch(new URL(`api/photos/${photo?.id}`, app.url), {
      headers: { cookie: (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ') },
    });
    expect(jpegSize(Buffer.from(await served.arrayBuffer()))).toEqual({ width: 2560, height: 1707 });
    expect(two[0]?.photos).toHaveLength(0);
    const plot = await app.server.atlas.store.getFeature('plots', PLOTS[0] as string);
    expect(plot?.properties.status).toBe('inspected');
  });

  it('the server dies in the middle of a sync: a new one on the same data gets every inspection once', async () => {
    const { context, page } = browser;
    await context.setOffline(true);
    for (const [index, plotId] of PLOTS.slice(2, 5).entries()) {
      await recordInspection(page, plotId, { findings: `断线同步 ${index + 1}`, status: '已核查' });
    }
    await expect.poll(() => badgeCount(page)).toBe(3);
    // This server answers the first write of the sync (committing it) but never sends that answer.
    const port = app.port;
    await app.close();
    app = await startApp({ dataDir, port, crashAfterWrites: 1 });
    await context.setOffline(false);
    await expect.poll(() => app.crashed(), { timeout: 30_000 }).toBe(true);
    await app.close();
    expect(await badgeCount(page)).toBeGreaterThan(0);
    // A server again, on the same data and port: the outbox's next try (backoff, or 立即同步) sends the rest.
    app = await startApp({ dataDir, port });
    await tap(badge(page));
    const list = page.getByRole('dialog', { name: '待同步' });
    await tap(list.getByRole('button', { name: '立即同步' }));
    await expect.poll(() => badgeCount(page), { timeout: 60_000 }).toBe(0);
    await page.keyboard.press('Escape');
    for (const plotId of PLOTS.slice(2, 5)) {
      const recorded = await inspectionsOf(app, plotId);
      expect(recorded.map((inspection) => inspection.findings)).toHaveLength(1);
    }
    const all = (await Promise.all(PLOTS.map((plotId) => inspectionsOf(app, plotId)))).flat();
    expect(all).toHaveLength(5);
    expect(new Set(all.map((inspection) => inspection.clientId)).size).toBe(5);
  });

  it('two inspectors offline: different fields are both kept with no question; the same field asks once, naming the other', async () => {
    const plotId = PLOTS[5] as string;
    const a: ContextSession = await openContext(browser.browser, TABLET);
    const b: ContextSession = await openContext(browser.browser, TABLET);
    try {
      await openPage(a, app, USERS.inspector);
      await openPage(b, app, INSPECTOR2);
      await warmForms(a.page, plotId);
      await warmForms(b.page, plotId);
      await a.context.setOffline(true);
      await b.context.setOffline(true);
      // A moves the status on; B, from the same version, sets the mode only.
      await recordInspection(a.page, plotId, { findings: 'A：已核查', status: '已核查' });
      await recordInspection(b.page, plotId, { findings: 'B：定模式', mode: '拓展合作' });
      await a.context.setOffline(false);
      await expect.poll(() => badgeCount(a.page), { timeout: 30_000 }).toBe(0);
      await b.context.setOffline(false);
      await expect.poll(() => badgeCount(b.page), { timeout: 30_000 }).toBe(0);
      expect(await b.page.getByRole('alertdialog').count()).toBe(0);
      const merged = await app.server.atlas.store.getFeature('plots', plotId);
      expect(merged?.properties).toMatchObject({ status: 'inspected', mode: 'cooperation' });
      expect(await inspectionsOf(app, plotId)).toHaveLength(2);

      // The same field, to different values.
      await a.context.setOffline(true);
      await b.context.setOffline(true);
      await recordInspection(a.page, plotId, { findings: 'A：整治中', status: '整治中' });
      await recordInspection(b.page, plotId, { findings: 'B：已完成', status: '已完成' });
      await a.context.setOffline(false);
      await expect.poll(() => badgeCount(a.page), { timeout: 30_000 }).toBe(0);
      await b.context.setOffline(false);
      const list = b.page.getByRole('dialog', { name: '待同步' });
      await expect
        .poll(
          async () => {
            if ((await list.count()) === 0 && (await badge(b.page).count()) > 0) await tap(badge(b.page));
            return list.getByText('冲突', { exact: true }).count();
          },
          { timeout: 30_000 },
        )
        .toBe(1);
      await tap(list.getByRole('button', { name: '处理冲突' }));
      const question = b.page.getByRole('alertdialog');
      await question.waitFor({ state: 'visible' });
      expect(await b.page.getByRole('alertdialog').count()).toBe(1);
      const rows = question.locator('.conflict-table tbody tr');
      expect(await rows.count()).toBe(1);
      const row = (await rows.first().textContent()) ?? '';
      expect(row).toContain('整治状态');
      expect(row).toContain('已完成');
      expect(row).toContain('整治中');
      expect(row).toContain('inspector1');
      await b.page.screenshot({ path: 'test-results/outbox-conflict-tablet.png' });
      await tap(question.getByRole('button', { name: '保留我的修改' }));
      await question.waitFor({ state: 'detached' });
      await expect.poll(() => badgeCount(b.page), { timeout: 30_000 }).toBe(0);
      const final = await app.server.atlas.store.getFeature('plots', plotId);
      expect(final?.properties.status).toBe('completed');
      expect(await inspectionsOf(app, plotId)).toHaveLength(4);
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('the browser killed with a record waiting (a tablet profile on disk)', () => {
  let app: RunningApp;
  let profile = '';

  beforeAll(async () => {
    app = await startApp({ users: [USERS.inspector] });
    profile = await mkdtemp(join(tmpdir(), 'atlas-e2e-profile-'));
  });
  afterAll(async () => {
    await app?.close();
    await rm(profile, { recursive: true, force: true });
  });

  const start = async () => {
    const context = await launchChromiumProfile(profile, {
      viewport: TABLET.viewport,
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 1,
      locale: 'zh-CN',
    });
    const page = context.pages()[0] ?? (await context.newPage());
    return { context, page };
  };

  it('an inspection queued offline survives SIGKILL of every Chromium process and reaches the server once after a new start', async () => {
    const first = await start();
    await first.page.goto(app.url);
    await login(first.page, USERS.inspector.username, USERS.inspector.password);
    await appReady(first.page);
    await warmForms(first.page, PLOTS[2] as string);
    await first.context.setOffline(true);
    const saved = await recordInspection(first.page, PLOTS[2] as string, {
      findings: '离线记录：浏览器被强行关闭前',
      status: '已核查',
    });
    expect(saved).toContain('已保存，待同步');
    await expect.poll(() => badgeCount(first.page)).toBe(1);

    // Killed, not closed: every process of this profile gets SIGKILL (nothing is flushed on the way out).
    const killed = spawnSync('pkill', ['-KILL', '-f', profile]);
    expect(killed.status).toBe(0);
    await first.context.close().catch(() => {});
    expect(await inspectionsOf(app, PLOTS[2] as string)).toHaveLength(0);

    const second = await start();
    try {
      await second.page.goto(app.url);
      // Signed in still (the session cookie is kept on disk), or asked to sign in again: either way the
      // record waits for this person.
      const signIn = second.page.getByRole('button', { name: '登录', exact: true });
      await signIn.or(second.page.locator('.maplibregl-canvas')).first().waitFor({ state: 'visible' });
      if (await signIn.isVisible())
        await login(second.page, USERS.inspector.username, USERS.inspector.password);
      await appReady(second.page);
      await expect.poll(() => badgeCount(second.page), { timeout: 30_000 }).toBe(0);
      const recorded = await inspectionsOf(app, PLOTS[2] as string);
      expect(recorded.map((inspection) => inspection.findings)).toEqual(['离线记录：浏览器被强行关闭前']);
    } finally {
      await second.context.close();
    }
  });
});
