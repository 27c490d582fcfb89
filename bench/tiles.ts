// Benchmark of the vector tiles (issue 10, item 1) over generated plots (100 000 unless --plots N), in a
// real server over HTTP, each figure against a reference in the same run:
//   npx tsx bench/tiles.ts [--plots N] [--tiles N] [--concurrency N]
// - the tile index: built on the first tile asked (snapshot on the request thread, parsing and indexing
//   on the tile worker), and rebuilt after one plot is edited — against serving the whole layer once
//   (GET /api/layers/plots, what the app loads today); /api/health latency while each runs;
// - time per tile at z12–16 (median, p95; distinct tiles, first time asked) against one whole layer;
// - tiles per second with N (20) requests at a time, first asked and asked again, against whole
//   layers per second with as many at a time;
// - bytes of the county view (every z10 tile over Heshan, gzipped) against the layer, raw and gzipped.
import { rmSync } from 'node:fs';
import { get } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { generate } from '../geodata/generate.ts';
import { buildServer } from '../src/server/app.ts';
import { hashPassword } from '../src/server/auth/password.ts';
import { featureContents } from '../src/server/seed.ts';
import { TileService } from '../src/server/tiles/tile-service.ts';
import { tempRoot } from '../tests/server/helpers.ts';
import { argument, benchCookie, describe, ms, percentile } from './support/timing.ts';

const plotCount = argument('plots', 100_000);
const tilesPerZoom = argument('tiles', 200);
const concurrency = argument('concurrency', 20);
const HEALTH_GOAL_MS = 200;

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

const mercatorX = (lon: number) => (lon + 180) / 360;
function mercatorY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}

