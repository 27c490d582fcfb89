// Benchmark of the server's responsiveness while it validates a large import: a plot whose outline is a
// comb of 40 000 vertices (every edge spanning the same x range, the worst case of a sweep), imported
// with mode=merge into the sample plots, while /api/health is asked again and again:
//   npx tsx bench/server-health.ts [--vertices N]
// Prints the health latency at rest and during the import (median, p99, max) and the import's time.
// Goal (issue 8): health answers within 200 ms meanwhile.
import { readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { buildServer } from '../src/server/app.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { tempRoot } from '../tests/server/helpers.ts';
import { combPolygon } from '../tests/server/security/data-support.ts';

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const vertices = argument('vertices', 40_000);
const GOAL_MS = 200;

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
};
const describe = (values: number[]) =>
  `median ${percentile(values, 0.5).toFixed(1)} ms, p99 ${percentile(values, 0.99).toFixed(1)} ms, max ${Math.max(...values).toFixed(1)} ms (${values.length} requests)`;

const root = tempRoot();
const server = await buildServer({ distDir: null, dataDir: join(root, 'data'), geodataDir: 'geodata' });
try {
  await server.atlas.store.createUser('bench', 'admin', await hashPassword('bench password 1'), 'bench');
  await server.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const login = await fetch(`${base}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'bench', password: 'bench password 1' }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';

  const health = async () => {
    const started = performance.now();
    const response = await fetch(`${base}/api/health`);
    await response.text();
    return performance.now() - started;
  };
  const atRest: number[] = [];
  for (let i = 0; i < 200; i++) atRest.push(await health());

  const plots = JSON.parse(readFileSync('geodata/plots.geojson', 'utf8')) as FeatureCollection;
  const first = plots.features[0];
  if (!first) throw new Error('geodata/plots.geojson has no plot');
  const body = JSON.stringify({
    type: 'FeatureCollection',
    features: [{ ...first, geometry: combPolygon(vertices) }],
  });
  let done = false;
  const started = performance.now();
  const imported = fetch(`${base}/api/import/plots?mode=merge`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/geo+json' },
    body,
  }).then(async (response) => {
    done = true;
    return { status: response.status, text: await response.text(), ms: performance.now() - started };
  });
  const during: number[] = [];
  while (!done) during.push(await health());
  const result = await imported;
  if (result.status !== 200)
    throw new Error(`the import answered ${result.status}: ${result.text.slice(0, 300)}`);

  console.log(`comb of ${vertices} vertices, import body ${(body.length / 1024).toFixed(0)} KB`);
  console.log(`import (upload, validation on a worker thread, commit): ${result.ms.toFixed(0)} ms`);
  console.log(`/api/health at rest:          ${describe(atRest)}`);
  console.log(`/api/health during the import: ${describe(during)}`);
  const max = Math.max(...during);
  console.log(`goal: every health answer within ${GOAL_MS} ms: ${max <= GOAL_MS ? 'met' : 'NOT met'}`);
  if (max > GOAL_MS) process.exitCode = 1;
} finally {
  await server.close();
  rmSync(root, { recursive: true, force: true });
}
