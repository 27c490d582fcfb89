// The top bar in Chromium: on a touch tablet held upright (820×1180) the less frequent actions —
// 统计分析, 进度通报, 绘制区域 — are in a 更多 menu (role menu, items of role menuitem, 44 px targets,
// usable by touch and by keyboard) so the search box keeps a usable width; on a desktop (1280×800,
// mouse) they stay in the bar and there is no 更多. Screenshots of both bars go to /tmp.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appAndBrowser, type BrowserOptions, openAndLogin, USERS } from './harness.ts';
import { appReady } from './map-page.ts';

const TABLET_PORTRAIT: BrowserOptions = { viewport: { width: 820, height: 1180 }, touch: true };
const DESKTOP_1280: BrowserOptions = { viewport: { width: 1280, height: 800 }, touch: false };
/** The actions that move into 更多 at narrow widths, and what each opens. */
const MOVED = [
  { name: '统计分析', opens: (page: Page) => page.getByRole('complementary', { name: '统计分析' }) },
  { name: '进度通报', opens: (page: Page) => page.getByRole('dialog', { name: '进度通报' }) },
  { name: '绘制区域', opens: (page: Page) => page.getByRole('complementary', { name: '绘制区域' }) },
];
/** The report is a screen over everything, closed by its own button; the panels by their item again. */
const CLOSED_BY: Record<string, string> = { 进度通报: '关闭进度通报' };

/** The names the elements show, without their aria-hidden icons. */
const shownNames = (elements: Element[]) =>
  elements.map((element) =>
    [...element.childNodes]
      .filter((node) => !(node instanceof Element && node.getAttribute('aria-hidden') === 'true'))
      .map((node) => node.textContent)
      .join('')
      .trim(),
  );

const searchWidth = async (page: Page) =>
  (await page.getByRole('combobox', { name: '搜索' }).boundingBox())?.width ?? 0;

describe('the top bar on a tablet 820×1180, touch', () => {
  const running = appAndBrowser(TABLET_PORTRAIT, { users: [USERS.planner] });

  it('keeps the search box usable and puts the less frequent actions under 更多', async () => {
    const { page } = running.session;
    await openAndLogin(page, running.app.url, USERS.planner);
    await appReady(page);
    expect(await searchWidth(page)).toBeGreaterThanOrEqual(160);
    // The bar keeps 数据表; the moved actions are no buttons of the bar.
    expect(await page.getByRole('button', { name: '数据表', exact: true }).count()).toBe(1);
    for (const { name } of MOVED)
      expect([name, await page.getByRole('button', { name, exact: true }).count()]).toEqual([name, 0]);
    const more = page.getByRole('button', { name: '更多', exact: true });
    expect(await more.getAttribute('aria-haspopup')).toBe('menu');
    expect(await more.getAttribute('aria-expanded')).toBe('false');
    const moreBox = await more.boundingBox();
    expect(moreBox && moreBox.width >= 44 && moreBox.height >= 44).toBe(true);

    await more.tap();
    const menu = page.getByRole('menu', { name: '更多' });
    await menu.waitFor({ state: 'visible' });
    expect(await more.getAttribute('aria-expanded')).toBe('true');
    expect(await menu.getByRole('menuitem').evaluateAll(shownNames)).toEqual(MOVED.map(({ name }) => name));
    for (const item of await menu.getByRole('menuitem').all()) {
      const box = await item.boundingBox();
      expect(box && box.height >= 44 && box.width >= 44).toBe(true);
    }
    await page.screenshot({ path: '/tmp/top-bar-tablet-menu.png' });
    // A tap elsewhere closes it.
    await page.locator('.top-bar h1').tap();
    await menu.waitFor({ state: 'hidden' });
    await page.screenshot({ path: '/tmp/top-bar-tablet.png' });
  });

  it('reaches each moved action through 更多 by touch, and the menu closes', async () => {
    const { page } = running.session;
    const more = page.getByRole('button', { name: '更多', exact: true });
    const menu = page.getByRole('menu', { name: '更多' });
    for (const { name, opens } of MOVED) {
      await more.tap();
      await menu.getByRole('menuitem', { name, exact: true }).tap();
      await opens(page).waitFor({ state: 'visible', timeout: 30_000 });
      expect([name, await menu.isVisible()]).toEqual([name, false]);
      const closer = CLOSED_BY[name];
      if (closer) {
        await page.getByRole('button', { name: closer, exact: true }).tap();
        // The focus goes back to the 更多 button that opened it.
        expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-haspopup'))).toBe('menu');
      } else {
        // Chosen again, the item closes the panel it opened (as the bar's toggle does).
        await more.tap();
        await menu.getByRole('menuitem', { name, exact: true }).tap();
      }
      await opens(page).waitFor({ state: 'hidden' });
    }
  });

  it('works by keyboard: Enter opens on the first item, arrows move, Esc closes back to 更多', async () => {
    const { page } = running.session;
    const more = page.getByRole('button', { name: '更多', exact: true });
    const menu = page.getByRole('menu', { name: '更多' });
    await more.focus();
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'visible' });
    const focused = async () => (await page.locator(':focus').evaluateAll(shownNames))[0];
    expect(await focused()).toBe('统计分析');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('进度通报');
    await page.keyboard.press('End');
    expect(await focused()).toBe('绘制区域');
    await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('统计分析');
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('绘制区域');
    await page.keyboard.press('Escape');
    await menu.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-haspopup'))).toBe('menu');
    // ↑ on the button opens on the last item; Enter on an item chooses it, and the report closes back to 更多.
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe('绘制区域');
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const report = page.getByRole('dialog', { name: '进度通报' });
    await report.waitFor({ state: 'visible', timeout: 30_000 });
    await page.keyboard.press('Escape');
    await report.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-haspopup'))).toBe('menu');
    expect(running.session.consoleErrors).toEqual([]);
  });
});

describe('the top bar on a desktop 1280×800, mouse', () => {
  const running = appAndBrowser(DESKTOP_1280, { users: [USERS.planner] });

  it('shows every action in the bar, without 更多', async () => {
    const { page } = running.session;
    await openAndLogin(page, running.app.url, USERS.planner);
    await appReady(page);
    for (const name of ['数据表', ...MOVED.map((action) => action.name)])
      expect([name, await page.getByRole('button', { name, exact: true }).isVisible()]).toEqual([name, true]);
    expect(await page.getByRole('button', { name: '更多', exact: true }).count()).toBe(0);
    expect(await searchWidth(page)).toBeGreaterThanOrEqual(160);
    await page.screenshot({ path: '/tmp/top-bar-desktop.png' });
  });
});
