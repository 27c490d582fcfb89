// Zones are a layer like the others for every role: a viewer, on a desktop and a touch tablet, sees
// 改造片区 in the layer panel (with its count and a toggle) and in the legend, finds a zone by name in
// search, taps or clicks it on the map and reads its card (name, mode and planned land use in words, its
// area in 亩, notes, who created it, its history); a plot inside another zone keeps its status colour
// and is still the one picked.
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { formatMu } from '../../src/domain/units.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import { appAndBrowser, DEVICES, openAndLogin, pressFor, USERS } from './harness.ts';
import { appReady, mapIdle } from './map-page.ts';

const square = (x: number, y: number, d: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ],
});

/** Away from every sample plot and parcel (the nearest is ~1 km off). */
const OPEN_ZONE = square(112.9, 22.7, 0.004);

describe.each(DEVICES)('Zones as a layer, for a viewer on a %s', (_name, options) => {
  const running = appAndBrowser(options, { users: [USERS.viewer, USERS.planner] });
  const press = pressFor(options.touch);
  const slug = options.touch ? 'tablet' : 'desktop';

  it('lists zones in the layers and the legend, and finds one by name', async () => {
    const { store } = running.app.server.atlas;
    const plot = await store.getFeature('plots', 'HS-DX-0001');
    if (plot?.geometry?.type !== 'Polygon') throw new Error('HS-DX-0001 is a polygon in the sample');
    const ring = plot.geometry.coordinates[0] as number[][];
    const xs = ring.map((p) => p[0] as number);
    const ys = ring.map((p) => p[1] as number);
    const around = square(Math.min(...xs) - 0.001, Math.min(...ys) - 0.001, 0.004);
    for (const [id, name, geometry] of [
      ['ZONE-T1', '雅瑶工改工示范片区', OPEN_ZONE],
      ['ZONE-T2', '东成片区', around],
    ] as const) {
      await store.createFeature(
        'zones',
        {
          properties: {
            id,
            name,
            mode: 'redevelopment',
            plannedLandUse: '100101',
            notes: '拆除旧厂房，建设高标准厂房',
            createdBy: USERS.planner.username,
          },
          geometry,
        },
        USERS.planner.username,
      );
    }
    const { page } = running.session;
    await openAndLogin(page, running.app.url, USERS.viewer);
    await appReady(page);
    if (options.touch) await press(page.getByRole('button', { name: '图层', exact: true }));
    const layers = page.getByRole('complementary', { name: '图层', exact: true });
    const toggle = layers.getByRole('checkbox', { name: '改造片区' });
    expect(await toggle.isChecked()).toBe(true);
    expect(await layers.locator('#layer-count-zones').textContent()).toContain('2');
    const legend = page.getByRole('region', { name: '图例' });
    expect(await legend.getByRole('heading', { name: '改造片区' }).count()).toBe(1);
    await page.screenshot({ path: `/tmp/zones-legend-${slug}.png` });
    if (options.touch) await press(layers.getByRole('button', { name: '关闭图层面板' }));

    const search = page.getByRole('combobox', { name: '搜索' });
    await search.fill('工改工示范');
    await press(page.getByRole('option', { name: /雅瑶工改工示范片区/ }));
    const inspector = page.getByRole('complementary', { name: '属性', exact: true });
    await expect.poll(() => inspector.locator('.feature-id').textContent()).toBe('雅瑶工改工示范片区');
  });

  it('inspects a zone picked on the map: its card in words, its area and history', async () => {
    const { page } = running.session;
    await page.keyboard.press('Escape');
    await mapIdle(page);
    const point = await page.evaluate(() => {
      const map = window.__landAtlas?.map;
      const projected = map?.project([112.902, 22.702]);
      const box = map?.getCanvas().getBoundingClientRect();
      return { x: (projected?.x ?? 0) + (box?.left ?? 0), y: (projected?.y ?? 0) + (box?.top ?? 0) };
    });
    if (options.touch) await page.touchscreen.tap(point.x, point.y);
    else await page.mouse.click(point.x, point.y);
    const inspector = page.getByRole('complementary', { name: '属性', exact: true });
    await expect.poll(() => inspector.locator('.feature-id').textContent()).toBe('雅瑶工改工示范片区');
    const text = (await inspector.textContent()) ?? '';
    expect(text).toContain('改造片区');
    expect(text).toContain('工改工');
    expect(text).toContain('100101 一类工业用地');
    expect(text).toContain('拆除旧厂房');
    expect(text).toContain(USERS.planner.username);
    expect(await inspector.getByTestId('area-mu').textContent()).toBe(formatMu(geometryAreaM2(OPEN_ZONE)));
    await expect.poll(() => inspector.textContent()).toContain('变更历史');
    await expect.poll(() => inspector.locator('.record-list, .history-list, li').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `/tmp/zone-card-${slug}.png` });
  });

  it('draws a zone under its plots, which keep their colours and are picked first', async () => {
    const { page } = running.session;
    await page.goto(`${running.app.url}?feature=plots/HS-DX-0001`);
    await appReady(page);
    const inspector = page.getByRole('complementary', { name: '属性', exact: true });
    await expect.poll(() => inspector.locator('.feature-id').textContent()).toBe('HS-DX-0001');
    await mapIdle(page);
    const order = await page.evaluate(() => {
      const ids = window.__landAtlas?.map?.getStyle().layers.map((layer) => layer.id) ?? [];
      return ['zones-fill', 'plots-fill', 'zones-line'].map((id) => ids.indexOf(id));
    });
    // The zone's fill lies under the plots, its outline over them.
    expect(order[0]).toBeGreaterThanOrEqual(0);
    expect(order[0]).toBeLessThan(order[1] as number);
    expect(order[1]).toBeLessThan(order[2] as number);
    const zoneFill = await page.evaluate(
      () => window.__landAtlas?.map?.getPaintProperty('zones-fill', 'fill-opacity') as number,
    );
    expect(zoneFill).toBeLessThan(0.2);
    await page.screenshot({ path: `/tmp/zone-over-plot-${slug}.png` });
    expect(running.session.consoleErrors).toEqual([]);
  });
});
