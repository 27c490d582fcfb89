// Inspections, histories, roles and conflicts in Chromium, at a desktop (mouse) and a touch tablet
// (taps): an inspector records an inspection with a photo, reloads and finds it with its photo, and the
// plot's colour follows its new status; a viewer finds no way to write; two planners editing the same
// plot from the same version meet the conflict dialog; a first start with no users leads through the
// setup link to the map. One server and one browser for the file; each person has their own context.
import { mkdirSync, readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STATUS_COLOURS } from '../../src/app/map/styles.ts';
import { pngImage } from '../support/png.ts';
import {
  appAndBrowser,
  type BrowserOptions,
  type ContextSession,
  DESKTOP,
  givePresenceReason,
  login,
  openAndLogin,
  openContext,
  PASSWORD,
  pressFor,
  type RunningApp,
  startApp,
  TABLET,
  type TestUser,
  USERS,
} from './harness.ts';
import { appReady, mapIdle } from './map-page.ts';

const SHOTS = new URL('../../test-results/', import.meta.url).pathname;
mkdirSync(SHOTS, { recursive: true });

const plots = JSON.parse(
  readFileSync(new URL('../../geodata/plots.geojson', import.meta.url), 'utf8'),
) as FeatureCollection;
const identified = plots.features
  .filter((feature) => feature.properties?.status === 'identified')
  .map((feature) => String(feature.properties?.id));

const PLANNER2: TestUser = { username: 'planner2', password: PASSWORD, role: 'planner' };

/** Selects a plot through the search box, as a person would. */
async function selectPlot(page: Page, id: string, touch: boolean): Promise<Locator> {
  await page.getByRole('combobox', { name: '搜索' }).fill(id);
  await pressFor(touch)(page.getByRole('option', { name: new RegExp(id) }).first());
  const inspector = page.getByRole('complementary', { name: '属性' });
  await expect.poll(() => inspector.locator('.feature-id').textContent()).toBe(id);
  return inspector;
}

function plotInStore(page: Page, id: string) {
  return page.evaluate((plotId) => {
    const properties = window.__landAtlas?.store.getState().layers.plots?.byId.get(plotId)?.properties;
    return { status: properties?.status, version: properties?.version, grade: properties?.grade };
  }, id);
}

/** The fill colour MapLibre evaluated for the plot, as #rrggbb. */
async function renderedFill(page: Page, id: string): Promise<string | null> {
  return page.evaluate((plotId) => {
    const map = window.__landAtlas?.map;
    const feature = map
      ?.queryRenderedFeatures({ layers: ['plots-fill'] })
      .find((candidate) => candidate.properties?.id === plotId);
    const colour = feature?.layer.paint?.['fill-color' as keyof typeof feature.layer.paint] as
      | { r: number; g: number; b: number; a: number }
      | undefined;
    if (!colour || typeof colour !== 'object') return null;
    const hex = (v: number) =>
      Math.round((v / (colour.a || 1)) * 255)
        .toString(16)
        .padStart(2, '0');
    return `#${hex(colour.r)}${hex(colour.g)}${hex(colour.b)}`;
  }, id);
}

async function centreOnPlot(page: Page, id: string): Promise<void> {
  const feature = plots.features.find((candidate) => candidate.properties?.id === id);
  const ring =
    feature?.geometry?.type === 'Polygon'
      ? feature.geometry.coordinates[0]
      : feature?.geometry?.type === 'MultiPolygon'
        ? feature.geometry.coordinates[0]?.[0]
        : undefined;
  if (!ring) throw new Error(`no polygon for ${id}`);
  const lon = ring.reduce((sum, point) => sum + (point[0] as number), 0) / ring.length;
  const lat = ring.reduce((sum, point) => sum + (point[1] as number), 0) / ring.length;
  await page.evaluate((center) => window.__landAtlas?.map?.jumpTo({ center, zoom: 15 }), [lon, lat] as [
    number,
    number,
  ]);
  await mapIdle(page);
}

