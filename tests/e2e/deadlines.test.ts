// Deadlines and rules in Chromium, at a desktop (1280×800, mouse) and a touch tablet (820×1180): a
// planner colours the map by deadline (按期限) and reads the legend, the overdue plot drawn red; an
// overdue plot's card shows 已逾期 N 天; a planner schedules a project back from its target 投产 date
// (工期倒排) and sees the timeline and the change in history; an admin raises the FAR bar in 识别规则
// and a plot's card shows it failing, on the admin's page at once and, without a reload, on a viewer's
// page in another browser once it is back in view. And with plots and projects served as tiles, the same colours.
import { mkdirSync, readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEADLINE_COLOURS } from '../../src/app/map/styles.ts';
import { daysBetween, todayInChina } from '../../src/domain/dates.ts';
import { DEFAULT_STAGE_DURATIONS, plotDeadline, scheduleBack } from '../../src/domain/deadlines.ts';
import {
  appAndBrowser,
  type BrowserOptions,
  type ContextSession,
  openAndLogin,
  openContext,
  pressFor,
  USERS,
} from './harness.ts';
import { appReady, mapIdle } from './map-page.ts';

const SHOTS = '/tmp/i12-shots/';
mkdirSync(SHOTS, { recursive: true });

const TODAY = todayInChina();
const read = (name: string) =>
  JSON.parse(
    readFileSync(new URL(`../../geodata/${name}.geojson`, import.meta.url), 'utf8'),
  ) as FeatureCollection;
const plots = read('plots').features.map((feature) => feature.properties as Record<string, unknown>);
const projects = read('projects').features.map((feature) => feature.properties as Record<string, unknown>);

const overdue = plots.filter((plot) => plotDeadline(plot, TODAY).state === 'overdue');
/** Plots of industrial land (1001…) with a FAR from `low` to under `high`. */
const farBetween = (low: number, high: number) =>
  plots.filter(
    (plot) =>
      String(plot.landUse).startsWith('1001') &&
      typeof plot.far === 'number' &&
      plot.far >= low &&
      plot.far < high,
  );
/** Per run: the new FAR bar, and a plot that meets the bar in force before (1.0, then 1.3) but not it. */
const RAISES = [
  { bar: 1.3, plot: farBetween(1.05, 1.25)[0] },
  { bar: 1.55, plot: farBetween(1.35, 1.5)[0] },
];

const DESKTOP_SMALL: BrowserOptions = { viewport: { width: 1280, height: 800 }, touch: false };
const TABLET_PORTRAIT: BrowserOptions = { viewport: { width: 820, height: 1180 }, touch: true };
const CASES: [string, BrowserOptions, number][] = [
  ['desktop 1280×800, mouse', DESKTOP_SMALL, 0],
  ['tablet 820×1180, touch', TABLET_PORTRAIT, 1],
];

const running = appAndBrowser(DESKTOP_SMALL, { users: [USERS.planner, USERS.admin, USERS.viewer] });

async function selectBySearch(page: Page, id: string, touch: boolean, title = id): Promise<Locator> {
  await page.getByRole('combobox', { name: '搜索' }).fill(id);
  await pressFor(touch)(page.getByRole('option', { name: new RegExp(id) }).first());
  const inspector = page.getByRole('complementary', { name: '属性' });
  await expect.poll(() => inspector.locator('.feature-id').textContent()).toContain(title);
  return inspector;
}

/** The fill colour MapLibre evaluated for a plot on screen, as #rrggbb. */
async function renderedFill(page: Page, layer: string, id: string): Promise<string | null> {
  return page.evaluate(
    ([mapLayer, plotId]) => {
      const map = window.__landAtlas?.map;
      const feature = map
        ?.queryRenderedFeatures({ layers: [mapLayer as string] })
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
    },
    [layer, id],
  );
}

async function centreOn(page: Page, id: string): Promise<void> {
  const feature = read('plots').features.find((candidate) => candidate.properties?.id === id);
  const ring = feature?.geometry?.type === 'Polygon' ? feature.geometry.coordinates[0] : undefined;
  if (!ring) throw new Error(`no polygon for ${id}`);
  const lon = ring.reduce((sum, point) => sum + (point[0] as number), 0) / ring.length;
  const lat = ring.reduce((sum, point) => sum + (point[1] as number), 0) / ring.length;
  await page.evaluate((center) => window.__landAtlas?.map?.jumpTo({ center, zoom: 15 }), [lon, lat] as [
    number,
    number,
  ]);
  await mapIdle(page);
}

async function colourByDeadline(page: Page, touch: boolean): Promise<Locator> {
  if (touch) {
    await page.getByRole('button', { name: '图层', exact: true }).click();
    await page.getByRole('complementary', { name: '图层' }).waitFor({ state: 'visible' });
  }
  await page.getByRole('radio', { name: '按期限' }).check();
  const legend = page.getByRole('region', { name: '图例' });
  await expect.poll(() => legend.textContent()).toContain('按期限');
  return legend;
}

