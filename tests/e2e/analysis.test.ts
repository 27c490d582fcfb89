// The analysis panel in Chromium, at a desktop (mouse) and a touch tablet (taps): opened from the
// toolbar, it runs in the worker, lists the 8 deliberate overlaps of the sample (geodata/README.md),
// draws the chosen one on the map in the warning layer, and reads the overall manufacturing share
// (82.9%) against the 80% target; a count opens the table of what it counts and fits the map to it.
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { appAndBrowser, DEVICES, isLocal, openAndLogin, pressFor, USERS } from './harness.ts';
import { appReady, mapHolds, mapIdle } from './map-page.ts';

const README = readFileSync(new URL('../../geodata/README.md', import.meta.url), 'utf8');
const DELIBERATE = [...README.matchAll(/- overlap: (HS-DX-\d+) × (HS-DX-\d+)/g)].map(
  (match) => [match[1], match[2]] as [string, string],
);

/** The features in the warning source, by the map's own account. */
async function warningFeatures(page: Page): Promise<{ a: string; b: string }[]> {
  return page.evaluate(async () => {
    const source = window.__landAtlas?.map?.getSource('analysis-overlap') as
      | { getData(): Promise<GeoJSON.FeatureCollection> }
      | undefined;
    if (!source) return [];
    const data = await source.getData();
    return data.features.map((feature) => feature.properties as { a: string; b: string });
  });
}

