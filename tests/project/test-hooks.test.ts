// The end-to-end tests' handles on `window` (src/app/shell/test-hook.ts) exist in the test build only: the
// production bundle (`vite build`, as `npm run build` and `npm start` make it) names none of them, the
// test build (`vite build --mode e2e`, `npm run build:test`) names every one.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const VITE = join(ROOT, 'node_modules/vite/bin/vite.js');

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
}

/** Every `window.__name` the app's source sets or reads. */
function hookNames(): string[] {
  const names = new Set<string>();
  for (const file of filesUnder(join(ROOT, 'src')).filter((f) => /\.tsx?$/.test(f))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\bwindow\.(__\w+)/g))
      names.add(match[1] as string);
  }
  return [...names].sort();
}

/** Builds the app into a temporary folder, as `npx vite build [args]` does, and returns its JS text. */
async function build(outDir: string, args: string[]): Promise<string> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NODE_ENV; // vitest sets "test"; a build from the shell has none
  await promisify(execFile)(
    process.execPath,
    [VITE, 'build', ...args, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
    { cwd: ROOT, env },
  );
  const scripts = filesUnder(outDir).filter((file) => /\.m?js$/.test(file));
  expect(scripts.length).toBeGreaterThan(0);
  return scripts.map((file) => readFileSync(file, 'utf8')).join('\n');
}

describe('test hooks only in test builds', { timeout: 180_000 }, () => {
  const temp = mkdtempSync(join(tmpdir(), 'atlas-hooks-'));
  const names = hookNames();
  let production = '';
  let testBuild = '';
  beforeAll(async () => {
    // One after the other: two builds at once only fight over a busy machine's cores.
    production = await build(join(temp, 'production'), []);
    testBuild = await build(join(temp, 'e2e'), ['--mode', 'e2e']);
  }, 180_000);
  afterAll(() => rmSync(temp, { recursive: true, force: true }));

  it('knows the hooks the end-to-end tests use', () => {
    expect(names).toEqual(expect.arrayContaining(['__landAtlas', '__landAtlasZones']));
  });

  it('the production bundle names no hook', () => {
    expect(production).toContain('maplibre'); // a real bundle
    expect(names.filter((name) => production.includes(name))).toEqual([]);
  });

  it('the test build sets every hook', () => {
    for (const name of names) expect(testBuild, name).toMatch(new RegExp(`\\.${name}\\s*=`));
  });
});
