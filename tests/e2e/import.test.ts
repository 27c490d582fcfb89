// 导入数据 in Chromium, at a desktop (1280×800, mouse) and a touch tablet (820×1180, taps): an
// administrator picks a zipped Shapefile written by GDAL's ogr2ogr in GBK and CGCS2000 Gauss-Krüger zone
// 38 with the zone prefix (tests/fixtures/import-screen/make.sh), sees it on the map before anything is
// saved with its format, encoding, coordinate system and count, maps the one field the screen could not
// suggest (ZJMC → 镇街), commits, finds the import in history, and clicks a plot of it on the map and
// reads its ellipsoidal area, computed here from the lon/lat source. A read failure names the file and
// changes nothing.
import { readFileSync } from 'node:fs';
import type { FeatureCollection, Polygon } from 'geojson';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatArea } from '../../src/app/i18n/format.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import { appAndBrowser, type BrowserOptions, openAndLogin, pressFor, USERS } from './harness.ts';
import { appReady, mapIdle } from './map-page.ts';

const FIXTURES = new URL('../fixtures/import-screen/', import.meta.url);
const SHAPEFILE = new URL('plots_gbk_zone38.zip', FIXTURES).pathname;
const source = JSON.parse(
  readFileSync(new URL('source.geojson', FIXTURES), 'utf8'),
) as FeatureCollection<Polygon>;
const first = source.features[0];
if (!first) throw new Error('the fixture has no feature');
const PLOT_ID = String(first.properties?.DKBH);
const AREA_MU = formatArea(geometryAreaM2(first.geometry), 'zh').mu;
const ring = first.geometry.coordinates[0] ?? [];
const CENTRE: [number, number] = [
  ring.slice(0, -1).reduce((sum, [lon]) => sum + (lon ?? 0), 0) / (ring.length - 1),
  ring.slice(0, -1).reduce((sum, [, lat]) => sum + (lat ?? 0), 0) / (ring.length - 1),
];

const SIZES: [string, BrowserOptions][] = [
  ['desktop 1280×800, mouse', { viewport: { width: 1280, height: 800 }, touch: false }],
  ['tablet 820×1180, touch', { viewport: { width: 820, height: 1180 }, touch: true }],
];

async function pickFiles(
  page: Page,
  touch: boolean,
  files: string | { name: string; mimeType: string; buffer: Buffer },
) {
  const chooser = page.waitForEvent('filechooser');
  await pressFor(touch)(page.getByRole('button', { name: '选择文件', exact: true }));
  await (await chooser).setFiles(files);
}

