// The browser benchmark of issue 10: the built Land Atlas app against a plain MapLibre page that loads
// the same generated plots as one GeoJSON source, in the same run, in headless Chromium (software
// WebGL, 1440×900, device scale 1), at the county view:
//   npx tsx bench/browser.ts [--plots 20000[,100000,…]] [--modes geojson[,tiles,default]] [--tile-threshold 1000]
//                            [--timeout 300] [--dist DIR] [--cold]
// For each size: N plots from the seeded generator (geodata/generate.ts, seed 1) in a fresh data
// directory with the sample's other layers, and an admin `bench`. Then, each target in a fresh browser:
// - plain: a static page (maplibre-gl from node_modules; background, plot fill by status and outline in
//   the app's colours) with the plots as one GeoJSON source by URL, gzipped, from a server in this process;
// - plain, no plots: the same page with an empty source — the floor of any MapLibre page on this machine
//   (its longest task is MapLibre's own start under software GL; no click or edit to measure);
// - app/<mode>: the app's test build (`vite build --mode e2e`, built into a temporary folder unless --dist:
//   the production build plus the `window.__landAtlas` hook the e2e tests use) on the real server
//   (buildServer, in its own process: bench/support/browser-server.ts); mode `tiles` starts that server
//   with ATLAS_TILE_THRESHOLD=<--tile-threshold>, so layers above it are served as vector tiles; mode
//   `geojson` with ATLAS_TILE_THRESHOLD=999999999 (never tiles), mode `default` without it. Each app
//   server is visited twice: the first visit after its start (it builds the tile index and caches, once
//   per start or import) gets its own row, `(first after start)`; the app's row is the second visit, in
//   a fresh browser, as a viewer finds a server that has been running (`--cold`: the first visit only).
// Figures, each from navigation start (performance.now() in the page):
// - idle: MapLibre's first 'idle' once the plots layer is on the map and the app has no layer loading;
// - freeze: the longest long task (PerformanceObserver 'longtask') and the longest gap between two
//   animation frames, both up to idle;
// - memory at idle: PSS and RSS summed over the Chromium process tree (/proc/<pid>/smaps_rollup; PSS
//   shares shared pages out, RSS counts them in each process), the GPU process (software GL: textures
//   and buffers in its memory) apart, and the page's main-thread JS heap (CDP Performance.getMetrics;
//   MapLibre's workers are not in it but are in the renderer's PSS);
// - bytes for the first view: CDP Network encodedDataLength (as on the wire, headers included) of every
//   request finished up to idle, split into API (/api/…, the plain page's plots.geojson) and static;
// - click → inspector: at zoom 13.9 over one plot (closer until it spans 40 px), a click at its position
//   → the inspector names it (the plain page: a panel filled from queryRenderedFeatures), from the click
//   event to the next frame after;
// - edit → repainted: there, that plot's status changed through the
//   UI (编辑属性, a new status, 保存属性; the server's answer, the store, the source) — for the plain page
//   setData of the whole collection with that one feature changed — from the click (setData) to the
//   first frame whose pixel at the plot differs from before (canvas read back in MapLibre's 'render');
// - link → inspector: a new page at a link to that plot (the app's `?feature=plots/<id>`; the plain page
//   finds `?feature=<id>` in its loaded source and fits to it) → the inspector names it, from navigation.
// A measurement that fails or times out prints its reason on its own line; the rest go on. Browsers,
// servers and temporary folders are always closed and removed.

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { gzipSync } from 'node:zlib';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import type { BrowserContext, Page } from 'playwright-core';
import { generate } from '../geodata/generate.ts';
import { STATUS_COLOURS } from '../src/app/map/styles.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { featureContents, seedLayers } from '../src/server/seed.ts';
import { SqliteStore } from '../src/server/store/sqlite.ts';
import { launchChromium } from '../tests/support/chromium.ts';
import { buildTestApp } from './support/build-app.ts';

// ---- options -------------------------------------------------------------------------------------

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}
const sizes = (option('plots') ?? '20000')
  .split(',')
  .map((value) => Number(value.replace(/_/g, '')))
  .filter((value) => Number.isInteger(value) && value > 0);
const tileThreshold = Number(option('tile-threshold') ?? 1000);
/**
 * The app's server per mode: geojson never switches a layer to tiles (a threshold no layer reaches),
 * tiles switches every layer over --tile-threshold features, default leaves the server's own threshold.
 */
const MODE_ENV: Record<string, Record<string, string>> = {
  geojson: { ATLAS_TILE_THRESHOLD: String(999_999_999) },
  tiles: { ATLAS_TILE_THRESHOLD: String(tileThreshold) },
  default: {},
};
const modes = (option('modes') ?? 'geojson').split(',').filter((mode) => mode in MODE_ENV);
/** Measure the app on a server that has already served one viewer (`--cold` measures only the first). */
const warm = !process.argv.includes('--cold');
const stepTimeout = Number(option('timeout') ?? 180) * 1000;
const VIEWPORT = { width: 1440, height: 900 };
const EDIT_ZOOM = 13.9;
const USER = { username: 'bench', password: 'bench password 1' };
const STATUS_ZH: Record<string, string> = {
  identified: '已识别',
  inspected: '已核查',
  rectifying: '整治中',
  completed: '已完成',
};

// ---- small helpers -------------------------------------------------------------------------------

const fmtMs = (value: number) =>
  value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(0)} ms`;
const fmtMb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 2 : 1)} MB`;

