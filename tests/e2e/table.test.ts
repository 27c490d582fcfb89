// The data table (数据表) in Chromium, at a desktop (mouse) and a touch tablet (taps): opened from the
// toolbar, filtered by town and status (the count read from the table and the map, the map's plots
// filtered to the same ids), the overdue filter against a count computed here from the sample data, a
// row selecting its plot on the map and in the inspector, the filter in the address (a link reopens it,
// back returns), the map fitted to what the filter keeps (by the button, and when search opens the
// table), and the Excel export downloaded and read back.
import { readFileSync } from 'node:fs';
import { booleanPointInPolygon } from '@turf/turf';
import ExcelJS from 'exceljs';
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayInChina } from '../../src/domain/dates.ts';
import { plotDeadline } from '../../src/domain/deadlines.ts';
import { labelPoints } from '../../src/geo/labelPoint.ts';
import { appAndBrowser, DEVICES, openAndLogin, pressFor, USERS } from './harness.ts';
import { appReady, mapHolds, mapIdle } from './map-page.ts';

const PLOTS = JSON.parse(
  readFileSync(new URL('../../geodata/plots.geojson', import.meta.url), 'utf8'),
) as FeatureCollection;
const YAYAO_RECTIFYING = PLOTS.features.filter(
  (feature) => feature.properties?.town === '雅瑶镇' && feature.properties?.status === 'rectifying',
);

