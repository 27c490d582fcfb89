// The harness itself: the server serves the built app, Chromium renders WebGL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, openBrowser, type RunningApp, startApp } from './harness.ts';

describe('e2e harness', () => {
  let app: RunningApp;
  beforeAll(async () => {
    app = await startApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('serves the built app and the health route', async () => {
    const index = await fetch(app.url);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<div id="root"');
    const health = await fetch(new URL('/api/health', app.url));
    expect(await health.json()).toEqual({ status: 'ok' });
  });

  it('runs Chromium with WebGL', async () => {
    const session = await openBrowser(DESKTOP);
    try {
      const webgl = await session.page.evaluate(() => {
        const canvas = document.createElement('canvas');
        return Boolean(canvas.getContext('webgl2') ?? canvas.getContext('webgl'));
      });
      expect(webgl).toBe(true);
    } finally {
      await session.close();
    }
  });
});