describe.each(DEVICES)('The analysis panel on a %s', (_name, options) => {
  const running = appAndBrowser(options, { users: [USERS.viewer] });
  let panel: Locator;
  const press = pressFor(options.touch);

  it('opens from the toolbar and finishes the analysis in the worker', async () => {
    const { page } = running.session;
    await openAndLogin(page, running.app.url, USERS.viewer);
    await appReady(page);
    const button = page.getByRole('button', { name: '统计分析', exact: true });
    await press(button);
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    panel = page.getByRole('complementary', { name: '统计分析' });
    await panel.waitFor({ state: 'visible' });
    await expect
      .poll(() => panel.getByRole('status').first().textContent(), { timeout: 30_000 })
      .toContain('分析完成');
    expect(await panel.getByRole('progressbar').count()).toBe(0);
    // The analysis ran in the worker, not on the page's thread.
    expect(running.session.requests.some((url) => /analysis\.worker-[\w-]+\.js$/.test(url))).toBe(true);
    expect(await panel.getByRole('button', { name: '重新计算' }).isEnabled()).toBe(true);
    for (const heading of ['园区地块统计', '地块重叠检查', '新增建设用地制造业占比', '重点项目推进']) {
      expect(await panel.getByRole('heading', { name: heading, exact: true }).count()).toBe(1);
    }
    // Plots per park: a row per park, 园区外 and the total of all 342 plots.
    const table = panel.getByRole('table');
    expect(await table.getByRole('rowheader', { name: '园区外' }).count()).toBe(1);
    expect(await table.getByRole('row', { name: /全部地块/ }).textContent()).toContain('342 宗');
  });

  it('lists the 8 deliberate overlaps and draws the chosen one on the map', async () => {
    const { page } = running.session;
    const rows = panel.getByRole('button', { name: /^HS-DX-\d{4} × HS-DX-\d{4} 重叠 [\d,]+\.\d\d 亩$/ });
    expect(await rows.count()).toBe(8);
    for (const [a, b] of DELIBERATE) {
      const pair = panel.getByRole('button', { name: new RegExp(`(${a} × ${b}|${b} × ${a}) 重叠`) });
      expect(await pair.count()).toBe(1);
    }
    const [a, b] = DELIBERATE[0] as [string, string];
    const row = panel.getByRole('button', { name: new RegExp(`(${a} × ${b}|${b} × ${a}) 重叠`) });
    await press(row);
    expect(await row.getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => warningFeatures(page)).toHaveLength(1);
    const [drawn] = await warningFeatures(page);
    expect([drawn?.a, drawn?.b].sort()).toEqual([a, b].sort());
    await mapIdle(page);
    await expect
      .poll(async () => {
        await mapIdle(page);
        return page.evaluate(
          () =>
            window.__landAtlas?.map?.queryRenderedFeatures({ layers: ['analysis-overlap-line'] }).length ?? 0,
        );
      })
      .toBeGreaterThan(0);
    // Zoomed in on it: the map is at a parcel's scale.
    expect(await page.evaluate(() => window.__landAtlas?.map?.getZoom() ?? 0)).toBeGreaterThan(14);
    await press(panel.getByRole('button', { name: '清除重叠标注' }));
    await expect.poll(() => warningFeatures(page)).toHaveLength(0);
  });

  it('reads the overall manufacturing share against the 80% target, by park and by year', async () => {
    const overall = panel.getByTestId('share-overall');
    expect(await overall.textContent()).toBe('82.9%');
    const section = panel.locator('.share-overall');
    expect(await section.textContent()).toContain('✔ 达标');
    const byPark = panel.getByRole('region', { name: '各园区制造业占比图（目标 80%）' });
    expect(await byPark.textContent()).toContain('珠海国际物流中心');
    expect(await byPark.textContent()).toContain('59.3%');
    const byYear = panel.getByRole('region', { name: '各年度制造业占比图（目标 80%）' });
    expect(await byYear.textContent()).toContain('2025 年');
  });

  it('shows the pipeline with the four rates, and closes', async () => {
    const text = (await panel.textContent()) ?? '';
    for (const word of [
      '签约',
      '挂网',
      '交地',
      '动工',
      '投产',
      '入库',
      '挂网率',
      '交地率',
      '动工率',
      '入库率',
    ]) {
      expect(text).toContain(word);
    }
    expect(text).toContain('87.5%'); // 42 of 48 signed projects listed
    if (options.touch) {
      const small = await panel.evaluate((root) => {
        const found: string[] = [];
        for (const element of root.querySelectorAll<HTMLElement>('button, input')) {
          const target = element.matches('input') ? (element.closest('label') ?? element) : element;
          const box = target.getBoundingClientRect();
          if (box.width > 0 && (box.width < 43.5 || box.height < 43.5)) found.push(element.textContent ?? '');
        }
        return found;
      });
      expect(small).toEqual([]);
    }
    await press(panel.getByRole('button', { name: '关闭统计分析' }));
    await panel.waitFor({ state: 'detached' });
    expect(running.session.consoleErrors).toEqual([]);
    expect(running.session.requests.filter((url) => !isLocal(url))).toEqual([]);
  });

  it('a count opens the table filtered to the plots behind it: table, filter and map agree', async () => {
    const { page } = running.session;
    // The result is kept: 统计分析 shows it again at once.
    await press(page.getByRole('button', { name: '统计分析', exact: true }));
    await panel.waitFor({ state: 'visible' });
    const counts = panel
      .getByRole('table', { name: /^各园区低效工业用地宗数与面积（按整治状态）$/ })
      .getByRole('button', { name: /^.+ (已认定|已核查|整治中|已完成)：[\d,]+，在数据表中列出$/ });
    await counts.first().waitFor({ state: 'visible' });
    const labels = await counts.evaluateAll((buttons) =>
      buttons.map((b) => b.getAttribute('aria-label') ?? ''),
    );
    // A park of the sample (not 园区外, not all plots) with plots at a status.
    const label = labels.find((text) => !/^(园区外|全部地块) /.test(text));
    if (!label) throw new Error(`no park count among ${labels.join(' | ')}`);
    const [, park, status, n] = /^(.+) (已认定|已核查|整治中|已完成)：([\d,]+)，/.exec(label) ?? [];
    const count = Number(n?.replace(/,/g, ''));
    expect(count).toBeGreaterThan(0);
    // Away from the plots first, so that the fit below is seen to move the map.
    await page.evaluate(() => {
      window.__landAtlas?.map?.jumpTo({ center: [112.6, 22.45], zoom: 15 });
    });
    await press(panel.getByRole('button', { name: label, exact: true }));
    // The panel steps aside; the table of plots comes up with the park and the status chosen.
    await panel.waitFor({ state: 'detached' });
    const table = page.getByRole('region', { name: '低效工业用地数据表' });
    await table.waitFor({ state: 'visible' });
    await expect
      .poll(() => table.getByRole('status').textContent(), { timeout: 30_000 })
      .toBe(`显示 ${count} / 342 宗`);
    const chosen = (name: string) =>
      table
        .getByRole('combobox', { name, exact: true })
        .evaluate((select) => (select as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
    expect(await chosen('所在园区')).toBe(park);
    expect(await chosen('整治状态')).toBe(status);
    expect(await chosen('镇街')).toBe('全部');
    expect(await page.locator('.map-filter-count').textContent()).toBe(`地图显示 ${count} / 342 宗`);
    expect(await table.getByRole('table').getAttribute('aria-rowcount')).toBe(String(count + 1));
    const address = new URL(page.url());
    expect(address.searchParams.get('table')).toBe('plots');
    expect(address.searchParams.get('status')).not.toBeNull();
    expect(address.searchParams.get('park')).not.toBeNull();
    // The map fits the plots behind the count, wherever it was.
    const kept = new Set(
      await page.evaluate(() => window.__landAtlas?.store.getState().tableView?.kept ?? []),
    );
    expect(kept.size).toBe(count);
    const plots = (
      JSON.parse(
        readFileSync(new URL('../../geodata/plots.geojson', import.meta.url), 'utf8'),
      ) as FeatureCollection
    ).features.filter((feature) => kept.has(String(feature.properties?.id)));
    expect(plots.length).toBe(count);
    await expect.poll(() => mapHolds(page, plots), { timeout: 15_000 }).toBe(true);
    await page.screenshot({ path: `/tmp/analysis-count-table-${options.touch ? 'tablet' : 'desktop'}.png` });

    // A project stage's count opens the projects' table at that stage.
    await press(table.getByRole('button', { name: '关闭数据表' }));
    await table.waitFor({ state: 'detached' });
    await press(page.getByRole('button', { name: '统计分析', exact: true }));
    await panel.waitFor({ state: 'visible' });
    const started = panel.getByRole('button', { name: /^动工：[\d,]+，在数据表中列出$/ });
    const startedCount = Number(
      /：([\d,]+)，/.exec((await started.getAttribute('aria-label')) ?? '')?.[1]?.replace(/,/g, ''),
    );
    await press(started);
    const projects = page.getByRole('region', { name: '重点项目数据表' });
    await projects.waitFor({ state: 'visible' });
    await expect
      .poll(() => projects.getByRole('status').textContent(), { timeout: 30_000 })
      .toMatch(new RegExp(`^显示 ${startedCount} / \\d+ `));
    expect(await page.locator('.map-filter-count').textContent()).toMatch(
      new RegExp(`^地图显示 ${startedCount} / \\d+ `),
    );
    expect(running.session.consoleErrors).toEqual([]);
  });
});