const running = appAndBrowser(DESKTOP, {
  users: [USERS.inspector, USERS.viewer, USERS.planner, PLANNER2],
});

const CASES: [string, BrowserOptions, string][] = [
  ['desktop 1440×900, mouse', DESKTOP, identified[0] as string],
  ['tablet 1024×768, touch', TABLET, identified[1] as string],
];

describe.each(CASES)('an inspector on a %s', (name, options, plotId) => {
  let person: ContextSession;
  const tap = pressFor(options.touch);
  const shot = name.startsWith('tablet') ? 'tablet' : 'desktop';

  beforeAll(async () => {
    person = await openContext(running.session.browser, options);
  });
  afterAll(async () => {
    await person?.close();
  });

  it('logs in on the login screen', async () => {
    const { page } = person;
    await page.goto(running.app.url);
    const form = page.getByRole('form', { name: '登录' });
    await form.waitFor({ state: 'visible' });
    // The page's one task has the focus: typing starts in the user name, not on the language link.
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('name') ?? null))
      .toBe('username');
    await page.screenshot({ path: `${SHOTS}inspect-login-${shot}.png` });
    await page.getByLabel('用户名', { exact: true }).fill(USERS.inspector.username);
    await page.getByLabel('密码', { exact: true }).fill('not the password');
    await tap(page.getByRole('button', { name: '登录', exact: true }));
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码不正确');
    await login(page, USERS.inspector.username, USERS.inspector.password);
    await appReady(page);
    await tap(page.getByRole('button', { name: /^用户菜单：inspector1（核查员）$/ }));
    expect(await page.getByTestId('user-role').textContent()).toBe('核查员');
    expect(await page.getByRole('button', { name: '退出登录' }).isVisible()).toBe(true);
    await tap(page.getByRole('button', { name: /^用户菜单/ }));
  });

  it('records an inspection with a photo; the plot takes its new status and colour', async () => {
    const { page } = person;
    const inspector = await selectPlot(page, plotId, options.touch);
    expect(await plotInStore(page, plotId)).toEqual({
      status: 'identified',
      version: 1,
      grade: expect.any(String),
    });
    await expect.poll(() => inspector.getByText('暂无巡查记录').count()).toBe(1);
    await tap(inspector.getByRole('button', { name: '记录巡查' }));
    const dialog = page.getByRole('dialog', { name: `记录巡查：${plotId}` });
    await dialog.waitFor({ state: 'visible' });
    // The form is taller than the screen: its save button stays in view without scrolling.
    const saveBox = await dialog.getByRole('button', { name: '保存巡查记录' }).boundingBox();
    const viewport = page.viewportSize();
    expect(saveBox && viewport && saveBox.y + saveBox.height <= viewport.height).toBe(true);

    expect(await dialog.getByLabel('巡查日期').inputValue()).toBe(today());
    // Findings are required: saving without them says so and sends nothing.
    await tap(dialog.getByRole('button', { name: '保存巡查记录' }));
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('请填写巡查发现');

    await tap(dialog.getByRole('radio', { name: '整治中' }));
    expect(await dialog.getByRole('radio', { name: '整治中' }).isChecked()).toBe(true);
    await dialog.getByLabel('巡查发现').fill(`厂房北侧空置，已约谈企业（${shot}）`);
    await tap(dialog.getByRole('radio', { name: '工改工' }));
    await dialog.getByLabel('备注').fill('<b>不是 HTML</b>');
    await dialog.getByLabel('拍照或选择照片').setInputFiles({
      name: `site-${shot}.png`,
      mimeType: 'image/png',
      buffer: pngImage(64, 48),
    });
    await expect.poll(() => dialog.getByRole('img', { name: '照片 1' }).count()).toBe(1);

    if (options.touch) {
      // On the tablet the form is a bottom sheet across the screen, every target at least 44 px.
      const box = await dialog.boundingBox();
      expect(box?.width).toBeGreaterThanOrEqual(1023);
      expect((box?.y ?? 0) + (box?.height ?? 0)).toBeGreaterThanOrEqual(767);
      const small = await dialog.evaluate((element) => {
        const found: string[] = [];
        for (const control of element.querySelectorAll<HTMLElement>('button, a, input, select, textarea')) {
          const target = control.matches('input[type=radio], input[type=checkbox]')
            ? (control.closest('label') ?? control)
            : control;
          const rect = target.getBoundingClientRect();
          if (rect.width === 0) continue;
          if (rect.width < 43.5 || rect.height < 43.5) found.push(control.outerHTML.slice(0, 80));
        }
        return found;
      });
      expect(small).toEqual([]);
      await page.screenshot({ path: `${SHOTS}inspect-form-tablet.png` });
    }

    await givePresenceReason(dialog);
    await tap(dialog.getByRole('button', { name: '保存巡查记录' }));
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    await expect.poll(() => inspector.getByRole('status').textContent()).toContain('巡查记录已保存');
    expect(await plotInStore(page, plotId)).toMatchObject({ status: 'rectifying', version: 2 });
    await centreOnPlot(page, plotId);
    await expect.poll(() => renderedFill(page, plotId)).toBe(STATUS_COLOURS.rectifying);
  });

  it('after a reload shows the inspection with its photo, and the change in the change history', async () => {
    const { page } = person;
    await page.reload();
    await appReady(page);
    const inspector = await selectPlot(page, plotId, options.touch);
    const record = inspector.getByTestId('inspection-record').first();
    await record.waitFor({ state: 'visible' });
    const text = (await record.textContent()) ?? '';
    expect(text).toContain(today());
    expect(text).toContain('inspector1');
    expect(text).toContain(`厂房北侧空置，已约谈企业（${shot}）`);
    expect(text).toContain('整治中');
    expect(text).toContain('工改工');
    expect(text).toContain('<b>不是 HTML</b>');
    const photo = record.getByRole('img', { name: `${plotId} 巡查照片 1（${today()}）` });
    await photo.scrollIntoViewIfNeeded();
    await expect
      .poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth))
      .toBe(64);
    const change = inspector.getByTestId('change-record').first();
    const changeText = (await change.textContent()) ?? '';
    expect(changeText).toContain('巡查');
    expect(changeText).toContain('inspector1');
    expect(changeText).toMatch(/整治状态\s*已认定\s*→\s*改为整治中|整治状态 已认定→改为整治中/);
    expect(changeText).not.toContain('{');
    expect(await plotInStore(page, plotId)).toMatchObject({ status: 'rectifying', version: 2 });
    await centreOnPlot(page, plotId);
    await expect.poll(() => renderedFill(page, plotId)).toBe(STATUS_COLOURS.rectifying);
    if (options.touch) await page.getByRole('button', { name: '图层', exact: true }).tap();
    const legend = page.getByRole('region', { name: '图例' });
    await legend.waitFor({ state: 'visible' });
    expect(await legend.getByText('整治中', { exact: true }).count()).toBe(1);
    if (options.touch) await page.getByRole('button', { name: '关闭图层面板' }).tap();
    await record.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}inspect-history-${shot}.png` });
    expect(pageErrors(person)).toEqual([]);
  });

  it('moving a plot back (整治中 → 已核查) asks for the reason, and keeps it with the inspection', async () => {
    const { page } = person;
    // The plot is still selected from the test before.
    const inspector = page.getByRole('complementary', { name: '属性' });
    await expect.poll(() => inspector.locator('.feature-id').textContent()).toBe(plotId);
    await tap(inspector.getByRole('button', { name: '记录巡查' }));
    const dialog = page.getByRole('dialog', { name: `记录巡查：${plotId}` });
    await dialog.waitFor({ state: 'visible' });
    const back = dialog.getByRole('group', { name: /退回/ });
    expect(await back.count()).toBe(0);
    await tap(dialog.getByRole('radio', { name: '已核查' }));
    await back.waitFor({ state: 'visible' });
    expect(await back.textContent()).toContain('状态将由“整治中”退回“已核查”');
    await dialog.getByLabel('巡查发现').fill('整改未落实，退回核查');
    await tap(dialog.getByRole('button', { name: '保存巡查记录' }));
    await expect.poll(() => dialog.getByRole('alert').textContent()).toContain('状态退回需要填写退回原因');
    expect(await plotInStore(page, plotId)).toMatchObject({ status: 'rectifying', version: 2 });
    await back.getByLabel('退回原因').fill('企业未按期整改');
    await givePresenceReason(dialog);
    await tap(dialog.getByRole('button', { name: '保存巡查记录' }));
    await dialog.waitFor({ state: 'detached', timeout: 30_000 });
    expect(await plotInStore(page, plotId)).toMatchObject({ status: 'inspected', version: 3 });
    const record = inspector.getByTestId('inspection-record').first();
    await expect.poll(() => record.textContent()).toContain('退回原因：企业未按期整改');
  });

  it('by keyboard: a skip link reaches the inspector, Esc gives the focus back to 记录巡查, zoom buttons show focus', async () => {
    const { page } = person;
    const active = () =>
      page.evaluate(() => {
        const element = document.activeElement as HTMLElement | null;
        return element
          ? (element.getAttribute('aria-label') || element.id || element.textContent || '').trim()
          : null;
      });
    // The skip link comes before every other control (Shift+Tab from the first one reaches it), and it
    // leads into the inspector.
    await page.evaluate(() => {
      const first = [
        ...document.querySelectorAll<HTMLElement>('.top-bar button, .top-bar input, .top-bar a'),
      ].find((element) => element.offsetParent !== null);
      first?.focus();
    });
    await page.keyboard.press('Shift+Tab');
    expect(await active()).toBe('跳到属性面板');
    await page.keyboard.press('Enter');
    expect(await active()).toBe('属性');
    // Past the card's close button and 打印档案 (the dossier) to 记录巡查.
    const passed: (string | null)[] = [];
    for (let presses = 0; presses < 4 && (await active()) !== '记录巡查'; presses++) {
      await page.keyboard.press('Tab');
      passed.push(await active());
    }
    expect(passed.at(-1)).toBe('记录巡查');
    // The form closed with Esc hands the focus back to the button that opened it.
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `记录巡查：${plotId}` });
    await dialog.waitFor({ state: 'visible' });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await active()).toBe('记录巡查');
    // MapLibre's zoom buttons, focused after keyboard use, draw the same focus outline as the rest.
    const zoomIn = page.locator('.maplibregl-ctrl-zoom-in');
    await zoomIn.focus();
    expect(await zoomIn.evaluate((button) => button.matches(':focus-visible'))).toBe(true);
    // Drawn inside the button: the control group clips whatever lies outside it.
    expect(
      await zoomIn.evaluate((button) => {
        const style = getComputedStyle(button);
        return [style.outlineStyle, style.outlineWidth, Number.parseFloat(style.outlineOffset) < 0];
      }),
    ).toEqual(['solid', '3px', true]);
  });
});

/** Console errors but the browser's notes on refused requests (a wrong password is a 401 by design). */
function pageErrors(session: ContextSession): string[] {
  return session.consoleErrors.filter((text) => !text.startsWith('Failed to load resource'));
}

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

describe('a viewer on a tablet', () => {
  let person: ContextSession;
  beforeAll(async () => {
    person = await openContext(running.session.browser, TABLET);
  });
  afterAll(async () => {
    await person?.close();
  });

  it('reads the histories but finds no way to write, and the server refuses anyway', async () => {
    const { page } = person;
    await openAndLogin(page, running.app.url, USERS.viewer);
    await appReady(page);
    const inspector = await selectPlot(page, identified[0] as string, true);
    await inspector.getByRole('heading', { name: '巡查记录' }).waitFor({ state: 'visible' });
    await inspector.getByTestId('inspection-record').first().waitFor({ state: 'visible' });
    expect(await page.getByRole('button', { name: '记录巡查' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: '编辑属性' }).count()).toBe(0);
    expect(await page.locator('input[type=file], textarea, dialog').count()).toBe(0);
    // Only the card's close button and what reads: the printable dossier.
    const buttons = await inspector.getByRole('button').allTextContents();
    expect(buttons.map((text) => text.trim()).filter((text) => text !== '✕' && text !== '打印档案')).toEqual(
      [],
    );
    const refused = await page.request.post(new URL('/api/inspections', running.app.url).href, {
      data: { plotId: identified[0], date: today(), findings: 'x', status: 'completed' },
    });
    expect(refused.status()).toBe(403);
  });

  it('when the session ends, the next request brings back the login screen and says why', async () => {
    const { page, context } = person;
    await context.clearCookies();
    // Choosing a plot asks the server for its records: that request meets the ended session. (The card
    // never shows the plot, so nothing waits for it: the login screen is what comes.)
    const id = identified[1] as string;
    await page.getByRole('combobox', { name: '搜索' }).fill(id);
    await pressFor(true)(page.getByRole('option', { name: new RegExp(id) }).first());
    await page.getByRole('form', { name: '登录' }).waitFor({ state: 'visible' });
    expect(await page.getByRole('status').first().textContent()).toContain('登录已失效，请重新登录');
    await login(page, USERS.viewer.username, USERS.viewer.password);
    await appReady(page);
  });
});

describe('two planners editing the same plot', () => {
  let first: ContextSession;
  let second: ContextSession;
  const plotId = identified[2] as string;
  beforeAll(async () => {
    first = await openContext(running.session.browser, DESKTOP);
    second = await openContext(running.session.browser, DESKTOP);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  const signedIn = new Set<ContextSession>();
  /** Both planners open 编辑属性 on `id`, each from version 1. */
  async function bothOpen(id: string) {
    for (const [session, user] of [
      [first, USERS.planner],
      [second, PLANNER2],
    ] as const) {
      if (!signedIn.has(session)) {
        await openAndLogin(session.page, running.app.url, user);
        await appReady(session.page);
        signedIn.add(session);
      }
      const inspector = await selectPlot(session.page, id, false);
      expect(await inspector.getByRole('button', { name: '记录巡查' }).count()).toBe(0);
      await inspector.getByRole('button', { name: '编辑属性' }).click();
      await session.page.getByRole('dialog', { name: `编辑属性：${id}` }).waitFor({ state: 'visible' });
    }
    return {
      firstForm: first.page.getByRole('dialog', { name: `编辑属性：${id}` }),
      secondForm: second.page.getByRole('dialog', { name: `编辑属性：${id}` }),
    };
  }

  it('different fields at once: both changes are kept and nobody is asked', async () => {
    const { firstForm, secondForm } = await bothOpen(plotId);
    const before = await plotInStore(first.page, plotId);
    const newGrade = before.grade === 'A' ? 'B' : 'A';

    // The first planner changes the grade and saves: version 2.
    await firstForm.getByRole('radio', { name: `${newGrade}类` }).click();
    await firstForm.getByRole('button', { name: '保存属性' }).click();
    await firstForm.waitFor({ state: 'detached' });
    expect(await plotInStore(first.page, plotId)).toMatchObject({ grade: newGrade, version: 2 });

    // The second, still on version 1, changes the status and the note: merged onto version 2, no dialog.
    await secondForm.getByRole('radio', { name: '已完成' }).click();
    await secondForm.getByLabel('备注').fill('已签订整治协议');
    await secondForm.getByRole('button', { name: '保存属性' }).click();
    await secondForm.waitFor({ state: 'detached' });
    expect(await second.page.getByRole('alertdialog', { name: '修改冲突' }).count()).toBe(0);
    expect(await plotInStore(second.page, plotId)).toEqual({
      status: 'completed',
      grade: newGrade,
      version: 3,
    });
    const saved = await (
      await second.page.request.get(new URL(`/api/features/plots/${plotId}`, running.app.url).href)
    ).json();
    expect(saved.properties).toMatchObject({
      status: 'completed',
      grade: newGrade,
      notes: '已签订整治协议',
      version: 3,
    });
    // History tells the whole story: the refused first attempt, then the merged save by planner2.
    const inspector = second.page.getByRole('complementary', { name: '属性' });
    await expect
      .poll(() => inspector.getByTestId('change-record').first().textContent())
      .toContain('planner2');
    expect(await inspector.getByText('冲突（未保存）').count()).toBe(1);
  });

  it('the same field: the dialog shows only that field, who changed it and when; nothing is resolved silently', async () => {
    const id = identified[4] as string;
    const { firstForm, secondForm } = await bothOpen(id);

    // The first planner sets the status to 整治中: version 2.
    await firstForm.getByRole('radio', { name: '整治中' }).click();
    await firstForm.getByRole('button', { name: '保存属性' }).click();
    await firstForm.waitFor({ state: 'detached' });

    // The second, from version 1, sets the status to 已完成 and writes a note: the status conflicts.
    await secondForm.getByRole('radio', { name: '已完成' }).click();
    await secondForm.getByLabel('备注').fill('现场已完工');
    await secondForm.getByRole('button', { name: '保存属性' }).click();
    const conflict = second.page.getByRole('alertdialog', { name: '修改冲突' });
    await conflict.waitFor({ state: 'visible' });
    const table = conflict.getByRole('table');
    expect(await table.getByRole('columnheader').allTextContents()).toEqual([
      '属性',
      '您的版本',
      '服务器当前版本 v2',
      '修改人',
    ]);
    expect(await table.getByRole('rowheader').allTextContents()).toEqual(['整治状态']);
    const cells = await table.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(cells.slice(0, 2)).toEqual(['已完成', '整治中']);
    expect(cells[2]).toMatch(/^planner1 · \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    expect(await conflict.textContent()).toContain('不冲突的修改无论如何都会保存：您改的备注');
    // Nothing was saved while the dialog is open.
    expect(await plotInStore(second.page, id)).toMatchObject({ status: 'identified', version: 1 });
    await second.page.screenshot({ path: `${SHOTS}inspect-conflict-desktop.png` });

    // Keep mine: 已完成 and the note go onto version 2.
    await conflict.getByRole('button', { name: '保留我的修改' }).click();
    await conflict.waitFor({ state: 'detached' });
    await secondForm.waitFor({ state: 'detached' });
    expect(await plotInStore(second.page, id)).toMatchObject({ status: 'completed', version: 3 });
    const saved = await (
      await second.page.request.get(new URL(`/api/features/plots/${id}`, running.app.url).href)
    ).json();
    expect(saved.properties).toMatchObject({ status: 'completed', notes: '现场已完工', version: 3 });
  });

  it('an inspection of a plot changed meanwhile shows the conflict; taking the server’s status saves it', async () => {
    const target = identified[3] as string;
    const person = await openContext(running.session.browser, DESKTOP);
    try {
      const { page } = person;
      await openAndLogin(page, running.app.url, USERS.inspector);
      await appReady(page);
      const inspector = await selectPlot(page, target, false);
      await inspector.getByRole('button', { name: '记录巡查' }).click();
      const form = page.getByRole('dialog', { name: `记录巡查：${target}` });
      await form.getByRole('radio', { name: '已核查' }).click();
      await form.getByLabel('巡查发现').fill('现场核实');
      // Meanwhile a planner sets the status from the same version 1.
      const patched = await first.page.request.patch(
        new URL(`/api/features/plots/${target}`, running.app.url).href,
        {
          data: { version: 1, properties: { status: 'rectifying' } },
        },
      );
      expect(patched.status()).toBe(200);
      await givePresenceReason(form);
      await form.getByRole('button', { name: '保存巡查记录' }).click();
      const conflict = page.getByRole('alertdialog', { name: '修改冲突' });
      await conflict.waitFor({ state: 'visible' });
      const status = conflict
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: /^整治状态/ }) });
      expect((await status.getByRole('cell').allTextContents()).slice(0, 2)).toEqual(['已核查', '整治中']);
      expect((await status.getByRole('cell').allTextContents())[2]).toMatch(/^planner1 · /);
      await conflict.getByRole('button', { name: '采用服务器版本' }).click();
      await form.waitFor({ state: 'detached' });
      expect(await plotInStore(page, target)).toMatchObject({ status: 'rectifying', version: 2 });
      const record = inspector.getByTestId('inspection-record').first();
      await expect.poll(() => record.textContent()).toContain('现场核实');
      expect(await record.textContent()).toContain('整治中');
    } finally {
      await person.close();
    }
  });
});

describe('a first start with no users', () => {
  let fresh: RunningApp;
  let person: ContextSession;
  beforeAll(async () => {
    fresh = await startApp();
    person = await openContext(running.session.browser, DESKTOP);
  });
  afterAll(async () => {
    await person?.close();
    await fresh?.close();
  });

  it('points to the setup link, creates the first admin there, and shows the map', async () => {
    const { page } = person;
    expect(fresh.setupToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await page.goto(fresh.url);
    await expect
      .poll(() => page.getByRole('status').first().textContent())
      .toContain('首次使用：请打开服务器控制台打印的设置链接');
    await page.goto(new URL(`/setup?token=${fresh.setupToken}`, fresh.url).href);
    const form = page.getByRole('form', { name: '创建第一位管理员' });
    await form.waitFor({ state: 'visible' });
    await form.getByLabel('用户名', { exact: true }).fill('chief');
    await form.getByLabel('密码', { exact: true }).fill('short');
    await form.getByLabel('再次输入密码').fill('short');
    await form.getByRole('button', { name: '创建管理员并登录' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('密码至少 8 个字符');
    await form.getByLabel('密码', { exact: true }).fill('a long passphrase');
    await form.getByLabel('再次输入密码').fill('a long passphrase!');
    await form.getByRole('button', { name: '创建管理员并登录' }).click();
    await expect.poll(() => form.getByRole('alert').textContent()).toContain('两次输入的密码不一致');
    await form.getByLabel('再次输入密码').fill('a long passphrase');
    await form.getByRole('button', { name: '创建管理员并登录' }).click();
    await appReady(page);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(page.url()).not.toContain('token');
    await page.getByRole('button', { name: '用户菜单：chief（管理员）' }).waitFor({ state: 'visible' });
    expect(await page.evaluate(() => window.__landAtlas?.store.getState().layers.plots?.byId.size)).toBe(
      plots.features.length,
    );

    // The link worked once: used again, it leads to the login screen.
    await page.getByRole('button', { name: /^用户菜单/ }).click();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('form', { name: '登录' }).waitFor({ state: 'visible' });
    await page.goto(new URL(`/setup?token=${fresh.setupToken}`, fresh.url).href);
    await page.getByRole('form', { name: '登录' }).waitFor({ state: 'visible' });
    expect(await page.getByRole('form', { name: '创建第一位管理员' }).count()).toBe(0);
    expect(pageErrors(person)).toEqual([]);
  });

  it('after too many wrong passwords says when to try again, in English with ?lang=en', async () => {
    const { page } = person;
    await page.goto(new URL('/?lang=en', fresh.url).href);
    await page.getByRole('form', { name: 'Log in' }).waitFor({ state: 'visible' });
    for (let attempt = 0; attempt < 6; attempt++) {
      await page.getByLabel('Username', { exact: true }).fill('chief');
      await page.getByLabel('Password', { exact: true }).fill(`wrong ${attempt}`);
      const button = page.getByRole('button', { name: 'Log in', exact: true });
      if (await button.isDisabled()) break;
      await button.click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/not right|Too many/);
    }
    const alert = (await page.getByRole('alert').textContent()) ?? '';
    expect(alert).toMatch(/Too many attempts; try again in \d+ seconds\./);
    expect(alert).toMatch(/You can try again at \d\d:\d\d:\d\d\./);
    expect(await page.getByRole('button', { name: 'Log in', exact: true }).isDisabled()).toBe(true);
  });
});
