// Benchmark of the vector tiles (issue 10, items 1, 2 and 6) over generated plots (100 000 unless
// --plots N), in real servers over HTTP, on SQLite and — when PostgreSQL 15 + PostGIS are installed,
// as the tests find them — on a throwaway PostgreSQL cluster; each path beside the old one in the
// same run, on the same database:
//   npx tsx bench/tiles.ts [--plots N] [--tiles N] [--concurrency N] [--edits N]
// Paths: SQLite — the tile worker following edits feature by feature (new) against rebuilding its
// index from the whole snapshot after each edit (old); PostgreSQL — tiles cut by ST_AsMVT (new), the
// worker following edits (Store.layerChanges), and the worker rebuilding (old).
// Figures per path: the first tile (index built), edit → the first tile under the edited plot after
// it (median and worst of N edits), time per tile at z12–16 (distinct tiles, first asked: median,
// p95), tiles per second with N (20) viewers at a time (first asked, and asked again), and the bytes
// of the county view (every z10 tile over Heshan, gzipped).
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import pg from 'pg';
import { generate } from '../geodata/generate.ts';
import { buildServer } from '../src/server/app.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { featureContents } from '../src/server/seed.ts';
import { PostgresStore } from '../src/server/store/postgres.ts';
import { SqliteStore } from '../src/server/store/sqlite.ts';
import type { Properties, Store } from '../src/server/store/types.ts';
import type { TileOptions } from '../src/server/tiles/tile-service.ts';
import { tempRoot } from '../tests/server/helpers.ts';
import { postgresUnavailable, startCluster, stopCluster } from '../tests/server/support/postgres-cluster.ts';
import { argument, benchCookie, describe, ms, percentile } from './support/timing.ts';

const plotCount = argument('plots', 100_000);
const tilesPerZoom = argument('tiles', 100);
const concurrency = argument('concurrency', 20);
const edits = argument('edits', 5);

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const mercatorX = (lon: number) => (lon + 180) / 360;
function mercatorY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

console.log(`generating ${plotCount} plots…`);
const generated = generate({ plots: plotCount, zones: 0, seed: '1' });
const plots = JSON.parse(generated.plotsText) as FeatureCollection<Polygon>;

const tileUnder = (plot: Feature<Polygon>, z: number) => {
  const [lon, lat] = (plot.geometry.coordinates[0] ?? [])[0] as [number, number];
  return `/api/tiles/plots/${z}/${Math.floor(mercatorX(lon) * 2 ** z)}/${Math.floor(mercatorY(lat) * 2 ** z)}`;
};

/** Distinct tile URLs under seeded-random plots, per zoom (the same every run, and for every path). */
function tileSets(perZoom: number, taken: Set<string>, seed: number): string[] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const urls: string[] = [];
  for (let z = 12; z <= 16; z++) {
    let found = 0;
    for (let guard = 0; found < perZoom && guard < perZoom * 50; guard++) {
      const plot = plots.features[Math.floor(random() * plots.features.length)] as Feature<Polygon>;
      const url = tileUnder(plot, z);
      if (taken.has(url)) continue;
      taken.add(url);
      urls.push(url);
      found++;
    }
  }
  return urls;
}
const taken = new Set<string>();
const timedSet = tileSets(tilesPerZoom, taken, 12345);
const loadSet = tileSets(tilesPerZoom * 3, taken, 54321);

interface Figures {
  firstTile: number;
  editToTile: number[];
  perTile: number[];
  coldPerSecond: number;
  warmPerSecond: number;
  countyBytes: number;
}

/** One path's figures, from a server of its own over `store` (shared by the paths, never closed by them). */
async function measure(store: Store, options: TileOptions, dataDir: string): Promise<Figures> {
  const shared = Object.assign(Object.create(store) as Store, { close: async () => {} });
  const server = await buildServer({
    distDir: null,
    dataDir,
    geodataDir: null,
    store: shared,
    tiles: options,
  });
  try {
    await server.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    const headers = { cookie: await benchCookie(base), 'accept-encoding': 'gzip' };
    const timed = (path: string) =>
      new Promise<{ ms: number; status: number; bytes: number }>((resolve, reject) => {
        const started = performance.now();
        get(`${base}${path}`, { headers }, (response) => {
          let bytes = 0;
          response.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
          });
          response.on('end', () =>
            resolve({ ms: performance.now() - started, status: response.statusCode ?? 0, bytes }),
          );
          response.on('error', reject);
        }).on('error', reject);
      });
    const first = plots.features[0] as Feature<Polygon>;
    const firstTile = (await timed(tileUnder(first, 14))).ms;

    // Edit → the first tile after it, under the edited plot (what the client asks for again).
    const editToTile: number[] = [];
    for (let i = 0; i < edits; i++) {
      const plot = plots.features[(i * 7919 + 1) % plots.features.length] as Feature<Polygon>;
      const id = String(plot.properties?.id);
      const current = await store.getFeature('plots', id);
      if (!current) throw new Error(`no plot ${id}`);
      const status = current.properties.status === 'completed' ? 'inspected' : 'completed';
      const result = await store.updateFeature(
        'plots',
        id,
        current.version,
        (feature) => ({
          properties: { ...feature.properties, status } as Properties,
          geometry: feature.geometry,
        }),
        'bench',
      );
      if (!result.ok) throw new Error(`the edit of ${id} failed: ${result.reason}`);
      const answer = await timed(tileUnder(plot, 14));
      if (answer.status !== 200) throw new Error(`the tile after an edit answered ${answer.status}`);
      editToTile.push(answer.ms);
    }

    const perTile: number[] = [];
    for (const url of timedSet) perTile.push((await timed(url)).ms);

    const load = async (urls: string[]) => {
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: concurrency }, async () => {
          while (next < urls.length) await timed(urls[next++] as string);
        }),
      );
      return urls.length / ((performance.now() - started) / 1000);
    };
    const coldPerSecond = await load(loadSet);
    const warmPerSecond = await load(loadSet);

    let countyBytes = 0;
    const z = 10;
    for (let x = Math.floor(mercatorX(112.4) * 2 ** z); x <= Math.floor(mercatorX(113.2) * 2 ** z); x++)
      for (let y = Math.floor(mercatorY(23.0) * 2 ** z); y <= Math.floor(mercatorY(22.4) * 2 ** z); y++)
        countyBytes += (await timed(`/api/tiles/plots/${z}/${x}/${y}`)).bytes;
    return { firstTile, editToTile, perTile, coldPerSecond, warmPerSecond, countyBytes };
  } finally {
    await server.close();
  }
}

