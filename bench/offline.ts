// The app offline (issue 11): the app shell's size as the service worker precaches it, and the time to
// open the app — page → map idle with the layers on it — offline against online, in the same run:
//   npx tsx bench/offline.ts [--rounds 5] [--dist DIR]
// The app's test build (`vite build --mode e2e`: the production build plus the `window.__landAtlas` hook,
// built into a temporary folder unless --dist) on the real server with the sample layers, a fresh data
// directory and an inspector `bench`; headless Chromium at the tablet's size (1024×768, touch). After
// one online visit (sign-in, the service worker controlling the page, the layers in IndexedDB), each
// round reloads the page online, then offline (Playwright's setOffline), and takes performance.now() in
// the page when the layers are loaded and MapLibre is idle. Online the shell comes from the service
// worker too, and the layers are asked with their ETags (304s); offline the session is the one kept on
// the device and the layers come from IndexedDB. Precache size: each file sw.js lists, raw, and as the
// server sends it (gzip/brotli files written at build).

import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { buildServer } from '../src/server/app.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { launchChromium } from '../tests/support/chromium.ts';
import { buildTestApp } from './support/build-app.ts';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const rounds = Number(option('rounds') ?? '5');

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** The files sw.js precaches, with their sizes raw, gzip and brotli (the raw size where none was written). */
function precacheSize(distDir: string) {
  const sw = readFileSync(join(distDir, 'sw.js'), 'utf8');
  const urls = [...new Set([...sw.matchAll(/url:"([^"]+)"/g)].map((match) => match[1] as string))];
  const size = (path: string) => (existsSync(path) ? statSync(path).size : null);
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  for (const url of urls) {
    const path = join(distDir, url);
    const plain = size(path) ?? 0;
    raw += plain;
    gzip += size(`${path}.gz`) ?? plain;
    brotli += size(`${path}.br`) ?? plain;
  }
  return { files: urls.length, raw, gzip, brotli };
}

/** Reloads and returns the page's time from navigation start to layers loaded and the map idle. */
async function openTime(page: Page): Promise<number> {
  await page.reload({ waitUntil: 'commit' });
  await page.waitForFunction(
    () => {
      const hook = window.__landAtlas;
      return Boolean(
        hook?.map?.loaded() && !hook.store.getState().loading && hook.store.getState().layers.plots,
      );
    },
    null,
    { timeout: 120_000, polling: 'raf' },
  );
  return page.evaluate(
    () =>
      new Promise<number>((done) => {
        const map = window.__landAtlas?.map;
        if (!map) throw new Error('no map');
        if (map.loaded() && map.areTilesLoaded() && !map.isMoving()) done(performance.now());
        else map.once('idle', () => done(performance.now()));
      }),
  );
}

async function main(): Promise<void> {
  console.log(
    `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load ${loadavg()
      .map((value) => value.toFixed(1))
      .join(' ')}`,
  );
  const temporary: string[] = [];
  let distDir = option('dist');
  if (!distDir) {
    distDir = mkdtempSync(join(tmpdir(), 'atlas-offline-dist-'));
    temporary.push(distDir);
    buildTestApp(distDir);
  }
  distDir = resolve(distDir);
  const shell = precacheSize(distDir);
  console.log(
    `app shell precached by the service worker: ${shell.files} files, ${kb(shell.raw)} raw, ${kb(shell.gzip)} gzip, ${kb(shell.brotli)} brotli (as sent)`,
  );

  const dataDir = mkdtempSync(join(tmpdir(), 'atlas-offline-data-'));
  temporary.push(dataDir);
  const server = await buildServer({ dataDir, distDir });
  const browser = await launchChromium();
  try {
    await server.atlas.store.createUser(
      'bench',
      'inspector',
      await hashPassword('bench offline 2026'),
      'bench',
    );
    await server.listen({ port: 0, host: '127.0.0.1' });
    const { port } = server.server.address() as AddressInfo;
    const context = await browser.newContext({
      viewport: { width: 1024, height: 768 },
      hasTouch: true,
      isMobile: true,
      deviceScaleFactor: 1,
      locale: 'zh-CN',
    });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.getByLabel('用户名', { exact: true }).fill('bench');
    await page.getByLabel('密码', { exact: true }).fill('bench offline 2026');
    await page.getByRole('button', { name: '登录', exact: true }).click();
    await page.waitForFunction(() => navigator.serviceWorker?.controller !== null, null, {
      timeout: 120_000,
    });
    console.error('signed in; the service worker controls the page');
    await openTime(page); // a first reload under the service worker, not counted
    console.error('first reload done');
    const online: number[] = [];
    const offline: number[] = [];
    for (let round = 0; round < rounds; round++) {
      await context.setOffline(false);
      online.push(await openTime(page));
      await context.setOffline(true);
      offline.push(await openTime(page));
      const banner = await page.locator('.offline-banner').count();
      if (banner !== 1) throw new Error('offline, but no offline banner');
    }
    const list = (values: number[]) => values.map((value) => value.toFixed(0)).join(', ');
    console.log(
      `open → map idle online (shell from the service worker, layers 304): median ${median(online).toFixed(0)} ms (${list(online)})`,
    );
    console.log(
      `open → map idle offline (shell from the service worker, layers from IndexedDB): median ${median(offline).toFixed(0)} ms (${list(offline)})`,
    );
    console.log(`offline / online: ${(median(offline) / median(online)).toFixed(2)}`);
  } finally {
    await browser.close();
    await server.close();
    for (const dir of temporary) rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