describe.each(CASES)('deadlines and rules on a %s', (name, options, index) => {
  const shot = name.startsWith('tablet') ? 'tablet' : 'desktop';
  const tap = pressFor(options.touch);
  let planner: ContextSession;
  let admin: ContextSession;
  let viewer: ContextSession;

  beforeAll(async () => {
    // The planner's page, and a viewer's that watches the admin's change of the rules (at once: a page's
    // start is most of a test's time).
    const signedIn = async (user: (typeof USERS)['planner' | 'viewer']) => {
      const session = await openContext(running.session.browser, options);
      await openAndLogin(session.page, running.app.url, user);
      await appReady(session.page);
      return session;
    };
    [planner, viewer] = await Promise.all([signedIn(USERS.planner), signedIn(USERS.viewer)]);
  });
  afterAll(async () => {
    await planner?.close();
    await admin?.close();
    await viewer?.close();
  });

  it('colours plots and projects by deadline (按期限) and the legend names the four colours', async () => {
    const { page } = planner;
    const legend = await colourByDeadline(page, options.touch);
    const text = (await legend.textContent()) ?? '';
    for (const label of ['已逾期', '30 天内到期', '按期推进', '无期限', '重点项目（按下一节点期限）'])
      expect(text).toContain(label);
    expect(text).toContain(`以今天（${TODAY}）为准`);
    await page.screenshot({ path: `${SHOTS}deadline-legend-${shot}.png` });
    if (options.touch) await page.getByRole('button', { name: '关闭图层面板' }).click();
    const plot = overdue[index] as Record<string, unknown>;
    await centreOn(page, String(plot.id));
    await expect.poll(() => renderedFill(page, 'plots-fill', String(plot.id))).toBe(DEADLINE_COLOURS.overdue);
    await page.screenshot({ path: `${SHOTS}deadline-map-${shot}.png` });
  });

  it('an overdue plot’s card says 已逾期 N 天', async () => {
    const { page } = planner;
    const plot = overdue[index + 2] as Record<string, unknown>;
    const inspector = await selectBySearch(page, String(plot.id), options.touch);
    const days = daysBetween(String(plot.deadline), TODAY);
    await expect.poll(() => inspector.getByTestId('overdue-badge').textContent()).toBe(`已逾期 ${days} 天`);
    expect(await inspector.textContent()).toContain(`整治期限 ${plot.deadline}`);
    await page.screenshot({ path: `${SHOTS}overdue-card-${shot}.png` });
  });

  it('a planner schedules a project back from its target 投产 date and sees the timeline and the change', async () => {
    const { page } = planner;
    const project = projects[10 + index * 7] as Record<string, unknown>;
    const id = String(project.id);
    const inspector = await selectBySearch(page, id, options.touch, String(project.name));
    await tap(inspector.getByRole('button', { name: '工期倒排' }));
    const form = inspector.getByRole('form', { name: /工期倒排/ });
    const target = index === 0 ? '2028-06-30' : '2028-09-15';
    await form.getByLabel('目标投产日期').fill(target);
    const expected = scheduleBack('producing', target, DEFAULT_STAGE_DURATIONS);
    await expect.poll(() => form.getByLabel('交地计划日期').inputValue()).toBe(expected.delivered);
    expect(await form.getByLabel('签约计划日期').inputValue()).toBe(expected.signed);
    // The planner adjusts one: 动工 a week earlier than computed.
    await form.getByLabel('动工计划日期').fill('2027-06-01');
    await page.screenshot({ path: `${SHOTS}schedule-form-${shot}.png` });
    await tap(form.getByRole('button', { name: '保存计划日期' }));
    await expect.poll(() => inspector.getByRole('status').first().textContent()).toContain('计划日期已保存');
    const timeline = inspector.getByRole('table').filter({ hasText: '计划' }).first();
    const row = (stage: string) => timeline.getByRole('row', { name: new RegExp(`^${stage}`) });
    await expect.poll(() => row('投产').textContent()).toContain(target);
    expect(await row('交地').textContent()).toContain(expected.delivered);
    expect(await row('动工').textContent()).toContain('2027-06-01');
    await expect
      .poll(() => inspector.getByRole('list', { name: '变更历史' }).textContent())
      .toContain(target);
    expect(await inspector.getByRole('list', { name: '变更历史' }).textContent()).toContain('计划投产');
    await inspector
      .locator('.inspector-stages')
      .screenshot({ path: `${SHOTS}schedule-timeline-${shot}.png` });
  });

  it('an admin raises the minimum FAR in 识别规则 and a plot’s card shows it failing', async () => {
    admin = await openContext(running.session.browser, options);
    const { page } = admin;
    await openAndLogin(page, running.app.url, USERS.admin);
    await appReady(page);
    const { bar, plot } = RAISES[index] as { bar: number; plot: Record<string, unknown> };
    let inspector = await selectBySearch(page, String(plot.id), options.touch);
    const farRow = () => inspector.getByRole('row', { name: /^容积率/ });
    await expect.poll(() => farRow().textContent()).toContain('达标');
    expect(await farRow().textContent()).not.toContain('不达标');
    // Another person (a viewer, in another browser) has the same plot's card open meanwhile.
    const viewerCard = await selectBySearch(viewer.page, String(plot.id), options.touch);
    const viewerFar = viewerCard.getByRole('row', { name: /^容积率/ });
    await expect.poll(() => viewerFar.textContent()).toContain('达标');
    expect(await viewerFar.textContent()).not.toContain('不达标');
    await viewer.page.evaluate(() => {
      (window as { samePage?: boolean }).samePage = true;
    });

    await tap(page.getByRole('button', { name: /^用户菜单/ }));
    await tap(page.getByRole('button', { name: '识别规则', exact: true }));
    const panel = page.getByRole('complementary', { name: '识别规则与标准工期' });
    const classRow = panel
      .getByRole('row')
      .filter({ has: page.getByLabel(/用地类型代码/) })
      .filter({
        has: page.locator('input[value="1001"]'),
      });
    // A wrong figure is refused on the spot, in words.
    await classRow.getByLabel(/容积率下限/).fill('abc');
    await tap(panel.getByRole('button', { name: '保存识别规则' }));
    await expect
      .poll(() => panel.getByRole('alert').textContent())
      .toContain('容积率下限须为 0 至 20 之间的数字');
    await classRow.getByLabel(/容积率下限/).fill(String(bar));
    await tap(panel.getByRole('button', { name: '保存识别规则' }));
    await expect.poll(() => panel.getByRole('status').first().textContent()).toMatch(/已保存（版本 \d+）/);
    const history = panel.getByRole('list', { name: '修改记录' }).first();
    // The list is read again after the save: the first setting (also 容积率下限（1001）) may show before it.
    await expect.poll(() => history.textContent()).toContain(`容积率下限（1001）`);
    await expect.poll(() => history.textContent(), { timeout: 10_000 }).toContain(String(bar));
    await page.screenshot({ path: `${SHOTS}rules-screen-${shot}.png`, fullPage: true });
    await tap(panel.getByRole('button', { name: '关闭识别规则' }));

    inspector = page.getByRole('complementary', { name: '属性' });
    await expect.poll(() => farRow().textContent()).toContain('不达标');
    expect(await farRow().textContent()).toContain(`规则 ≥ ${bar.toFixed(2)}（1001 类）`);
    expect(await inspector.getByTestId('rules-summary').textContent()).toMatch(/不符合 \d 项规则/);
    await page.screenshot({ path: `${SHOTS}rules-card-${shot}.png` });

    // The viewer's page comes back into view (the person switches back to it): the card is judged by
    // the new bar, with no reload (the page's own state is still there).
    await expect
      .poll(
        async () => {
          await viewer.page.evaluate(() => window.dispatchEvent(new Event('focus')));
          return viewerFar.textContent();
        },
        { interval: 1000, timeout: 20_000 },
      )
      .toContain('不达标');
    expect(await viewerFar.textContent()).toContain(`规则 ≥ ${bar.toFixed(2)}（1001 类）`);
    expect(await viewer.page.evaluate(() => (window as { samePage?: boolean }).samePage)).toBe(true);
    await viewer.page.screenshot({ path: `${SHOTS}rules-viewer-card-${shot}.png` });
    expect(viewer.consoleErrors).toEqual([]);
  });
});