/** `work`, or a rejection after `ms` naming `what`. */
async function within<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no answer within ${fmtMs(ms)}`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const reason = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] : String(error));

/** The bounding box of geodata/boundary.geojson: the county view both pages fit (padding 24, as the app). */
function boundaryBounds(): [[number, number], [number, number]] {
  const text = readFileSync('geodata/boundary.geojson', 'utf8');
  let west = 180;
  let south = 90;
  let east = -180;
  let north = -90;
  for (const match of text.matchAll(/\[\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*\]/g)) {
    const lon = Number(match[1]);
    const lat = Number(match[2]);
    west = Math.min(west, lon);
    east = Math.max(east, lon);
    south = Math.min(south, lat);
    north = Math.max(north, lat);
  }
  return [
    [west, south],
    [east, north],
  ];
}

// ---- Chromium's memory from /proc ----------------------------------------------------------------

interface ProcessMemory {
  pss: number;
  rss: number;
  gpuPss: number;
  rendererPss: number;
  processes: number;
}

function chromiumMemory(): ProcessMemory {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      const list = children.get(ppid) ?? [];
      list.push(Number(entry));
      children.set(ppid, list);
    } catch {
      // gone meanwhile
    }
  }
  const memory: ProcessMemory = { pss: 0, rss: 0, gpuPss: 0, rendererPss: 0, processes: 0 };
  const walk = (pid: number) => {
    for (const child of children.get(pid) ?? []) {
      try {
        // A zygote's children rewrite their command line as one string: split on spaces too.
        const cmdline = readFileSync(`/proc/${child}/cmdline`, 'utf8').split(/[\0 ]/);
        if (/chrom/i.test(cmdline[0] ?? '')) {
          const rollup = readFileSync(`/proc/${child}/smaps_rollup`, 'utf8');
          const kb = (field: string) =>
            Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(rollup)?.[1] ?? 0);
          const pss = kb('Pss') * 1024;
          memory.pss += pss;
          memory.rss += kb('Rss') * 1024;
          memory.processes++;
          const type = cmdline.find((arg) => arg.startsWith('--type='));
          if (type === '--type=gpu-process') memory.gpuPss += pss;
          if (type === '--type=renderer') memory.rendererPss += pss;
        }
      } catch {
        // gone meanwhile
      }
      walk(child);
    }
  };
  walk(process.pid);
  return memory;
}

// ---- the plain MapLibre page ---------------------------------------------------------------------

function plainPageScript(bounds: [[number, number], [number, number]]): string {
  const colours = ['match', ['get', 'status'], ...Object.entries(STATUS_COLOURS).flat(), '#9e9e9e'];
  return `import * as maplibregl from '/maplibre-gl.mjs';
