// The panels over layers served as tiles (issue 10): with the tile threshold at 0 the app holds no
// plots, projects or new land, and search, the analysis and a park's summary are answered by the
// server (GET /api/search, /api/analysis, /api/holdings). The same page with the default threshold
// (every layer held, the analysis in the worker) is the reference: the same matches, the same
// analysis figures and the same park summary, compared as the text a person reads.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type BrowserSession,
  DESKTOP,
  openAndLogin,
  openBrowser,
  type RunningApp,
  startApp,
  USERS,
} from './harness.ts';
import { appReady } from './map-page.ts';

interface Seen {
  search: string[];
  selection: unknown;
  analysis: string;
  summary: string;
  requests: string[];
}

const seen: Partial<Record<'whole' | 'tiles', Seen>> = {};

async function searchOptions(page: Page, text: string): Promise<string[]> {
  const box = page.getByRole('combobox', { name: '搜索' });
  await box.fill(text);
  const options = page.getByRole('option');
  // The list is complete once the server's share (tiled layers) has come: aria-busy goes false.
  const busy = page.locator('[role="listbox"][aria-busy="true"]');
  await expect
    .poll(async () => (await busy.count()) === 0 && (await options.count()) > 0, { timeout: 15_000 })
    .toBe(true);
  return options.allTextContents();
}

describe.each([
  ['whole', undefined],
  ['tiles', 0],
] as const)('search, analysis and park summary with the layers served %s', (mode, tileThreshold) => {
  let app: RunningApp;
  let session: BrowserSession;
  beforeAll(async () => {
    app = await startApp({
      users: [USERS.viewer],
      ...(tileThreshold === undefined ? {} : { tileThreshold }),
    });
    session = await openBrowser(DESKTOP);
  });
  afterAll(async () => {
    await session?.close();
    await app?.close();
  });

  it('finds a plot by id, shows the analysis and a park’s holdings', async () => {
    const { page } = session;
    await openAndLogin(page, app.url, USERS.viewer);
    await appReady(page);
    const tiled = await page.evaluate(() =>
      Object.keys(window.__landAtlas?.store.getState().tiled ?? {}).sort(),
    );
    expect(tiled).toEqual(mode === 'tiles' ? ['newland', 'plots', 'projects'] : []);

    // Search: a sample plot by its id, exact first; choosing it selects it.
    const search = await searchOptions(page, 'HS-DX-0001');
    expect(search[0]).toContain('HS-DX-0001');
    await page.getByRole('option').first().click();
    await expect
      .poll(() => page.evaluate(() => window.__landAtlas?.store.getState().selection))
      .toEqual({ kind: 'feature', layer: 'plots', id: 'HS-DX-0001' });
    const selection = await page.evaluate(() => window.__landAtlas?.store.getState().selection);
    // A broader text: the list mixes plots (server or app) and parks (the app's) in one order.
    const broad = await searchOptions(page, '鹤山');
    await page.keyboard.press('Escape');

    // The analysis panel: the same figures, whoever computed them.
    await page.getByRole('button', { name: '统计分析', exact: true }).click();
    const panel = page.getByRole('complementary', { name: '统计分析' });
    await expect
      .poll(() => panel.getByRole('status').first().textContent(), { timeout: 60_000 })
      .toContain('分析完成');
    const analysis = (await panel.locator('.analysis-body').textContent()) ?? '';
    expect(analysis).toContain('342 宗');
    // An overlap chosen is drawn on the map (cut by the server when the plots are tiled).
    await panel
      .getByRole('button', { name: /^HS-DX-\d{4} × HS-DX-\d{4} 重叠/ })
      .first()
      .click();
    await expect
      .poll(() =>
        page.evaluate(async () => {
          const source = window.__landAtlas?.map?.getSource('analysis-overlap') as
            | { getData(): Promise<GeoJSON.FeatureCollection> }
            | undefined;
          return source ? (await source.getData()).features.length : 0;
        }),
      )
      .toBe(1);
    await panel.getByRole('button', { name: /关闭/ }).first().click();

    // A park's summary: what it holds of plots, projects and new land.
    await searchOptions(page, 'PK-01');
    await page.getByRole('option').first().click();
    const inspector = page.getByRole('complementary', { name: '属性' });
    const summary = inspector.locator('.inspector-summary');
    await expect.poll(() => summary.locator('[aria-busy="true"]').count(), { timeout: 15_000 }).toBe(0);
    const summaryText = (await summary.textContent()) ?? '';
    expect(summaryText).toMatch(/低效工业用地[1-9]\d* 宗/);

    seen[mode] = {
      search: [...search, ...broad],
      selection,
      analysis,
      summary: summaryText,
      requests: session.requests.map((url) => new URL(url).pathname),
    };
  });
});

describe('the two runs', () => {
  it('read the same: search matches, analysis figures, park summary; the tiled run asked the server', () => {
    const whole = seen.whole;
    const tiles = seen.tiles;
    expect(whole && tiles).toBeTruthy();
    if (!whole || !tiles) return;
    expect(tiles.search).toEqual(whole.search);
    expect(tiles.selection).toEqual(whole.selection);
    expect(tiles.analysis).toEqual(whole.analysis);
    expect(tiles.summary).toEqual(whole.summary);
    for (const path of ['/api/search', '/api/analysis', '/api/analysis/overlap', '/api/holdings']) {
      expect(tiles.requests, path).toContain(path);
      expect(whole.requests, path).not.toContain(path);
    }
    expect(tiles.requests).not.toContain('/api/layers/plots');
    expect(whole.requests.some((path) => /analysis\.worker-[\w-]+\.js$/.test(path))).toBe(true);
  });
});
