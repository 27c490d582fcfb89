// What a viewer's browser downloads before any click, measured on a real production build (`vite build`
// into a temporary folder) in the bytes the server sends: the .gz the build writes beside each file.
//
// - The first load: index.html's script and its modulepreload links, with every chunk they import
//   statically: at most 350 KB gzip (issue 10).
// - Before any click: the first load and the map (map-view and MapLibre, which the app fetches at start,
//   in parallel with the session check and the layers). MapLibre alone is ~290 KB gzip, so this total
//   cannot come under 350 KB; it is held to its own budget so that nothing else creeps into it.
// - Loaded when first used, never before a click: the drawing tools (terra-draw), the zone panel, the
//   analysis panel, the inspections' forms and the setup screen.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');
const KB = 1000;
const FIRST_LOAD_BUDGET = 350 * KB;
const BEFORE_CLICK_BUDGET = 490 * KB;
/** Chunks named after the modules loaded on first use (Vite names a chunk after its entry module). */
const ON_FIRST_USE = [
  'zone-draw-control',
  'zone-panel',
  'analysis-panel',
  'plot-records',
  'setup-screen',
  'table-panel',
];
/** A message only terra-draw's own code holds. */
const TERRA_DRAW_MARK = 'Terra Draw is not enabled';

let outDir = '';
let assets = '';

const chunkName = (file: string) => file.replace(/-[\w-]{8}\.m?js$/, '');

/** The chunks a chunk imports statically (`import … from "./x.js"` or `import "./x.js"`, minified). */
function staticImports(file: string): string[] {
  const code = readFileSync(join(assets, file), 'utf8');
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([\w.-]+\.m?js)["']/g)].map((m) => m[1] as string);
}

function closure(files: string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...files];
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    queue.push(...staticImports(file));
  }
  return seen;
}

const gzipBytes = (files: Iterable<string>) =>
  [...files].reduce((sum, file) => sum + statSync(join(assets, `${file}.gz`)).size, 0);

function firstLoad(): Set<string> {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const linked = [
    ...html.matchAll(/<script[^>]*\bsrc="\/assets\/([^"]+)"/g),
    ...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/assets\/([^"]+)"/g),
  ].map((m) => m[1] as string);
  expect(linked.length).toBeGreaterThan(0);
  return closure(linked);
}

function beforeClick(): Set<string> {
  const map = readdirSync(assets).find((file) => /^map-view-.*\.js$/.test(file));
  expect(map, 'a map-view chunk').toBeDefined();
  return new Set([...firstLoad(), ...closure([map as string])]);
}

const report = (files: Set<string>) =>
  [...files]
    .map((file) => `${file} ${(statSync(join(assets, `${file}.gz`)).size / KB).toFixed(1)} KB`)
    .join(', ');

describe('the JavaScript a viewer loads', { timeout: 180_000 }, () => {
  beforeAll(async () => {
    outDir = mkdtempSync(join(tmpdir(), 'atlas-bundle-'));
    assets = join(outDir, 'assets');
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.NODE_ENV; // vitest sets "test"; a build from the shell has none
    await promisify(execFile)(
      process.execPath,
      [VITE, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
      { cwd: ROOT, env },
    );
  }, 180_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('the build writes a .br and a .gz beside every script, stylesheet and index.html, of the same bytes', () => {
    const texts = readdirSync(outDir, { recursive: true, encoding: 'utf8' }).filter((file) =>
      /\.(?:m?js|css|html)$/.test(file),
    );
    expect(texts.length).toBeGreaterThan(5);
    for (const file of texts) {
      const original = readFileSync(join(outDir, file));
      expect(existsSync(join(outDir, `${file}.br`)), file).toBe(true);
      expect(brotliDecompressSync(readFileSync(join(outDir, `${file}.br`))).equals(original), file).toBe(
        true,
      );
      expect(gunzipSync(readFileSync(join(outDir, `${file}.gz`))).equals(original), file).toBe(true);
    }
  });

  it(`the first load is at most ${FIRST_LOAD_BUDGET / KB} KB gzip`, () => {
    const files = firstLoad();
    expect(gzipBytes(files), report(files)).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
  });

  it(`before any click, the first load and the map are at most ${BEFORE_CLICK_BUDGET / KB} KB gzip`, () => {
    const files = beforeClick();
    expect([...files].some((file) => file.startsWith('maplibre-gl-'))).toBe(true);
    expect(gzipBytes(files), report(files)).toBeLessThanOrEqual(BEFORE_CLICK_BUDGET);
  });

  it('terra-draw and the panels, forms and screens used on demand are not loaded before a click', () => {
    const early = beforeClick();
    for (const file of early) {
      expect(readFileSync(join(assets, file), 'utf8').includes(TERRA_DRAW_MARK), file).toBe(false);
    }
    const earlyNames = [...early].map(chunkName);
    const all = readdirSync(assets).filter((file) => /\.m?js$/.test(file));
    for (const name of ON_FIRST_USE) {
      expect(all.map(chunkName), name).toContain(name);
      expect(earlyNames, name).not.toContain(name);
    }
    // …and terra-draw is in the drawing chunk, loaded when the zone tools are.
    const drawing = all.find((file) => chunkName(file) === 'zone-draw-control') as string;
    expect(readFileSync(join(assets, drawing), 'utf8')).toContain(TERRA_DRAW_MARK);
  });
});