maplibregl.setWorkerUrl('/maplibre-gl-worker.mjs');
const map = new maplibregl.Map({
  container: 'map',
  bounds: ${JSON.stringify(bounds)},
  fitBoundsOptions: { padding: 24 },
  style: {
    version: 8,
    sources: { plots: { type: 'geojson', data: new URLSearchParams(location.search).has('empty') ? '/empty.geojson' : '/plots.geojson', promoteId: 'id' } },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': '#dde3e8' } },
      { id: 'plots-fill', type: 'fill', source: 'plots', paint: { 'fill-color': ${JSON.stringify(colours)}, 'fill-opacity': 0.6 } },
      { id: 'plots-line', type: 'line', source: 'plots', paint: { 'line-color': '#263238', 'line-width': ['interpolate', ['linear'], ['zoom'], 11, 0.5, 15, 1.5] } },
    ],
  },
});
window.__plain = { map };
map.on('idle', () => {
  if (window.__bench && window.__bench.idleAt === null && map.isSourceLoaded('plots')) window.__bench.idleAt = performance.now();
});
const linked = new URLSearchParams(location.search).get('feature');
if (linked) {
  // The plain page's link to one plot: once the source is loaded, find it, show its id and fit to it.
  const show = () => {
    if (!map.isSourceLoaded('plots')) return;
    const pieces = map.querySourceFeatures('plots', { filter: ['==', ['get', 'id'], linked] });
    if (pieces.length === 0) return;
    map.off('sourcedata', show);
    const bounds = new maplibregl.LngLatBounds();
    for (const piece of pieces) for (const ring of piece.geometry.coordinates) for (const p of ring) bounds.extend(p);
    map.fitBounds(bounds, { padding: 80, duration: 0, maxZoom: 17 });
    document.querySelector('.feature-id').textContent = linked;
  };
  map.on('sourcedata', show);
}
map.on('click', (event) => {
  const feature = map.queryRenderedFeatures(event.point, { layers: ['plots-fill'] })[0];
  document.querySelector('.feature-id').textContent = feature ? String(feature.properties.id) : '(nothing)';
});
`;
}

const PLAIN_HTML = `<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><title>plain MapLibre</title>
<link rel="stylesheet" href="/maplibre-gl.css">
<style>html,body{margin:0;height:100%}#map{position:absolute;inset:0}#map[style]{inset:auto}
aside{position:absolute;top:8px;left:8px;background:#fff;padding:4px 8px;font:14px sans-serif}</style>
</head><body><div id="map"></div><aside class="inspector"><span class="feature-id"></span></aside>
<script>const r = new URLSearchParams(location.search).get('rect');
if (r) { const [l, t, w, h] = r.split(',').map(Number); Object.assign(document.getElementById('map').style, { left: l + 'px', top: t + 'px', width: w + 'px', height: h + 'px' }); }</script>
<script type="module" src="/plain.js"></script></body></html>`;

interface StaticFile {
  type: string;
  raw: Buffer;
  gzip: Buffer;
}

function startPlainServer(files: Map<string, StaticFile>): Promise<Server> {
  const server = createServer((request, response) => {
    const file = files.get((request.url ?? '/').split('?')[0] ?? '/');
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    const gzip = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
    response.writeHead(200, {
      'content-type': file.type,
      'cache-control': 'no-cache',
      vary: 'accept-encoding',
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
    });
    response.end(gzip ? file.gzip : file.raw);
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => done(server));
  });
}

function plainFiles(
  plotsText: string,
  bounds: [[number, number], [number, number]],
): Map<string, StaticFile> {
  const files = new Map<string, StaticFile>();
  const add = (path: string, type: string, raw: Buffer) =>
    files.set(path, { type, raw, gzip: gzipSync(raw) });
  const dist = resolve('node_modules/maplibre-gl/dist');
  add('/', 'text/html; charset=utf-8', Buffer.from(PLAIN_HTML));
  add('/plain.js', 'text/javascript', Buffer.from(plainPageScript(bounds)));
  add('/maplibre-gl.mjs', 'text/javascript', readFileSync(join(dist, 'maplibre-gl.mjs')));
  add('/maplibre-gl-worker.mjs', 'text/javascript', readFileSync(join(dist, 'maplibre-gl-worker.mjs')));
  add('/maplibre-gl.css', 'text/css', readFileSync(join(dist, 'maplibre-gl.css')));
  add('/plots.geojson', 'application/geo+json', Buffer.from(plotsText));
  add('/empty.geojson', 'application/geo+json', Buffer.from('{"type":"FeatureCollection","features":[]}'));
  return files;
}

// ---- the app's server ----------------------------------------------------------------------------

interface AppServer {
  base: string;
  child: ChildProcess;
}

async function startAppServer(
  dataDir: string,
  distDir: string,
  env: Record<string, string>,
): Promise<AppServer> {
  // geojson mode: no ATLAS_TILE_THRESHOLD at all (the server's default), whatever this shell has.
  const serverEnv: NodeJS.ProcessEnv = { ...process.env, BENCH_DATA_DIR: dataDir, BENCH_DIST_DIR: distDir };
  delete serverEnv.ATLAS_TILE_THRESHOLD;
  Object.assign(serverEnv, env);
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/support/browser-server.ts'], {
    env: serverEnv,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const port = await within(
    'the app server to start',
    120_000,
    new Promise<number>((done, fail) => {
      child.once('exit', (code) => fail(new Error(`the app server exited with ${code}`)));
      lines.on('line', (line) => {
        try {
          const parsed = JSON.parse(line) as { port?: number };
          if (parsed.port) done(parsed.port);
        } catch {
          // another line
        }
      });
    }),
  ).catch((error) => {
    child.kill('SIGKILL');
    throw error;
  });
  return { base: `http://127.0.0.1:${port}/`, child };
}

async function stopAppServer(server: AppServer): Promise<void> {
  const { child } = server;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

// ---- in the page ---------------------------------------------------------------------------------

interface PagePerf {
  idleAt: number | null;
  stopAt: number;
  longtasks: { start: number; duration: number }[];
  maxGap: number;
  gapAt: number;
  frames: number;
}

interface MapLike {
  on(event: string, listener: () => void): void;
  off(event: string, listener: () => void): void;
  getLayer(id: string): unknown;
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
  loaded(): boolean;
  areTilesLoaded(): boolean;
  isMoving(): boolean;
  project(lngLat: [number, number]): { x: number; y: number };
  jumpTo(options: { center: [number, number] | { lng: number; lat: number }; zoom: number }): void;
  getCanvas(): HTMLCanvasElement;
  getSource(id: string): { setData(data: unknown): void } | undefined;
  triggerRepaint(): void;
  queryRenderedFeatures(
    geometry?: unknown,
    options?: { layers: string[] },
  ): { properties: Record<string, unknown> }[];
}

interface BenchWindow {
  __bench: PagePerf;
  __benchMap: () => MapLike;
  __plain?: { map: MapLike };
  __benchWait?: Promise<unknown>;
  __benchData?: FeatureCollection;
  __landAtlas?: { map: MapLike | null; store: { getState(): { loading: boolean } } };
}

/** Installed before any script of every page: long tasks, frame gaps, and (for the app) the idle moment. */
function initScript(): void {
  const w = window as unknown as BenchWindow;
  const perf: PagePerf = {
    idleAt: null,
    stopAt: Number.POSITIVE_INFINITY,
    longtasks: [],
    maxGap: 0,
    gapAt: 0,
    frames: 0,
  };
  w.__bench = perf;
  // The map of the page (the app's through its test hook, the plain page's own), for the steps below.
  w.__benchMap = () => {
    const map = w.__landAtlas?.map ?? w.__plain?.map;
    if (!map) throw new Error('no map in the page');
    return map;
  };
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries())
        perf.longtasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long task timing
  }
  let last = performance.now();
  const frame = () => {
    const now = performance.now();
    if (now - last > perf.maxGap) {
      perf.maxGap = now - last;
      perf.gapAt = now;
    }
    last = now;
    perf.frames++;
    if (perf.idleAt === null) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  // The app: once its test hook has the map, the first 'idle' with the plots layer in and nothing loading.
  const poll = setInterval(() => {
    const hook = w.__landAtlas;
    const map = hook?.map;
    if (!hook || !map) return;
    clearInterval(poll);
    const check = () => {
      if (perf.idleAt !== null) return;
      if (hook.store.getState().loading || !map.getLayer('plots-fill')) return;
      if (!map.loaded() || !map.areTilesLoaded() || map.isMoving()) return;
      perf.idleAt = performance.now();
      map.off('idle', check);
    };
    map.on('idle', check);
    check();
  }, 20);
  addEventListener('load', () => {
    if (w.__plain) clearInterval(poll);
  });
}

