#!/usr/bin/env node
// Runs the `atlas` command line (src/cli/atlas.ts) from a bundle that esbuild compiles on the first run
// and again whenever a source file changes. A bundle starts and runs markedly faster than loading each
// TypeScript module through tsx (measured with `npm run bench`), which matters for county-sized files.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(root, 'node_modules', '.cache', 'land-atlas-cli');

/** The newest modification time and the count of the sources the CLI may load. */
function fingerprint() {
  let newest = 0;
  let count = 0;
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(ts|tsx|json)$/.test(entry.name)) {
        newest = Math.max(newest, statSync(path).mtimeMs);
        count++;
      }
    }
  };
  for (const dir of ['src/cli', 'src/geo', 'src/domain', 'src/server']) visit(join(root, dir));
  return `${Math.round(newest)}-${count}`;
}

async function bundle(outDir) {
  const { build } = await import('esbuild');
  const staging = `${outDir}.${process.pid}.tmp`;
  await build({
    entryPoints: [join(root, 'src/cli/atlas.ts')],
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  try {
    renameSync(staging, outDir);
  } catch {
    // Another run built the same sources at the same moment: use its bundle.
    rmSync(staging, { recursive: true, force: true });
  }
}

const outDir = join(cacheDir, fingerprint());
try {
  statSync(join(outDir, 'atlas.js'));
} catch {
  mkdirSync(cacheDir, { recursive: true });
  // Bundles of older sources go, once no run can still be loading their chunks.
  for (const old of readdirSync(cacheDir)) {
    const path = join(cacheDir, old);
    if (Date.now() - statSync(path).mtimeMs > 10 * 60_000) rmSync(path, { recursive: true, force: true });
  }
  await bundle(outDir);
}
await import(pathToFileURL(join(outDir, 'atlas.js')).href);
