// Waiting on the app in the page, through its test hook `window.__landAtlas` (the map and the store).
import type { Feature } from 'geojson';
import type { Page } from 'playwright-core';
import { geometryBox } from '../../src/geo/box.ts';

/** Resolves once the map has drawn everything it was asked to and stands still. */
export async function mapIdle(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__landAtlas?.map;
        if (!map) throw new Error('no map');
        if (map.loaded() && map.areTilesLoaded() && !map.isMoving()) requestAnimationFrame(() => resolve());
        else map.once('idle', () => resolve());
      }),
  );
}

/** Whether every position of the features lies in the map's view, once it has stopped moving. */
export async function mapHolds(page: Page, features: readonly Feature[]): Promise<boolean> {
  const view = await page.evaluate(() => {
    const map = window.__landAtlas?.map;
    return map && !map.isMoving() ? map.getBounds().toArray() : null;
  });
  if (!view) return false;
  const [[west, south], [east, north]] = view as [[number, number], [number, number]];
  return features.every((feature) => {
    const box = geometryBox(feature.geometry);
    return box !== null && box[0] > west && box[2] < east && box[1] > south && box[3] < north;
  });
}

/** Resolves once the layers are loaded and the map is idle. */
export async function appReady(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const hook = window.__landAtlas;
      return Boolean(hook?.map?.loaded() && !hook.store.getState().loading);
    },
    null,
    { timeout: 60_000 },
  );
  await mapIdle(page);
}

/**
 * The plots drawn from tiles on screen: each plot drawn alone (its outline or its dot, by id) once, plus
 * the count of each density point (several small plots of one status as one dot); a tile's buffer
 * repeats its neighbour's points, so a density point counts once per place and status.
 */
export async function drawnTiledPlots(page: Page): Promise<{ plots: number; densityPoints: number }> {
  return page.evaluate(() => {
    const map = window.__landAtlas?.map;
    const ids = new Set<string>();
    const dense = new Map<string, number>();
    for (const feature of map?.queryRenderedFeatures({ layers: ['plots-dots', 'plots-fill'] }) ?? []) {
      const count = feature.properties?.count;
      if (count === undefined) ids.add(String(feature.properties?.id));
      else if (feature.geometry.type === 'Point') {
        const [lon, lat] = feature.geometry.coordinates.map((value) => value.toFixed(6));
        dense.set(`${lon},${lat},${feature.properties?.status}`, Number(count));
      }
    }
    const counted = [...dense.values()].reduce((sum, count) => sum + count, 0);
    return { plots: ids.size + counted, densityPoints: dense.size };
  });
}
