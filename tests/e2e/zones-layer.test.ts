// Zones are a layer like the others for every role: a viewer, on a desktop and a touch tablet, sees
// 改造片区 in the layer panel (with its count and a toggle) and in the legend, finds a zone by name in
// search, taps or clicks it on the map and reads its card (name, mode and planned land use in words, its
// area in 亩, notes, who created it, its history); a plot inside another zone keeps its status colour
// and is still the one picked.
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { formatMu } from '../../src/domain/units.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import { appAndBrowser, DEVICES, openAndLogin, openContext, pressFor, USERS } from './harness.ts';
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

  it('filters the zones on the map from their table and fits the map to them; a planner’s drawn outlines follow', async () => {
    const { page } = running.session;
    await page.goto(`${running.app.url}?table=zones&text=${encodeURIComponent('东成')}`);
    await appReady(page);
    const table = page.getByRole('region', { name: '改造片区数据表' });
    await expect
      .poll(() => table.getByRole('status').textContent(), { timeout: 30_000 })
      .toBe('显示 1 / 2 个');
    const zone = await running.app.server.atlas.store.getFeature('zones', 'ZONE-T2');
    if (zone?.geometry?.type !== 'Polygon') throw new Error('ZONE-T2 is a polygon');
    const ring = zone.geometry.coordinates[0] as [number, number][];
    /** A view that holds both zones. */
    const both = [...ring, ...(OPEN_ZONE.coordinates[0] as [number, number][])];
    const bothBox: [number, number, number, number] = [
      Math.min(...both.map((p) => p[0])),
      Math.min(...both.map((p) => p[1])),
      Math.max(...both.map((p) => p[0])),
      Math.max(...both.map((p) => p[1])),
    ];
    /** The zone ids the map draws in those layers, over a view that holds both zones. */
    const drawnZones = async (draw: string[]) => {
      await page.evaluate((box) => {
        const map = window.__landAtlas?.map;
        const camera = map?.cameraForBounds(box, { padding: 40 });
        if (camera) map?.jumpTo(camera);
      }, bothBox);
      await mapIdle(page);
      return page.evaluate((layers) => {
        const map = window.__landAtlas?.map;
        if (!map) throw new Error('no map');
        const ids = map.queryRenderedFeatures({ layers }).map((feature) => String(feature.properties?.id));
        return [...new Set(ids)].sort();
      }, draw);
    };
    const zoneLayers = ['zones-fill', 'zones-line', 'zones-label'];
    expect(await drawnZones(zoneLayers)).toEqual(['ZONE-T2']);
    // 缩放至筛选结果: the map fits the zone the filter keeps, from a view where it is not.
    await page.evaluate(() => {
      window.__landAtlas?.map?.jumpTo({ center: [112.5, 22.5], zoom: 15 });
    });
    await press(table.getByRole('button', { name: '缩放至筛选结果' }));
    await expect
      .poll(async () => {
        await mapIdle(page);
        return page.evaluate(() => {
          const map = window.__landAtlas?.map;
          const zone = map?.queryRenderedFeatures({ layers: ['zones-fill'] }) ?? [];
          return [...new Set(zone.map((feature) => String(feature.properties?.id)))];
        });
      })
      .toEqual(['ZONE-T2']);
    const view = await page.evaluate(() => window.__landAtlas?.map?.getBounds().toArray());
    if (!view) throw new Error('no map');
    for (const [x, y] of ring) {
      expect(x).toBeGreaterThan(view[0][0]);
      expect(x).toBeLessThan(view[1][0]);
      expect(y).toBeGreaterThan(view[0][1]);
      expect(y).toBeLessThan(view[1][1]);
    }
    await page.screenshot({ path: `/tmp/zones-table-fit-${slug}.png` });

    // A planner's map also draws the saved zones as terra-draw outlines (to edit them): the filter
    // hides the dropped one there too, and shows it again when the filter goes.
    const planner = await openContext(running.session.browser, options);
    try {
      await openAndLogin(
        planner.page,
        `${running.app.url}?table=zones&text=${encodeURIComponent('东成')}`,
        USERS.planner,
      );
      await appReady(planner.page);
      const outlines = async () => {
        await planner.page.evaluate((box) => {
          const map = window.__landAtlas?.map;
          const camera = map?.cameraForBounds(box, { padding: 40 });
          if (camera) map?.jumpTo(camera);
        }, bothBox);
        await mapIdle(planner.page);
        // The drawing tool loads apart from the map (lazy.tsx): its source comes once it has started.
        await planner.page.waitForFunction(
          () => Boolean(window.__landAtlas?.map?.getSource('zone-draw-polygon')),
          null,
          { timeout: 30_000 },
        );
        // What terra-draw gives MapLibre to draw: its polygons, each with the opacities of its style.
        return planner.page.evaluate(async () => {
          const state = window.__landAtlas?.store.getState();
          const source = window.__landAtlas?.map?.getSource('zone-draw-polygon') as
            | {
                getData(): Promise<{
                  features: { id?: string | number; properties: Record<string, unknown> }[];
                }>;
              }
            | undefined;
          if (!state || !source) throw new Error('no app or no terra-draw source');
          const opacity: Record<string, number> = {};
          for (const feature of (await source.getData()).features) {
            const record = state.drawing.records[String(feature.id)];
            if (record?.serverId) opacity[record.serverId] = Number(feature.properties.polygonFillOpacity);
          }
          return opacity;
        });
      };
      const plannerTable = planner.page.getByRole('region', { name: '改造片区数据表' });
      await expect
        .poll(() => plannerTable.getByRole('status').textContent(), { timeout: 30_000 })
        .toBe('显示 1 / 2 个');
      // Both saved zones reach the drawing tool (its records name their server ids) before they are read.
      await expect
        .poll(async () => Object.keys(await outlines()).sort(), { timeout: 30_000 })
        .toEqual(['ZONE-T1', 'ZONE-T2']);
      const filtered = await outlines();
      expect(filtered['ZONE-T1']).toBe(0);
      expect(filtered['ZONE-T2']).toBeGreaterThan(0);
      await pressFor(options.touch)(plannerTable.getByRole('button', { name: '清除筛选' }));
      await expect.poll(() => plannerTable.getByRole('status').textContent()).toBe('显示 2 / 2 个');
      const all = await outlines();
      expect(all['ZONE-T1']).toBeGreaterThan(0);
      expect(all['ZONE-T2']).toBeGreaterThan(0);
      expect(planner.consoleErrors).toEqual([]);
    } finally {
      await planner.close();
    }
    expect(running.session.consoleErrors).toEqual([]);
  });
});