describe.each(SIZES)('import (%s)', (_device, options) => {
  const run = appAndBrowser(options, { users: [USERS.admin] });
  const press = pressFor(options.touch);
  const tag = options.touch ? 'tablet' : 'desktop';

  it('imports a GBK Gauss-Krüger Shapefile through the screen; its plot has the right area', async () => {
    const { page } = run.session;
    await openAndLogin(page, run.app.url, USERS.admin);
    await appReady(page);
    await press(page.getByRole('button', { name: /^用户菜单：admin1（/ }));
    await press(page.getByRole('button', { name: '导入数据', exact: true }));
    const panel = page.getByRole('complementary', { name: '导入数据' });

    // A file that cannot be read: its name and what is wrong, and nothing changes.
    await pickFiles(page, options.touch, {
      name: '地块.dwg',
      mimeType: 'application/octet-stream',
      buffer: Buffer.from('AC1027'),
    });
    // The first read starts the reader's worker (its code is fetched then): a busy machine takes a while.
    await expect
      .poll(() => panel.getByRole('alert').textContent(), { timeout: 60_000 })
      .toMatch(/^未能读取 地块\.dwg：不支持的文件类型 \.dwg。/);

    await pickFiles(page, options.touch, SHAPEFILE);
    await expect.poll(() => panel.getByTestId('import-count').textContent(), { timeout: 30_000 }).toBe('3');
    expect(await panel.getByTestId('import-format').textContent()).toBe('Shapefile');
    expect(await panel.getByLabel('文字编码').inputValue()).toBe('gbk');
    expect(await panel.getByLabel('坐标系').inputValue()).toBe('EPSG:4526');
    expect(await panel.textContent()).toContain('文件的地类代码为三调分类（DLBM）');

    // On the map before anything is saved.
    await mapIdle(page);
    const previewed = await page.evaluate(
      () => window.__landAtlas?.map?.queryRenderedFeatures({ layers: ['import-preview-fill'] }).length ?? 0,
    );
    expect(previewed).toBeGreaterThan(0);
    expect(await run.app.server.atlas.store.getFeature('plots', PLOT_ID)).toBeNull();

    // Suggested: DKBH → 编号, QYMC → 企业, …; 镇街 is not, and the commit waits for it.
    expect(await panel.getByRole('combobox', { name: '编号 的字段' }).inputValue()).toBe('DKBH');
    expect(await panel.getByRole('combobox', { name: '企业 的字段' }).inputValue()).toBe('QYMC');
    const commit = panel.getByRole('button', { name: '提交导入（0 个要素）' });
    expect(await commit.isDisabled()).toBe(true);
    expect(await panel.textContent()).toContain('必填属性“镇街”（town）没有对应字段，也没有默认值。');
    await panel.getByRole('combobox', { name: '镇街 的字段' }).selectOption('ZJMC');
    await page.screenshot({ path: `/tmp/import-${tag}.png` });

    await press(panel.getByRole('button', { name: '提交导入（3 个要素）' }));
    const done = panel.getByRole('status');
    await expect
      .poll(() => done.textContent(), { timeout: 30_000 })
      .toMatch(/^已导入到低效工业用地：新增 3，更新 0，未变 0，删除 0。已记入变更历史（第 \d+ 条）。$/);
    await page.screenshot({ path: `/tmp/import-done-${tag}.png` });
    const seq = Number(/第 (\d+) 条/.exec((await done.textContent()) ?? '')?.[1]);
    const diffs = await run.app.server.atlas.store.history({ layer: 'plots', importSeq: seq, limit: 10 });
    expect(diffs.map((diff) => [diff.action, diff.entityId]).sort()).toEqual(
      source.features.map((feature) => ['import-create', String(feature.properties?.DKBH)]).sort(),
    );
    const stored = await run.app.server.atlas.store.getFeature('plots', PLOT_ID);
    expect(stored?.properties).toMatchObject({
      enterprise: '鹤山市宏达五金制品有限公司',
      town: '共和镇',
      landUse: '1001',
      grade: 'C',
      reasons: ['low-far', 'low-tax'],
      mode: 'redevelopment',
      status: 'identified',
    });
    await press(panel.getByRole('button', { name: '关闭', exact: true }));
    await panel.waitFor({ state: 'detached' });

    // The layer reloaded: the plot is on the map and its card reads the ellipsoidal area.
    await page.waitForFunction(
      (id) => Boolean(window.__landAtlas?.store.getState().layers.plots?.byId.get(id)),
      PLOT_ID,
      { timeout: 30_000 },
    );
    await page.evaluate((centre) => window.__landAtlas?.map?.jumpTo({ center: centre, zoom: 17 }), CENTRE);
    await mapIdle(page);
    const point = await page.evaluate((centre) => {
      const map = window.__landAtlas?.map;
      if (!map) throw new Error('no map');
      const { x, y } = map.project(centre);
      const rect = map.getCanvas().getBoundingClientRect();
      return { x: rect.left + x, y: rect.top + y };
    }, CENTRE);
    if (options.touch) await page.touchscreen.tap(point.x, point.y);
    else await page.mouse.click(point.x, point.y);
    const inspector = page.getByRole('complementary', { name: '属性' });
    await expect.poll(() => inspector.locator('.feature-id').textContent()).toBe(PLOT_ID);
    expect(await inspector.textContent()).toContain(AREA_MU);
    await page.screenshot({ path: `/tmp/import-plot-${tag}.png` });
    // Its 勘测定界 TXT and the layer's export, by the query the export route documents.
    const txt = inspector.getByRole('link', { name: `导出 ${PLOT_ID} 的勘测定界 TXT` });
    expect(await txt.getAttribute('href')).toBe(`/api/export/plots?format=txt&id=${PLOT_ID}`);
    const saved = page.waitForEvent('download');
    await press(txt);
    const survey = await (await saved).path();
    const text = readFileSync(survey, 'utf8');
    expect(text).toContain('[地块坐标]');
    expect(text).toContain(PLOT_ID);
    await press(page.getByRole('button', { name: /^用户菜单：admin1（/ }));
    await press(page.getByRole('button', { name: '导出数据', exact: true }));
    const sheet = page.getByRole('dialog', { name: '导出数据' });
    await sheet.getByLabel('图层').selectOption({ label: '低效工业用地' });
    await press(sheet.getByRole('radio', { name: /^Shapefile/ }));
    await press(sheet.getByRole('radio', { name: /^GBK/ }));
    await sheet.getByLabel('坐标系（.prj）').selectOption('EPSG:4526');
    const download = sheet.getByRole('link', { name: '下载' });
    expect(await download.getAttribute('href')).toBe(
      '/api/export/plots?format=shp&encoding=gbk&zone=EPSG%3A4526',
    );
    await press(sheet.getByRole('radio', { name: /^CSV/ }));
    expect(await download.getAttribute('href')).toBe('/api/export/plots?format=csv');
    await page.screenshot({ path: `/tmp/export-${tag}.png` });
  });
});