function report(name: string, figures: Figures) {
  console.log(`  ${name}`);
  console.log(`    first tile (index built):          ${ms(figures.firstTile)}`);
  console.log(`    edit → first tile after it:        ${describe(figures.editToTile)}`);
  console.log(`    per tile z12–16, first asked:      ${describe(figures.perTile)}`);
  console.log(
    `    ${concurrency} viewers at a time:            ${figures.coldPerSecond.toFixed(0)} tiles/s first asked, ${figures.warmPerSecond.toFixed(0)} tiles/s again`,
  );
  console.log(`    county view (z10, gzipped):        ${mb(figures.countyBytes)}`);
}

function ratios(name: string, next: Figures, old: Figures) {
  const median = (values: number[]) => percentile(values, 0.5);
  console.log(
    `  ${name} ÷ old: edit → tile (median) ${(median(next.editToTile) / median(old.editToTile)).toFixed(3)}, p95 per tile ${(percentile(next.perTile, 0.95) / percentile(old.perTile, 0.95)).toFixed(2)}, tiles/s first asked ${(next.coldPerSecond / old.coldPerSecond).toFixed(2)}, again ${(next.warmPerSecond / old.warmPerSecond).toFixed(2)}`,
  );
}

async function seeded(store: Store) {
  const started = performance.now();
  await store.importLayer('plots', featureContents(plots.features), 'seed', 'bench');
  await store.createUser('bench', 'admin', await hashPassword('bench password 1'), 'bench');
  return performance.now() - started;
}

// SQLite
{
  const root = tempRoot();
  const store = SqliteStore.open(join(root, 'data'));
  try {
    console.log(`\nSQLite, ${plotCount} plots (seeded in ${ms(await seeded(store))}):`);
    const next = await measure(store, {}, join(root, 'data'));
    report('per-feature updates (new)', next);
    const old = await measure(store, { perFeature: false }, join(root, 'data'));
    report('full rebuild after each edit (old)', old);
    ratios('new', next, old);
  } finally {
    await store.close();
    rmSync(root, { recursive: true, force: true });
  }
}

// PostgreSQL + PostGIS
const unavailable = postgresUnavailable();
if (unavailable) {
  console.log(`\nPostgreSQL skipped: ${unavailable}`);
} else {
  const runDir = mkdtempSync(join(tmpdir(), 'atlas-bench-pg-'));
  chmodSync(runDir, 0o755);
  const root = tempRoot();
  try {
    const cluster = await startCluster(runDir);
    const admin = new pg.Client({ connectionString: `${cluster}/postgres` });
    await admin.connect();
    await admin.query('CREATE DATABASE atlas_bench TEMPLATE atlas_template');
    await admin.end();
    const store = await PostgresStore.open(`${cluster}/atlas_bench`, 24);
    try {
      console.log(`\nPostgreSQL + PostGIS, ${plotCount} plots (seeded in ${ms(await seeded(store))}):`);
      const next = await measure(store, {}, join(root, 'data'));
      report('ST_AsMVT (new)', next);
      const worker = await measure(store, { storeTiles: false }, join(root, 'data'));
      report('tile worker, per-feature updates', worker);
      const old = await measure(store, { storeTiles: false, perFeature: false }, join(root, 'data'));
      report('tile worker, full rebuild after each edit (old)', old);
      ratios('ST_AsMVT', next, old);
      ratios('worker per feature', worker, old);
    } finally {
      await store.close();
    }
  } finally {
    stopCluster(runDir);
    rmSync(runDir, { recursive: true, force: true });
    rmSync(root, { recursive: true, force: true });
  }
}
