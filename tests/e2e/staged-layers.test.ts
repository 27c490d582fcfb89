// The map's start under software WebGL (staged-layers.ts): the data layers come in one per rendered
// frame once their sources have loaded, so no frame compiles all their shader programs — before, one
// frame linked six programs at once (the longest freeze of the page). Counted, not timed: the WebGL
// programs linked in each animation frame, from the page's first script to the map's idle, with the
// plots as tiles (threshold 0) and as GeoJSON; and afterwards every layer is shown and draws.
import { describe, expect, it } from 'vitest';
import { appAndBrowser, DESKTOP, openAndLogin, USERS } from './harness.ts';
import { appReady, drawnTiledPlots } from './map-page.ts';

/** Counts linkProgram per animation frame, installed before any script of the page. */
function countPrograms(): void {
  const probe = { frame: 0, links: new Map<number, number>() };
  (window as unknown as { __programs: typeof probe }).__programs = probe;
  const tick = () => {
    probe.frame++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype]) {
    const link = proto.linkProgram;
    proto.linkProgram = function counted(this: WebGL2RenderingContext, program: WebGLProgram) {
      probe.links.set(probe.frame, (probe.links.get(probe.frame) ?? 0) + 1);
      return link.call(this, program);
    };
  }
}

describe.each([
  ['plots as vector tiles', 0],
  ['plots as GeoJSON', undefined],
])('the map starts without compiling every layer in one frame (%s)', (_name, tileThreshold) => {
  const running = appAndBrowser(DESKTOP, {
    users: [USERS.viewer],
    ...(tileThreshold === undefined ? {} : { tileThreshold }),
  });

  it('links at most two programs in any frame, and shows every data layer once idle', async () => {
    const { page, context } = running.session;
    await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
    await context.addInitScript(countPrograms);
    await openAndLogin(page, running.app.url, USERS.viewer);
    await page.reload();
    await appReady(page);
    const { perFrame, hidden } = await page.evaluate(() => {
      const probe = (window as unknown as { __programs: { links: Map<number, number> } }).__programs;
      const map = window.__landAtlas?.map;
      if (!map) throw new Error('no map');
      const layers = map.getStyle().layers;
      const anchor = layers.findIndex((layer) => layer.id === 'anchor-data');
      const stillHeld = layers.slice(0, anchor).filter((layer) => {
        const held = map.getLayer(layer.id);
        if (!held || layer.type === 'background' || layer.type === 'raster') return false;
        if (layer.type === 'fill') return map.getPaintProperty(layer.id, 'fill-layer-opacity') === 0;
        if (layer.type === 'line') return map.getPaintProperty(layer.id, 'line-layer-opacity') === 0;
        return held.minzoom === 24;
      });
      return { perFrame: [...probe.links.values()], hidden: stillHeld.map((layer) => layer.id) };
    });
    // The programs of the background, the boundary, parks, plots (fill, line, dots), projects and labels.
    expect(perFrame.reduce((sum, links) => sum + links, 0)).toBeGreaterThanOrEqual(6);
    expect(Math.max(...perFrame)).toBeLessThanOrEqual(2);
    expect(hidden).toEqual([]);
    if (tileThreshold === 0) expect((await drawnTiledPlots(page)).plots).toBeGreaterThan(0);
    else {
      const drawn = await page.evaluate(
        () => window.__landAtlas?.map?.queryRenderedFeatures({ layers: ['plots-fill'] }).length ?? 0,
      );
      expect(drawn).toBeGreaterThan(0);
    }
  });
});