// ---- one target in one browser -------------------------------------------------------------------

interface Target {
  label: string;
  url: string;
  app: boolean;
  /** The plain page with no plots: the floor of any MapLibre page here (no click, no edit to measure). */
  empty?: boolean;
}

interface PlotTarget {
  id: string;
  /** Its outer ring, [lon, lat]. */
  ring: [number, number][];
  centre: [number, number];
  status: string;
}

type Figure = number | string;
type Row = Record<string, Figure>;

/**
 * Bytes received per request (response headers and body as received, i.e. compressed when it was), with
 * the URL and the time it finished; the page's requests and its dedicated workers' (MapLibre's fetches).
 */
function recordNetwork(page: Page) {
  const finished: { url: string; bytes: number; at: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on('requestfinished', (request) => {
    const at = Date.now();
    pending.push(
      request
        .sizes()
        .then((sizes) => {
          finished.push({
            url: request.url(),
            bytes: sizes.responseHeadersSize + sizes.responseBodySize,
            at,
          });
        })
        .catch(() => {}),
    );
  });
  return { finished, settled: () => Promise.all(pending) };
}

async function measureTarget(target: Target, plot: PlotTarget, timeout: number): Promise<Row> {
  const row: Row = { target: target.label, load: loadavg()[0] ?? Number.NaN };
  const fail = (name: string, error: unknown) => {
    row[name] = `failed: ${reason(error)}`;
    console.log(`  ${target.label}: ${name} failed: ${reason(error)}`);
  };
  const browser = await launchChromium();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1, locale: 'zh-CN' });
    if (target.app) {
      const login = await context.request.post(`${target.url}api/login`, { data: USER });
      if (login.status() !== 200) throw new Error(`login answered ${login.status()}`);
    }
    // tsx (esbuild, keepNames) wraps named functions in __name(); the page has no such helper.
    await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
    await context.addInitScript(initScript);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const cdp = await context.newCDPSession(page);
    const network = recordNetwork(page);
    await cdp.send('Performance.enable');

    // 1. Page → idle at the county view.
    const started = Date.now();
    try {
      await page.goto(target.url, { waitUntil: 'commit', timeout });
      await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.idleAt !== null, null, {
        timeout,
        polling: 100,
      });
    } catch (error) {
      fail('idle', error);
      if (errors.length) console.log(`  ${target.label}: page errors: ${errors.slice(0, 3).join(' | ')}`);
      return row;
    }
    const idleWall = Date.now();
    const perf = await page.evaluate(() => {
      const p = (window as unknown as BenchWindow).__bench;
      const idle = p.idleAt as number;
      p.stopAt = idle;
      const tasks = p.longtasks.filter((task) => task.start <= idle);
      let drawn = 0;
      try {
        // Polygons and, where the app draws tiny parcels as dots (tiled layers), the dots.
        const map = (window as unknown as BenchWindow).__benchMap();
        const layers = ['plots-fill', 'plots-dots'].filter((id) => map.getLayer(id));
        drawn = map.queryRenderedFeatures(undefined, { layers }).length;
      } catch {
        drawn = -1;
      }
      return {
        idle,
        longest: Math.max(0, ...tasks.map((task) => task.duration)),
        blocking: tasks.reduce((sum, task) => sum + Math.max(0, task.duration - 50), 0),
        maxGap: p.maxGap,
        drawn,
        rect: (() => {
          const box = (window as unknown as BenchWindow).__benchMap().getCanvas().getBoundingClientRect();
          return [box.left, box.top, box.width, box.height].map(Math.round).join(',');
        })(),
      };
    });
    row.idleMs = perf.idle;
    row.mapRect = perf.rect;
    row.longTaskMs = perf.longest;
    row.blockingMs = perf.blocking;
    row.frameGapMs = perf.maxGap;
    row.drawn = perf.drawn;

    // 2. Memory at idle.
    try {
      const memory = chromiumMemory();
      row.pss = memory.pss;
      row.rss = memory.rss;
      row.gpuPss = memory.gpuPss;
      row.rendererPss = memory.rendererPss;
      const metrics = (await cdp.send('Performance.getMetrics')).metrics;
      row.jsHeap = metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN;
    } catch (error) {
      fail('memory', error);
    }

    // 3. Bytes up to idle (a finished request reported within the round trip after idle counts).
    await network.settled();
    const upToIdle = network.finished.filter((entry) => entry.at <= idleWall + 50 && entry.at >= started);
    const isData = (url: string) => url.includes('/api/') || url.endsWith('/plots.geojson');
    row.dataBytes = upToIdle
      .filter((entry) => isData(entry.url))
      .reduce((sum, entry) => sum + entry.bytes, 0);
    row.staticBytes = upToIdle
      .filter((entry) => !isData(entry.url))
      .reduce((sum, entry) => sum + entry.bytes, 0);
    row.requests = upToIdle.length;

    if (target.empty) return row;
    // 4. A click at the plot → the inspector names it, at zoom 13.9 over the plot, or closer until it
    // spans 40 px (at the county view a plot is about one pixel from 20 000 plots on, too small to aim at).
    try {
      const at = await overPlot(page, plot, timeout);
      const shown = await clickToInspector(page, { x: at.pageX, y: at.pageY }, timeout);
      row.inspectorMs = shown.ms;
      row.inspected = shown.id === plot.id ? 'that plot' : `another: ${shown.id}`;
    } catch (error) {
      fail('inspector', error);
    }
    // 5. One edit → repainted, at zoom 13.9 over the plot.
    try {
      row.editMs = await measureEdit(page, target, plot, timeout);
    } catch (error) {
      fail('edit', error);
    }
    // 6. A link to the plot → its inspector shown, in a new page of the same browser.
    try {
      row.linkMs = await measureLink(context, target, plot, timeout);
    } catch (error) {
      fail('link', error);
    }
    if (errors.length) console.log(`  ${target.label}: page errors: ${errors.slice(0, 3).join(' | ')}`);
    return row;
  } finally {
    await browser.close().catch(() => {});
  }
}