console.log(`generating ${plotCount} plots…`);
const generated = generate({ plots: plotCount, zones: 0, seed: '1' });
const plots = JSON.parse(generated.plotsText) as FeatureCollection<Polygon>;
const root = tempRoot();
const server = await buildServer({ distDir: null, dataDir: join(root, 'data'), geodataDir: null });
try {
  const { store } = server.atlas;
  await store.importLayer('plots', featureContents(plots.features), 'seed', 'bench');
  await store.createUser('bench', 'admin', await hashPassword('bench password 1'), 'bench');
  await server.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const cookie = await benchCookie(base);
  const headers = { cookie, 'accept-encoding': 'gzip' };

  /**
   * One GET: its time, status and the bytes on the wire (gzipped when it was; counted as received, as
   * a streamed answer such as the layer has no Content-Length).
   */
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

  /** Runs `work` while asking /api/health again and again; the health latencies. */
  const withHealth = async <T>(work: () => Promise<T>) => {
    let done = false;
    const running = work().finally(() => {
      done = true;
    });
    const latencies: number[] = [];
    while (!done) latencies.push((await timed('/api/health')).ms);
    return { result: await running, latencies };
  };

  const atRest: number[] = [];
  for (let i = 0; i < 100; i++) atRest.push((await timed('/api/health')).ms);

  // A tile at the centre of the first plot, at z14.
  const first = plots.features[0] as Feature<Polygon>;
  const [lon, lat] = (first.geometry.coordinates[0] ?? [])[0] as [number, number];
  const probe = `/api/tiles/plots/14/${Math.floor(mercatorX(lon) * 2 ** 14)}/${Math.floor(mercatorY(lat) * 2 ** 14)}`;

  // 1. The whole layer, as the app loads it today: the first time (the store builds its snapshot)…
  const layerCold = await withHealth(() => timed('/api/layers/plots'));
  const layerBytes = layerCold.result.bytes;
  // 2. …then the tile index, built on the first tile asked (the snapshot is the store's cached one).
  const buildFirst = await withHealth(() => timed(probe));
  // 3. One plot edited: the revision moves, the next tile rebuilds the index (and the store its snapshot).
  const edit = async (feature: Feature) => {
    const id = encodeURIComponent(String(feature.properties?.id));
    const current = await (await fetch(`${base}/api/features/plots/${id}`, { headers })).json();
    const patched = await fetch(`${base}/api/features/plots/${id}`, {
      method: 'PATCH',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ version: current.properties.version, properties: { status: 'completed' } }),
    });
    if (patched.status !== 200) throw new Error(`PATCH answered ${patched.status}`);
  };
  await edit(first);
  const rebuild = await withHealth(() => timed(probe));
  const layerWarm: number[] = [];
  for (let i = 0; i < 5; i++) layerWarm.push((await timed('/api/layers/plots')).ms);
  const layerMs = percentile(layerWarm, 0.5);

  console.log(
    `\n${plotCount} plots; the layer as GeoJSON: ${mb(layerBytes)} (${mb(gzipSync(generated.plotsText).length)} gzipped)`,
  );
  console.log(`GET /api/layers/plots, first (store builds its snapshot): ${ms(layerCold.result.ms)}`);
  console.log(`GET /api/layers/plots, snapshot cached (reference):       ${ms(layerMs)} (median of 5)`);
  console.log(`first tile, index built (snapshot cached):               ${ms(buildFirst.result.ms)}`);
  console.log(`first tile after one plot edited (snapshot + index):      ${ms(rebuild.result.ms)}`);
  console.log(`  ratio rebuild / one whole-layer GET: ${(rebuild.result.ms / layerMs).toFixed(2)}`);
  console.log(`/api/health at rest:                     ${describe(atRest)}`);
  console.log(`/api/health while the layer is served:   ${describe(layerCold.latencies)}`);
  console.log(`/api/health while the index is built:    ${describe(buildFirst.latencies)}`);
  console.log(`/api/health while it is rebuilt:         ${describe(rebuild.latencies)}`);
  const worstHealth = Math.max(...buildFirst.latencies, ...rebuild.latencies);
  console.log(
    `goal: health within ${HEALTH_GOAL_MS} ms while tiles are built: ${worstHealth <= HEALTH_GOAL_MS ? 'met' : 'NOT met'} (worst ${ms(worstHealth)})`,
  );

  // The rebuild's parts after another edit, from a service of its own (the server's is inside its route).
  await edit(plots.features[1] as Feature);
  const service = new TileService(store);
  await service.ready('plots');
  const build = service.builds[0];
  await service.close();
  if (build)
    console.log(
      `  a rebuild's parts: the store's snapshot ${ms(build.snapshotMs)} (request thread), parse + index ${ms(build.indexMs)} (worker thread); worker heap after it ${mb(build.heapBytes)}`,
    );

  // The server's own index catches up with that edit before tiles are timed.
  await timed(probe);

  // Distinct tiles under random plots, per zoom (seeded: the same every run).
  let state = 12345;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const tilesAt = (z: number, count: number, taken: Set<string>) => {
    const urls: string[] = [];
    for (let guard = 0; urls.length < count && guard < count * 50; guard++) {
      const plot = plots.features[Math.floor(random() * plots.features.length)] as Feature<Polygon>;
      const [x, y] = (plot.geometry.coordinates[0] ?? [])[0] as [number, number];
      const url = `/api/tiles/plots/${z}/${Math.floor(mercatorX(x) * 2 ** z)}/${Math.floor(mercatorY(y) * 2 ** z)}`;
      if (taken.has(url)) continue;
      taken.add(url);
      urls.push(url);
    }
    return urls;
  };
  const taken = new Set<string>([probe]);

  console.log(`\nTime per tile, ${tilesPerZoom} distinct tiles per zoom, each asked once (gzipped):`);
  const allTimes: number[] = [];
  for (let z = 12; z <= 16; z++) {
    const times: number[] = [];
    const sizes: number[] = [];
    for (const url of tilesAt(z, tilesPerZoom, taken)) {
      const answer = await timed(url);
      times.push(answer.ms);
      sizes.push(answer.bytes);
    }
    allTimes.push(...times);
    console.log(`  z${z}: ${describe(times)}; size median ${(percentile(sizes, 0.5) / 1024).toFixed(1)} KB`);
  }
  const p95 = percentile(allTimes, 0.95);
  console.log(
    `  z12–16: p95 ${ms(p95)}; ratio p95 tile / one whole-layer GET: ${(p95 / layerMs).toFixed(4)}`,
  );

  /** `total` requests from `urls` (in turn), `concurrency` at a time: requests per second. */
  const load = async (urls: string[], total: number) => {
    let next = 0;
    let bytes = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < total) {
          const url = urls[next++ % urls.length] as string;
          const answer = await timed(url);
          bytes += answer.bytes;
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    return { perSecond: total / seconds, bytesPerSecond: bytes / seconds };
  };
  const fresh = [12, 13, 14, 15, 16].flatMap((z) => tilesAt(z, 300, taken));
  const cold = await load(fresh, fresh.length);
  const warm = await load(fresh, fresh.length);
  const layers = await load(['/api/layers/plots'], concurrency * 2);
  console.log(`\n${concurrency} requests at a time:`);
  console.log(
    `  tiles z12–16, first asked: ${cold.perSecond.toFixed(0)} tiles/s (${mb(cold.bytesPerSecond)}/s)`,
  );
  console.log(
    `  tiles z12–16, asked again: ${warm.perSecond.toFixed(0)} tiles/s (${mb(warm.bytesPerSecond)}/s)`,
  );
  console.log(
    `  whole layer (reference):   ${layers.perSecond.toFixed(2)} layers/s (${mb(layers.bytesPerSecond)}/s)`,
  );
  console.log(
    `  ratio tiles/s ÷ layers/s: ${(cold.perSecond / layers.perSecond).toFixed(0)} (first asked), ${(warm.perSecond / layers.perSecond).toFixed(0)} (again)`,
  );

  // The county view: every z10 tile over Heshan's bounding box.
  let countyBytes = 0;
  let countyTiles = 0;
  const z = 10;
  for (let x = Math.floor(mercatorX(112.4) * 2 ** z); x <= Math.floor(mercatorX(113.2) * 2 ** z); x++) {
    for (let y = Math.floor(mercatorY(23.0) * 2 ** z); y <= Math.floor(mercatorY(22.4) * 2 ** z); y++) {
      const answer = await timed(`/api/tiles/plots/${z}/${x}/${y}`);
      if (answer.status === 200) countyTiles++;
      countyBytes += answer.bytes;
    }
  }
  console.log(
    `\ncounty view (z10, ${countyTiles} tiles): ${mb(countyBytes)} gzipped; ratio to the layer: ${(countyBytes / layerBytes).toFixed(3)} (raw), ${(countyBytes / gzipSync(generated.plotsText).length).toFixed(3)} (gzipped)`,
  );
} finally {
  await server.close();
  rmSync(root, { recursive: true, force: true });
}