describe('deadline colours on tiled layers (every layer served as tiles)', () => {
  const tiled = appAndBrowser(DESKTOP_SMALL, { users: [USERS.planner], tileThreshold: 0 });
  let page: Page;
  beforeAll(async () => {
    page = tiled.session.page;
    await openAndLogin(page, tiled.app.url, USERS.planner);
    await appReady(page);
  });

  it('colours an overdue plot red from the tiles, and an on-track one green', async () => {
    expect(await page.evaluate(() => Boolean(window.__landAtlas?.store.getState().tiled.plots))).toBe(true);
    await colourByDeadline(page, false);
    const late = overdue[5] as Record<string, unknown>;
    await centreOn(page, String(late.id));
    await expect.poll(() => renderedFill(page, 'plots-fill', String(late.id))).toBe(DEADLINE_COLOURS.overdue);
    const onTrack = plots.find(
      (plot) => plotDeadline(plot, TODAY).state === 'on-track' && plot.status !== 'completed',
    ) as Record<string, unknown>;
    await centreOn(page, String(onTrack.id));
    await expect
      .poll(() => renderedFill(page, 'plots-fill', String(onTrack.id)))
      .toBe(DEADLINE_COLOURS['on-track']);
    await page.screenshot({ path: `${SHOTS}deadline-tiled-desktop.png` });
  });
});