describe.each(DEVICES)('The data table on a %s', (name, options) => {
  const running = appAndBrowser(options, { users: [USERS.inspector] });
  const press = pressFor(options.touch);
  let table: Locator;
  const device = name.startsWith('desktop') ? 'desktop' : 'tablet';

  it('opens from the toolbar with every plot, and filters by town and status: table and map agree', async () => {
    const { page } = running.session;
    await openAndLogin(page, running.app.url, USERS.inspector);
    await appReady(page);
    const button = page.getByRole('button', { name: '数据表', exact: true });
    await press(button);
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    table = page.getByRole('region', { name: '低效工业用地数据表' });
    await table.waitFor({ state: 'visible' });
    const count = table.getByRole('status');
    await expect.poll(() => count.textContent(), { timeout: 30_000 }).toBe('显示 342 / 342 宗');
    await page.screenshot({ path: `/tmp/table-${device}-open.png` });
    await table.getByRole('combobox', { name: '镇街', exact: true }).selectOption({ label: '雅瑶镇' });
    await table.getByRole('combobox', { name: '整治状态', exact: true }).selectOption({ label: '整治中' });
    expect(YAYAO_RECTIFYING.length).toBe(13);
    await expect.poll(() => count.textContent()).toBe(`显示 ${YAYAO_RECTIFYING.length} / 342 宗`);
    const mapCount = page.locator('.map-filter-count');
    expect(await mapCount.textContent()).toBe(`地图显示 ${YAYAO_RECTIFYING.length} / 342 宗`);
    // The map draws only those plots: the plots' own layers are faded out (a constant paint property,
    // no tile parsed again) and their twins draw the plots marked kept by feature state.
    await mapIdle(page);
    const drawn = await page.evaluate(() => {
      const map = window.__landAtlas?.map;
      if (!map) throw new Error('no map');
      const faded = [
        map.getPaintProperty('plots-fill', 'fill-opacity'),
        map.getPaintProperty('plots-line', 'line-opacity'),
      ];
      const shown = new Set<string>();
      for (const feature of map.queryRenderedFeatures({ layers: ['plots-fill-kept', 'plots-line-kept'] }))
        if (feature.state?.kept === true) shown.add(String(feature.properties?.id));
      const inView = new Set<string>();
      for (const feature of map.queryRenderedFeatures({ layers: ['plots-fill'] }))
        inView.add(String(feature.properties?.id));
      return { faded, shown: [...shown].sort(), inView: [...inView] };
    });
    const kept = new Set(YAYAO_RECTIFYING.map((feature) => String(feature.id ?? feature.properties?.id)));
    expect(drawn.faded).toEqual([0, 0]);
    expect(drawn.shown.length).toBeGreaterThan(0);
    expect(drawn.shown.filter((id) => !kept.has(id))).toEqual([]);
    // Every kept plot in view is drawn, and nothing else is.
    expect(drawn.inView.filter((id) => kept.has(id)).sort()).toEqual(drawn.shown);
    expect(drawn.inView.length).toBeGreaterThan(drawn.shown.length);
    // The table has those rows (and its header row); only the ones in view are in the page.
    expect(await table.getByRole('table').getAttribute('aria-rowcount')).toBe(
      String(YAYAO_RECTIFYING.length + 1),
    );
    // The filter is in the address.
    const address = new URL(page.url());
    expect(address.searchParams.get('table')).toBe('plots');
    expect(address.searchParams.get('town')).toBe('雅瑶镇');
    expect(address.searchParams.get('status')).toBe('rectifying');
    await page.screenshot({ path: `/tmp/table-${device}-filtered.png` });
  });

  it('selects the plot of a row on the map and in the inspector, and highlights the row', async () => {
    const { page } = running.session;
    const first = YAYAO_RECTIFYING.map((feature) => String(feature.properties?.id)).sort()[0] as string;
    const row = table.getByRole('row', { name: new RegExp(`^${first}`) });
    await press(row);
    await expect
      .poll(() => page.evaluate(() => window.__landAtlas?.store.getState().selection))
      .toEqual({ kind: 'feature', layer: 'plots', id: first });
    expect(await row.getAttribute('aria-selected')).toBe('true');
    const inspector = page.getByRole('complementary', { name: '属性', exact: true });
    await expect.poll(() => inspector.textContent()).toContain(first);
    await mapIdle(page);
    await page.screenshot({ path: `/tmp/table-${device}-selected.png` });
  });

  it('lets a click pass through a plot the filter hides, and picks a kept one there', async () => {
    const { page } = running.session;
    // A plot of 雅瑶镇 the filter hides, with nothing else pickable under the point clicked in it.
    const others = ['parks', 'projects', 'newland'].flatMap(
      (layer) => (JSON.parse(readFileSync(`geodata/${layer}.geojson`, 'utf8')) as FeatureCollection).features,
    );
    const hidden = PLOTS.features.find((feature) => {
      if (feature.properties?.town !== '雅瑶镇' || feature.properties?.status !== 'identified') return false;
      const point = labelPoints({ type: 'FeatureCollection', features: [feature] }).features[0];
      return (
        point !== undefined &&
        others.every(
          (other) =>
            !(other.geometry?.type === 'Polygon' || other.geometry?.type === 'MultiPolygon') ||
            !booleanPointInPolygon(point, other as Feature<Polygon | MultiPolygon>),
        )
      );
    });
    if (!hidden) throw new Error('the sample has no identified plot in 雅瑶镇 clear of other features');
    /**
     * Puts the plot in the middle of the map the table leaves free (`shiftPx` to the right of it), and
     * clicks or taps inside it. By an offset, not a padding, which MapLibre would keep for every later
     * camera move of the page.
     */
    const pressInside = async (feature: Feature, shiftPx: number) => {
      const point = labelPoints({ type: 'FeatureCollection', features: [feature] }).features[0];
      if (!point) throw new Error(`no point inside ${feature.properties?.id}`);
      const canvas = await page.locator('canvas.maplibregl-canvas').boundingBox();
      const panel = await table.boundingBox();
      if (!canvas || !panel) throw new Error('no map or no table on screen');
      const atTop = panel.y <= canvas.y + 1;
      const covered = atTop ? panel.y + panel.height - canvas.y : canvas.y + canvas.height - panel.y;
      const offset: [number, number] = [shiftPx, ((atTop ? 1 : -1) * covered) / 2];
      const at = await page.evaluate(
        ({ center, offset }) => {
          const map = window.__landAtlas?.map;
          if (!map) throw new Error('no map');
          map.easeTo({ center, zoom: 17, offset, duration: 0 });
          return map.project(center);
        },
        { center: point.geometry.coordinates as [number, number], offset },
      );
      await mapIdle(page);
      if (options.touch) await page.touchscreen.tap(canvas.x + at.x, canvas.y + at.y);
      else await page.mouse.click(canvas.x + at.x, canvas.y + at.y);
    };
    await pressInside(hidden, 0);
    // The click went through the plot the map does not show, to nothing: the selection is cleared.
    await expect
      .poll(() => page.evaluate(() => window.__landAtlas?.store.getState().selection))
      .toEqual({ kind: 'none' });
    // The same click on a kept plot picks it (so the click above did reach the map); 80 px aside, since
    // two taps at one spot within half a second are MapLibre's double-tap zoom, not a tap.
    const shown = YAYAO_RECTIFYING[1] as Feature;
    await pressInside(shown, 80);
    await expect
      .poll(() => page.evaluate(() => window.__landAtlas?.store.getState().selection))
      .toEqual({ kind: 'feature', layer: 'plots', id: shown.properties?.id });
  });

  it('keeps the plots whose deadline has passed, as many as the sample data says', async () => {
    const { page } = running.session;
    const today = todayInChina();
    const overdue = PLOTS.features.filter(
      (feature) => plotDeadline(feature.properties ?? {}, today).state === 'overdue',
    ).length;
    await press(table.getByRole('button', { name: '清除筛选' }));
    await table.getByRole('combobox', { name: '期限', exact: true }).selectOption({ label: '已逾期' });
    await expect.poll(() => table.getByRole('status').textContent()).toBe(`显示 ${overdue} / 342 宗`);
    expect(overdue).toBeGreaterThan(0);
    // Back returns to the list before (no filter), forward to the overdue one.
    await page.goBack();
    await expect.poll(() => table.getByRole('status').textContent()).toBe('显示 342 / 342 宗');
    await page.goForward();
    await expect.poll(() => table.getByRole('status').textContent()).toBe(`显示 ${overdue} / 342 宗`);
  });

  it('exports the filtered rows to Excel with Chinese headers and labels', async () => {
    const { page } = running.session;
    await table.getByRole('combobox', { name: '期限', exact: true }).selectOption({ label: '全部' });
    await table.getByRole('combobox', { name: '镇街', exact: true }).selectOption({ label: '雅瑶镇' });
    await table.getByRole('combobox', { name: '整治状态', exact: true }).selectOption({ label: '整治中' });
    await expect
      .poll(() => table.getByRole('status').textContent())
      .toBe(`显示 ${YAYAO_RECTIFYING.length} / 342 宗`);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      press(table.getByRole('link', { name: '导出 Excel' })),
    ]);
    expect(download.suggestedFilename()).toBe(`数据表-低效工业用地-${todayInChina()}.xlsx`);
    const path = await download.path();
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path);
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('the workbook has no sheet');
    expect(sheet.name).toBe('低效工业用地');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 11)).toEqual([
      '编号',
      '企业',
      '镇街',
      '所在园区',
      '整治状态',
      '亩均评价等级',
      '整治模式',
      '用地类型',
      '面积（亩）',
      '整治期限',
      '最近巡查',
    ]);
    expect(sheet.actualRowCount).toBe(YAYAO_RECTIFYING.length + 1);
    const ids = new Set<string>();
    sheet.eachRow((row, index) => {
      if (index === 1) return;
      ids.add(String(row.getCell(1).value));
      expect(row.getCell(3).value).toBe('雅瑶镇');
      expect(row.getCell(5).value).toBe('整治中');
    });
    expect([...ids].sort()).toEqual(YAYAO_RECTIFYING.map((feature) => String(feature.properties?.id)).sort());
  });

  it('zooms to the filtered plots from wherever the map is (缩放至筛选结果), and draws every one', async () => {
    const { page } = running.session;
    await page.evaluate(() => {
      window.__landAtlas?.map?.jumpTo({ center: [112.6, 22.45], zoom: 15 });
    });
    await mapIdle(page);
    await press(table.getByRole('button', { name: '缩放至筛选结果' }));
    await expect.poll(() => mapHolds(page, YAYAO_RECTIFYING), { timeout: 15_000 }).toBe(true);
    // Fitted, not merely somewhere above them: the 13 plots lie within about 3 km, which fills the
    // free part of the map near zoom 14 (the county is zoom 10).
    expect(await page.evaluate(() => window.__landAtlas?.map?.getZoom())).toBeGreaterThan(12);
    await mapIdle(page);
    const drawn = await page.evaluate(() => {
      const map = window.__landAtlas?.map;
      if (!map) throw new Error('no map');
      const shown = new Set<string>();
      for (const feature of map.queryRenderedFeatures({ layers: ['plots-fill-kept'] }))
        if (feature.state?.kept === true) shown.add(String(feature.properties?.id));
      return [...shown].sort();
    });
    expect(drawn).toEqual(YAYAO_RECTIFYING.map((feature) => String(feature.properties?.id)).sort());
    await page.screenshot({ path: `/tmp/table-${device}-fit.png` });
  });

  it('search offers a town as a filter, which opens the table so filtered', async () => {
    const { page } = running.session;
    const yayao = PLOTS.features.filter((feature) => feature.properties?.town === '雅瑶镇');
    await press(table.getByRole('button', { name: '关闭数据表' }));
    await page.evaluate(() => {
      window.__landAtlas?.map?.jumpTo({ center: [112.6, 22.45], zoom: 15 });
    });
    await table.waitFor({ state: 'detached' });
    const search = page.getByRole('combobox', { name: '搜索' });
    await search.fill('雅瑶镇');
    const option = page.getByRole('option', { name: /^筛选：镇街 雅瑶镇/ });
    await press(option);
    await table.waitFor({ state: 'visible' });
    await expect.poll(() => table.getByRole('status').textContent()).toBe(`显示 ${yayao.length} / 342 宗`);
    // Opened from search, the table fits the map to what it keeps: every plot of the town in view.
    await expect.poll(() => mapHolds(page, yayao), { timeout: 15_000 }).toBe(true);
    expect(await page.evaluate(() => window.__landAtlas?.map?.getZoom())).toBeGreaterThan(11);
    expect(new URL(page.url()).searchParams.get('town')).toBe('雅瑶镇');
    expect(new URL(page.url()).searchParams.get('status')).toBeNull();
    await page.screenshot({ path: `/tmp/table-${device}-search.png` });
    // Back to the list before: the rectifying plots of 雅瑶镇, then no table.
    await page.goBack();
    await page.goBack();
    await expect
      .poll(() => table.getByRole('status').textContent())
      .toBe(`显示 ${YAYAO_RECTIFYING.length} / 342 宗`);
  });

  it('reopens the same list from a link', async () => {
    const { page } = running.session;
    const link = page.url();
    await page.goto('about:blank');
    await page.goto(link);
    await appReady(page);
    const reopened = page.getByRole('region', { name: '低效工业用地数据表' });
    await expect
      .poll(() => reopened.getByRole('status').textContent(), { timeout: 30_000 })
      .toBe(`显示 ${YAYAO_RECTIFYING.length} / 342 宗`);
    expect(running.session.consoleErrors).toEqual([]);
  });
});
