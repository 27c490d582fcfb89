// Benchmark of the SQLite store's layer snapshot after one edit (issue 10, item 2), over generated plots
// (100 000 unless --plots N):
//   npx tsx bench/snapshot.ts [--plots N] [--edits N]
// The store keeps each feature's GeoJSON text and its own writes edit them, so the snapshot after an
// edit only joins the texts; the reference, in the same run, is the full rebuild every snapshot cost
// before (every row read and turned into text: a second store on the same file, whose cache each edit
// makes stale). Both snapshots are checked equal byte for byte. Then /api/health latency while edits
// and snapshots run back to back on the server's thread: with the new path, and with the full rebuild.
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { FeatureCollection, Polygon } from 'geojson';
import { generate } from '../geodata/generate.ts';
import { buildServer } from '../src/server/app.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { featureContents } from '../src/server/seed.ts';
import { SqliteStore } from '../src/server/store/sqlite.ts';
import type { Properties } from '../src/server/store/types.ts';
import { tempRoot } from '../tests/server/helpers.ts';
import { argument, benchCookie, describe, ms, percentile } from './support/timing.ts';

const plotCount = argument('plots', 100_000);
const edits = argument('edits', 20);
const HEALTH_GOAL_MS = 200;

console.log(`generating ${plotCount} plots…`);
const generated = generate({ plots: plotCount, zones: 0, seed: '1' });
const plots = JSON.parse(generated.plotsText) as FeatureCollection<Polygon>;
const ids = plots.features.map((feature) => String(feature.properties?.id));
const root = tempRoot();
const dataDir = join(root, 'data');
const server = await buildServer({ distDir: null, dataDir, geodataDir: null });
const reference = SqliteStore.open(dataDir);
try {
  const { store } = server.atlas;
  await store.importLayer('plots', featureContents(plots.features), 'seed', 'bench');
  let first = performance.now();
  const built = await store.layerSnapshot('plots');
  first = performance.now() - first;
  console.log(
    `first snapshot (every row): ${ms(first)}, ${(built.json.length / 1024 / 1024).toFixed(1)} MB of GeoJSON`,
  );

  let editCount = 0;
  const edit = async () => {
    const id = ids[(editCount++ * 7919) % ids.length] as string;
    const current = await store.getFeature('plots', id);
    if (!current) throw new Error(`no plot ${id}`);
    const result = await store.updateFeature(
      'plots',
      id,
      current.version,
      (feature) => ({
        properties: { ...feature.properties, notes: `edit ${editCount}` } as Properties,
        geometry: feature.geometry,
      }),
      'bench',
    );
    if (!result.ok) throw new Error(`the edit of ${id} failed: ${result.reason}`);
  };

  const incremental: number[] = [];
  const rebuild: number[] = [];
  // Each path in its own run of edits, so neither pays for the other's garbage.
  for (let i = 0; i < edits; i++) {
    await edit();
    const started = performance.now();
    // .json as the tiles read it (joined when read); the layer route streams the texts instead.
    (await store.layerSnapshot('plots')).json;
    incremental.push(performance.now() - started);
  }
  for (let i = 0; i < edits; i++) {
    await edit();
    const started = performance.now();
    const full = await reference.layerSnapshot('plots');
    full.json;
    rebuild.push(performance.now() - started);
    const snapshot = await store.layerSnapshot('plots');
    if (snapshot.json !== full.json || snapshot.revision !== full.revision)
      throw new Error('the snapshot after an edit differs from the full rebuild');
  }
  console.log(`snapshot after one edit, cached texts joined: ${describe(incremental)}`);
  console.log(`snapshot after one edit, full rebuild:        ${describe(rebuild)}`);
  console.log(
    `ratio (full rebuild / new path, medians): ${(percentile(rebuild, 0.5) / percentile(incremental, 0.5)).toFixed(1)}×; equal byte for byte in all ${edits}`,
  );

  await store.createUser('bench', 'admin', await hashPassword('bench password 1'), 'bench');
  await server.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const cookie = await benchCookie(base);
  const health = async () => {
    const started = performance.now();
    const response = await fetch(`${base}/api/health`);
    await response.text();
    return performance.now() - started;
  };
  /** Health answers while `rounds` edits, each followed by `snapshot`, run back to back. */
  const during = async (snapshot: () => Promise<unknown>) => {
    let done = false;
    const work = (async () => {
      for (let i = 0; i < edits; i++) {
        await edit();
        await snapshot();
      }
      done = true;
    })();
    const times: number[] = [];
    while (!done) times.push(await health());
    await work;
    return times;
  };
  const atRest: number[] = [];
  for (let i = 0; i < 100; i++) atRest.push(await health());
  const healthEdits = await during(async () => {});
  const healthNew = await during(async () => (await store.layerSnapshot('plots')).json);
  const healthStream = await during(async () => {
    const response = await fetch(`${base}/api/layers/plots`, {
      headers: { cookie, 'accept-encoding': 'gzip' },
    });
    if (response.status !== 200) throw new Error(`GET /api/layers/plots answered ${response.status}`);
    await response.arrayBuffer();
  });
  const healthOld = await during(async () => (await reference.layerSnapshot('plots')).json);
  console.log(`/api/health at rest:                               ${describe(atRest)}`);
  console.log(`/api/health during ${edits} edits alone:                     ${describe(healthEdits)}`);
  console.log(`/api/health during ${edits} edits + snapshots (new path):   ${describe(healthNew)}`);
  console.log(
    `/api/health during ${edits} edits + GET /api/layers/plots (gzip, streamed): ${describe(healthStream)}`,
  );
  console.log(`/api/health during ${edits} edits + full rebuilds (before): ${describe(healthOld)}`);
  const max = Math.max(...healthStream);
  console.log(
    `goal: every health answer within ${HEALTH_GOAL_MS} ms while the layer is edited and read: ${max <= HEALTH_GOAL_MS ? 'met' : 'NOT met'}`,
  );
} finally {
  await reference.close();
  await server.close();
  rmSync(root, { recursive: true, force: true });
}
