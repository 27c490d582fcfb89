// Waiting on the app in the page, through its test hook `window.__landAtlas` (the map and the store).
import type { Page } from 'playwright-core';

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
