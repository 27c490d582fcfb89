// Benchmark of a whole-layer import (issue 10, item 5): generated plots (300 000 unless --plots N,
// about 190 MB) POSTed to /api/import/plots?mode=merge into an empty layer of the SQLite store, while
// /api/health is asked every 50 ms:
//   npx tsx bench/import.ts [--plots N] [--compare-plots N]
// The import streams the body to a file; a worker thread parses, validates and writes it with its own
// connection. Reported: the import's time, health p50/p95/max meanwhile, and the process's peak RSS.
// Beside it, at a size the old path accepted (--compare-plots, 90 000 ≈ 57 MB; it refused > 64 MB):
// the same import, and the old path in the same process — the text validated on the validation pool,
// then parsed, planned and written in one transaction on the request thread.
import { createReadStream, createWriteStream, readFileSync, rmSync, statSync } from 'node:fs';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { generateInto } from '../geodata/generate.ts';
import { buildServer } from '../src/server/app.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { featureContents } from '../src/server/seed.ts';
import { validateText } from '../src/server/validation-pool.ts';
import { tempRoot } from '../tests/server/helpers.ts';
import { argument, benchCookie, describe, ms } from './support/timing.ts';

const plotCount = argument('plots', 300_000);
const comparePlots = argument('compare-plots', 90_000);
const HEALTH_GOAL_MS = 200;
const POLL_MS = 50;
const root = tempRoot();

async function generateFile(plots: number): Promise<string> {
  const file = join(root, `plots-${plots}.geojson`);
  const out = createWriteStream(file);
  generateInto({ plots, zones: 0, seed: '1' }, { plots: (chunk) => out.write(chunk), zones: () => {} });
  await new Promise<void>((resolve, reject) =>
    out.end((error?: Error | null) => (error ? reject(error) : resolve())),
  );
  return file;
}

/** Runs `work` against a fresh server while /api/health is polled every 50 ms and RSS sampled. */
async function measure(
  name: string,
  work: (base: string, cookie: string, server: Awaited<ReturnType<typeof buildServer>>) => Promise<string>,
) {
  const dataDir = join(root, `data-${name.replace(/\W+/g, '-')}`);
  const server = await buildServer({ distDir: null, dataDir, geodataDir: null });
  try {
    await server.atlas.store.createUser('bench', 'admin', await hashPassword('bench password 1'), 'bench');
    await server.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    const cookie = await benchCookie(base);
    global.gc?.();
    let done = false;
    let peakRss = process.memoryUsage.rss();
    const health: number[] = [];
    const poll = (async () => {
      while (!done) {
        const started = performance.now();
        const response = await fetch(`${base}/api/health`);
        await response.text();
        const took = performance.now() - started;
        health.push(took);
        peakRss = Math.max(peakRss, process.memoryUsage.rss());
        if (took < POLL_MS) await new Promise((resolve) => setTimeout(resolve, POLL_MS - took));
      }
    })();
    const rssTimer = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage.rss());
    }, 20);
    const started = performance.now();
    let summary: string;
    try {
      summary = await work(base, cookie, server);
    } finally {
      done = true;
      clearInterval(rssTimer);
      await poll;
    }
    const took = performance.now() - started;
    const max = Math.max(...health);
    console.log(`${name}: ${summary}`);
    console.log(`  import ${ms(took)}; peak RSS ${(peakRss / 2 ** 20).toFixed(0)} MB`);
    console.log(
      `  /api/health every ${POLL_MS} ms meanwhile: ${describe(health)} — goal ≤ ${HEALTH_GOAL_MS} ms: ${max <= HEALTH_GOAL_MS ? 'met' : 'NOT met'}`,
    );
    return { took, max };
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The new path: the file streamed as the request body. */
const streamed = (file: string) => async (base: string, cookie: string) => {
  const bytes = statSync(file).size;
  const answer = await new Promise<{ status: number; text: string }>((resolve, reject) => {
    const post = request(`${base}/api/import/plots?mode=merge`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/geo+json', 'content-length': String(bytes) },
    });
    post.on('response', (response) => {
      let text = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        text += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
    });
    post.on('error', reject);
    createReadStream(file).pipe(post);
  });
  if (answer.status !== 200) throw new Error(`import: ${answer.status} ${answer.text.slice(0, 300)}`);
  const report = JSON.parse(answer.text) as { created: number };
  return `${report.created} plots created from ${(bytes / 2 ** 20).toFixed(0)} MB`;
};

/** The old path, in the server's process: text validated on the pool, parsed and written on this thread. */
const oldPath =
  (file: string) =>
  async (_base: string, _cookie: string, server: Awaited<ReturnType<typeof buildServer>>) => {
    const text = readFileSync(file, 'utf8');
    const report = await validateText(text, 'plots.geojson', 'plots');
    if (!report.ok) throw new Error('the generated file did not validate');
    const features = featureContents((report.value as FeatureCollection).features);
    const result = await server.atlas.store.importLayer('plots', features, 'merge', 'bench', 'refuse');
    if (!result.ok) throw new Error('the old path refused the import');
    return `${result.summary.created} plots created from ${(statSync(file).size / 2 ** 20).toFixed(0)} MB (old path)`;
  };

try {
  console.log(`generating ${comparePlots} and ${plotCount} plots…`);
  const small = await generateFile(comparePlots);
  const large = await generateFile(plotCount);
  const before = await measure(`old path, ${comparePlots} plots`, oldPath(small));
  const after = await measure(`streamed + worker, ${comparePlots} plots`, streamed(small));
  console.log(
    `  at ${comparePlots} plots: health max ${ms(before.max)} → ${ms(after.max)}; import ${ms(before.took)} → ${ms(after.took)}`,
  );
  await measure(`streamed + worker, ${plotCount} plots`, streamed(large));
} finally {
  rmSync(root, { recursive: true, force: true });
}