/**
 * A link to one plot (the app's `?feature=plots/<id>`; the plain page's `?feature=<id>`, which finds it in
 * its loaded source) opened in a new page → the inspector names it: from navigation start to that moment.
 */
async function measureLink(
  context: BrowserContext,
  target: Target,
  plot: PlotTarget,
  timeout: number,
): Promise<number> {
  const page = await context.newPage();
  try {
    const url = new URL(target.url);
    url.searchParams.set('feature', target.app ? `plots/${plot.id}` : plot.id);
    await page.goto(url.toString(), { waitUntil: 'commit', timeout });
    const shown = await page.waitForFunction(
      (id) =>
        document.querySelector('aside.inspector .feature-id')?.textContent?.trim() === id
          ? performance.now()
          : null,
      plot.id,
      { timeout, polling: 'raf' },
    );
    return (await shown.jsonValue()) as number;
  } finally {
    await page.close();
  }
}

/** A click at `point` → the inspector names a feature: the time from the click event to the next frame. */
async function clickToInspector(page: Page, point: { x: number; y: number }, timeout: number) {
  await page.evaluate(() => {
    const w = window as unknown as BenchWindow;
    const stale = document.querySelector('aside.inspector .feature-id')?.textContent?.trim() ?? '';
    w.__benchWait = new Promise((done) => {
      let clickedAt: number | null = null;
      document.addEventListener('click', (event) => (clickedAt = event.timeStamp), {
        capture: true,
        once: true,
      });
      const check = () => {
        const text = document.querySelector('aside.inspector .feature-id')?.textContent?.trim();
        if (clickedAt === null || !text || text === stale) return;
        observer.disconnect();
        const from = clickedAt;
        requestAnimationFrame(() => done({ ms: performance.now() - from, id: text }));
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    });
  });
  await page.mouse.click(point.x, point.y);
  return (await within(
    'the inspector',
    timeout,
    page.evaluate(() => (window as unknown as BenchWindow).__benchWait),
  )) as { ms: number; id: string };
}

/** Moves to the plot at EDIT_ZOOM (or closer, for a small plot) and waits for idle; its position in the page. */
async function overPlot(page: Page, plot: PlotTarget, timeout: number) {
  return within(
    'the map at the plot',
    timeout,
    page.evaluate(
      ({ centre, zoom, ring, span }) =>
        new Promise<{ x: number; y: number; pageX: number; pageY: number }>((done) => {
          const map = (window as unknown as BenchWindow).__benchMap();
          // Zoom in beyond `zoom` until the plot spans `span` px, so that its fill shows inside the
          // selection's outline (from 100 000 plots on a plot is a few pixels at zoom 13.9).
          map.jumpTo({ center: centre, zoom });
          const xs = ring.map((point) => map.project(point).x);
          const across = Math.max(1, Math.max(...xs) - Math.min(...xs));
          if (across < span) zoom = Math.min(18, zoom + Math.log2(span / across));
          const settled = () => {
            const at = map.project(centre);
            const box = map.getCanvas().getBoundingClientRect();
            done({ x: at.x, y: at.y, pageX: box.left + at.x, pageY: box.top + at.y });
          };
          map.jumpTo({ center: centre, zoom });
          const wait = () => {
            if (map.loaded() && map.areTilesLoaded() && !map.isMoving()) settled();
            else
              map.on('idle', function once() {
                map.off('idle', once);
                settled();
              });
          };
          requestAnimationFrame(() => requestAnimationFrame(wait));
        }),
      { centre: plot.centre, zoom: EDIT_ZOOM, ring: plot.ring, span: 40 },
    ),
  );
}

/**
 * Installs a watcher of one pixel inside the plot: at the next frame, of the pixels inside its outline
 * on screen, the reddest (its fill, status 'identified'; not the selection's outline over a small plot)
 * becomes the probe and its colour the baseline; `__benchWait` then resolves with the time from
 * `__benchEditAt` (set by the caller) to the first frame where that pixel differs.
 */
async function watchPixel(page: Page, ring: [number, number][]) {
  return page.evaluate(
    (lonLats) =>
      new Promise<number[]>((ready) => {
        const w = window as unknown as BenchWindow & { __benchEditAt?: number };
        const map = w.__benchMap();
        const canvas = map.getCanvas();
        const gl = (canvas.getContext('webgl2') ??
          canvas.getContext('webgl')) as WebGLRenderingContext | null;
        if (!gl) throw new Error('no WebGL context to read back');
        const ratio = canvas.width / canvas.clientWidth;
        // The outline in canvas pixels (y down), its box, and the pixel centres inside it.
        const outline = lonLats.map((lonLat) => map.project(lonLat)).map((p) => [p.x * ratio, p.y * ratio]);
        const xs = outline.map((p) => p[0] as number);
        const ys = outline.map((p) => p[1] as number);
        const left = Math.max(0, Math.floor(Math.min(...xs)));
        const top = Math.max(0, Math.floor(Math.min(...ys)));
        const width = Math.min(canvas.width - left, Math.ceil(Math.max(...xs)) - left + 1);
        const height = Math.min(canvas.height - top, Math.ceil(Math.max(...ys)) - top + 1);
        const inside = (x: number, y: number) => {
          let within = false;
          for (let i = 0, j = outline.length - 1; i < outline.length; j = i++) {
            const [xi, yi] = outline[i] as number[];
            const [xj, yj] = outline[j] as number[];
            if (
              (yi as number) > y !== (yj as number) > y &&
              x <
                (((xj as number) - (xi as number)) * (y - (yi as number))) /
                  ((yj as number) - (yi as number)) +
                  (xi as number)
            )
              within = !within;
          }
          return within;
        };
        const read = (x: number, y: number, w2 = 1, h2 = 1) => {
          const pixels = new Uint8Array(4 * w2 * h2);
          gl.readPixels(x, canvas.height - y - h2, w2, h2, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
          return pixels;
        };
        let probe: { x: number; y: number } | null = null;
        let baseline: number[] | null = null;
        const state = window as unknown as {
          __benchPixels?: { probe: unknown; baseline: number[] | null; last: number[] | null };
        };
        w.__benchEditAt = undefined;
        w.__benchWait = new Promise((done) => {
          const onRender = () => {
            if (!probe) {
              // Rows of readPixels run bottom-up: row r of the block is canvas row top + height - 1 - r.
              const block = read(left, top, width, height);
              let best = Number.NEGATIVE_INFINITY;
              for (let r = 0; r < height; r++) {
                for (let c = 0; c < width; c++) {
                  const x = left + c;
                  const y = top + height - 1 - r;
                  if (!inside(x + 0.5, y + 0.5)) continue;
                  const k = 4 * (r * width + c);
                  const red =
                    (block[k] as number) - ((block[k + 1] as number) + (block[k + 2] as number)) / 2;
                  if (red > best) {
                    best = red;
                    probe = { x, y };
                  }
                }
              }
              if (!probe)
                probe = { x: Math.round((left + width / 2) | 0), y: Math.round((top + height / 2) | 0) };
            }
            const pixel = [...read(probe.x, probe.y)];
            state.__benchPixels = { probe, baseline, last: pixel };
            if (!baseline) {
              baseline = pixel;
              ready(pixel);
              return;
            }
            const edited = w.__benchEditAt;
            if (edited === undefined) return;
            const change = pixel.reduce((sum, value, i) => sum + Math.abs(value - (baseline?.[i] ?? 0)), 0);
            if (change < 40) return;
            map.off('render', onRender);
            done({ ms: performance.now() - edited, pixel, baseline });
          };
          map.on('render', onRender);
          map.triggerRepaint();
        });
      }),
    ring,
  );
}

async function measureEdit(page: Page, target: Target, plot: PlotTarget, timeout: number): Promise<number> {
  const next = plot.status === 'completed' ? 'rectifying' : 'completed';
  const at = await overPlot(page, plot, timeout);
  if (target.app) {
    // The plot selected (by the click above, else now), 编辑属性, the status; the edit starts with 保存属性.
    const inspector = page.locator('aside.inspector');
    if (
      (await inspector
        .locator('.feature-id')
        .textContent({ timeout: 1000 })
        .catch(() => null)) !== plot.id
    )
      await page.mouse.click(at.pageX, at.pageY);
    await inspector.locator('.feature-id', { hasText: plot.id }).waitFor({ state: 'visible', timeout });
    await inspector.getByRole('button', { name: '编辑属性' }).click({ timeout });
    const form = page.getByRole('dialog', { name: `编辑属性：${plot.id}` });
    await form.getByRole('radio', { name: STATUS_ZH[next] as string }).check({ timeout });
    const save = form.getByRole('button', { name: '保存属性' });
    await save.waitFor({ state: 'visible', timeout });
    await within('a frame before the edit', timeout, watchPixel(page, plot.ring));
    await page.evaluate(() => {
      document.addEventListener(
        'click',
        (event) => {
          (window as unknown as { __benchEditAt?: number }).__benchEditAt = event.timeStamp;
        },
        { capture: true, once: true },
      );
    });
    await save.click({ timeout });
  } else {
    // The plain page keeps the collection (fetched and parsed before the clock starts) and sets it whole.
    await page.evaluate(async () => {
      const w = window as unknown as BenchWindow;
      w.__benchData = (await (await fetch('/plots.geojson')).json()) as FeatureCollection;
    });
    await within('a frame before the edit', timeout, watchPixel(page, plot.ring));
    await page.evaluate(
      ({ id, status }) => {
        const w = window as unknown as BenchWindow & { __benchEditAt?: number };
        const data = w.__benchData as FeatureCollection;
        w.__benchEditAt = performance.now();
        const features = data.features.map((feature) =>
          feature.properties?.id === id
            ? { ...feature, properties: { ...feature.properties, status } }
            : feature,
        );
        (window as unknown as BenchWindow)
          .__benchMap()
          .getSource('plots')
          ?.setData({ type: 'FeatureCollection', features });
      },
      { id: plot.id, status: next },
    );
  }
  try {
    const result = (await within(
      'the repaint after the edit',
      timeout,
      page.evaluate(() => (window as unknown as BenchWindow).__benchWait),
    )) as { ms: number };
    return result.ms;
  } catch (error) {
    // What the page shows: the pixel before and now, the plot in the app's store, an open form's text.
    const seen = await page
      .evaluate((id) => {
        const w = window as unknown as {
          __benchPixels?: unknown;
          __landAtlas?: {
            store: { getState(): { layers: { plots?: { byId: Map<string, { properties: unknown }> } } } };
          };
        };
        return JSON.stringify({
          pixels: w.__benchPixels,
          stored: w.__landAtlas?.store.getState().layers.plots?.byId.get(id)?.properties,
          dialog: document.querySelector('[role=dialog]')?.textContent?.slice(-200),
        });
      }, plot.id)
      .catch(() => 'nothing (the page did not answer)');
    throw new Error(`${reason(error)}; the page: ${seen}`);
  }
}

// ---- one size ------------------------------------------------------------------------------------

/** The `count` plots with status 'identified' nearest the county's centre (not pushed into a neighbour). */
function plotTargets(
  plots: FeatureCollection<Polygon>,
  shifted: Set<string>,
  centre: [number, number],
  count: number,
): PlotTarget[] {
  const candidates: (PlotTarget & { distance: number })[] = [];
  for (const feature of plots.features as Feature<Polygon>[]) {
    const id = String(feature.properties?.id);
    if (feature.properties?.status !== 'identified' || shifted.has(id)) continue;
    const ring = (feature.geometry.coordinates[0] ?? []).slice(0, -1);
    const lon = ring.reduce((sum, point) => sum + (point[0] ?? 0), 0) / ring.length;
    const lat = ring.reduce((sum, point) => sum + (point[1] ?? 0), 0) / ring.length;
    const distance = (lon - centre[0]) ** 2 + (lat - centre[1]) ** 2;
    candidates.push({
      id,
      ring: ring as [number, number][],
      centre: [lon, lat],
      status: 'identified',
      distance,
    });
  }
  candidates.sort((a, b) => a.distance - b.distance);
  return candidates.slice(0, count).map(({ distance: _, ...target }) => target);
}

async function runSize(plotCount: number, distDir: string): Promise<Row[]> {
  console.log(`\n--- ${plotCount} plots ---`);
  const generated = generate({ plots: plotCount, zones: 0, seed: '1' });
  const plots = JSON.parse(generated.plotsText) as FeatureCollection<Polygon>;
  const bounds = boundaryBounds();
  const centre: [number, number] = [(bounds[0][0] + bounds[1][0]) / 2, (bounds[0][1] + bounds[1][1]) / 2];
  // One plot per visit (an edited plot is not edited again): the plain page, then two per app mode.
  const targets = plotTargets(plots, new Set(generated.shifted), centre, 1 + 2 * modes.length);
  const timeout = stepTimeout;
  const rows: Row[] = [];
  const root = mkdtempSync(join(tmpdir(), 'atlas-browser-bench-'));
  let plain: Server | null = null;
  try {
    // The data directory: the generated plots, the sample's other layers, an admin.
    const dataDir = join(root, 'data');
    const seeding = performance.now();
    const store = SqliteStore.open(dataDir);
    try {
      const imported = await store.importLayer('plots', featureContents(plots.features), 'seed', 'bench');
      if (!imported.ok) throw new Error('the generated plots were not imported');
      await seedLayers(store, resolve('geodata'));
      await store.createUser(USER.username, 'admin', await hashPassword(USER.password), 'bench');
    } finally {
      await store.close();
    }
    console.log(
      `seeded ${plotCount} plots in ${fmtMs(performance.now() - seeding)}; ${fmtMb(generated.plotsText.length)} of GeoJSON`,
    );

    plain = await startPlainServer(plainFiles(generated.plotsText, bounds));
    const plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}/`;
    // The app's modes first; then the plain page with its map where the app had its map (same size, so
    // the same county view at the same zoom), or the whole window if no app run got that far.
    const runs: {
      target: Target;
      plot: PlotTarget;
      firstPlot?: PlotTarget;
      env: Record<string, string> | null;
    }[] = [
      ...modes.map((mode, i) => ({
        target: { label: `app/${mode}`, url: '', app: true },
        plot: targets[1 + 2 * i] as PlotTarget,
        firstPlot: targets[2 + 2 * i] as PlotTarget,
        env: MODE_ENV[mode] ?? {},
      })),
      { target: { label: 'plain', url: plainUrl, app: false }, plot: targets[0] as PlotTarget, env: null },
      {
        target: { label: 'plain, no plots', url: `${plainUrl}?empty`, app: false, empty: true },
        plot: targets[0] as PlotTarget,
        env: null,
      },
    ];
    let mapRect: string | null = null;
    for (const run of runs) {
      let server: AppServer | null = null;
      try {
        if (run.env) {
          server = await startAppServer(dataDir, distDir, run.env);
          run.target.url = server.base;
        } else if (mapRect)
          run.target.url = `${run.target.url}${run.target.empty ? '&' : '?'}rect=${mapRect}`;
        if (server && warm) {
          // A server runs for days: its tile index and caches are built by the first viewer after a
          // start. That first visit is reported on its own row; the measured one comes after it.
          const first = await measureTarget(
            { ...run.target, label: `${run.target.label} (first after start)` },
            run.firstPlot ?? run.plot,
            timeout,
          );
          first.plots = plotCount;
          rows.push(first);
          printRow(first);
        }
        const row = await measureTarget(run.target, run.plot, timeout);
        row.plots = plotCount;
        if (typeof row.mapRect === 'string') mapRect ??= row.mapRect;
        rows.push(row);
        printRow(row);
      } catch (error) {
        console.log(`  ${run.target.label}: failed: ${reason(error)}`);
        rows.push({ plots: plotCount, target: run.target.label, idleMs: `failed: ${reason(error)}` });
      } finally {
        if (server) await stopAppServer(server);
      }
    }
  } finally {
    await new Promise<void>((done) => (plain ? plain.close(() => done()) : done()));
    rmSync(root, { recursive: true, force: true });
  }
  return rows;
}

// ---- output --------------------------------------------------------------------------------------

const num = (value: Figure | undefined): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;
const show = (value: Figure | undefined, as: (n: number) => string) => {
  const n = num(value);
  return n === null ? (typeof value === 'string' ? value : '—') : as(n);
};

function printRow(row: Row): void {
  console.log(
    `  ${row.target}: idle ${show(row.idleMs, fmtMs)}; longest long task ${show(row.longTaskMs, fmtMs)} (blocking ${show(row.blockingMs, fmtMs)}), longest frame gap ${show(row.frameGapMs, fmtMs)}; ` +
      `${show(row.drawn, String)} plot pieces drawn; memory PSS ${show(row.pss, fmtMb)} (GPU ${show(row.gpuPss, fmtMb)}, renderer ${show(row.rendererPss, fmtMb)}), RSS ${show(row.rss, fmtMb)}, JS heap ${show(row.jsHeap, fmtMb)}; ` +
      `bytes: data ${show(row.dataBytes, fmtMb)}, static ${show(row.staticBytes, fmtMb)} (${show(row.requests, String)} requests); ` +
      `click → inspector ${show(row.inspectorMs, fmtMs)} (${row.inspected ?? '—'}); edit → repainted ${show(row.editMs, fmtMs)}; link → inspector ${show(row.linkMs, fmtMs)}; load average at start ${show(row.load, (n) => n.toFixed(1))}`,
  );
}

function printTable(rows: Row[]): void {
  const columns: [string, string, (n: number) => string][] = [
    ['page → idle', 'idleMs', fmtMs],
    ['longest long task', 'longTaskMs', fmtMs],
    ['longest frame gap', 'frameGapMs', fmtMs],
    ['memory (PSS, Chromium)', 'pss', fmtMb],
    ['JS heap (main)', 'jsHeap', fmtMb],
    ['bytes: data', 'dataBytes', fmtMb],
    ['bytes: static', 'staticBytes', fmtMb],
    ['click → inspector', 'inspectorMs', fmtMs],
    ['edit → repainted', 'editMs', fmtMs],
    ['link → inspector', 'linkMs', fmtMs],
  ];
  console.log(`\n| plots | target | ${columns.map(([title]) => title).join(' | ')} |`);
  console.log(`| --- | --- | ${columns.map(() => '---').join(' | ')} |`);
  const order = (row: Row) => Number(row.plots) * 10 + (row.target === 'plain' ? 0 : 1);
  for (const row of [...rows].sort((a, b) => order(a) - order(b))) {
    const plain = rows.find((other) => other.plots === row.plots && other.target === 'plain');
    const cells = columns.map(([, key, as]) => show(row[key], as));
    console.log(`| ${row.plots} | ${row.target} | ${cells.join(' | ')} |`);
    if (row.target !== 'plain' && plain) {
      const ratios = columns.map(([, key]) => {
        const a = num(row[key]);
        const b = num(plain[key]);
        return a !== null && b !== null && b > 0 ? `${(a / b).toFixed(2)}×` : '—';
      });
      console.log(`| ${row.plots} | ${row.target} ÷ plain | ${ratios.join(' | ')} |`);
    }
  }
}

// ---- main ----------------------------------------------------------------------------------------

console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
console.log(
  `sizes ${sizes.join(', ')}; app modes ${modes.join(', ')}${modes.includes('tiles') ? ` (ATLAS_TILE_THRESHOLD=${tileThreshold})` : ''}; step timeout ${fmtMs(stepTimeout)}`,
);
const buildRoot = option('dist') ? null : mkdtempSync(join(tmpdir(), 'atlas-browser-build-'));
try {
  let distDir = option('dist') ? resolve(option('dist') as string) : join(buildRoot as string, 'dist');
  if (buildRoot) {
    buildTestApp(distDir);
  }
  distDir = resolve(distDir);
  if (!existsSync(join(distDir, 'index.html'))) throw new Error(`${distDir}/index.html is missing`);
  const rows: Row[] = [];
  for (const size of sizes) {
    try {
      rows.push(...(await runSize(size, distDir)));
    } catch (error) {
      console.log(`${size} plots: failed: ${reason(error)}`);
      process.exitCode = 1;
    }
  }
  printTable(rows);
} finally {
  if (buildRoot) rmSync(buildRoot, { recursive: true, force: true });
}
