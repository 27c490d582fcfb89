// Benchmark of the questions the server answers over whole layers (issue 10: search, the analysis and
// the parks' holdings when the layers are served as tiles), at 100 000 plots unless --plots N, in a
// real server over HTTP, each against the same pure function run in this process on the same layers
// (what the app does when it holds the layers):
//   npx tsx bench/server-queries.ts [--plots N] [--queries N]
// - search: the first query (the index built), then median and p95 of N queries over HTTP (exact ids,
//   prefixes, substrings, enterprise names, misses) against the app's searchFeatures; the answers are
//   checked equal;
// - the analysis: GET /api/analysis cold (layers sent to the worker, computed) and again (cached),
//   with /api/health latency meanwhile, against runAnalysis(prepareAnalysis(…)) in process;
// - the holdings: GET /api/holdings cold, against parksOfAll + parkHoldings in process.
import { rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { searchFeatures } from '../src/app/search/search.ts';
import { indexLayer } from '../src/app/state/layer-data.ts';
import { prepareAnalysis, runAnalysis } from '../src/geo/analysis.ts';
import { parkHoldings, parksOfAll, prepareParks } from '../src/geo/relate.ts';
import { countyServer } from './support/county-server.ts';
import { argument, benchCookie, describe, ms, percentile } from './support/timing.ts';

const plotCount = argument('plots', 100_000);
const queryCount = argument('queries', 200);

const { server, store, root, parsed } = await countyServer(plotCount);
try {
  await server.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
  const cookie = await benchCookie(base);

  const timed = async <T>(path: string): Promise<{ ms: number; body: T }> => {
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { cookie } });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as T;
    return { ms: performance.now() - started, body };
  };
  const withHealth = async <T>(work: () => Promise<T>) => {
    let done = false;
    const running = work().finally(() => {
      done = true;
    });
    const latencies: number[] = [];
    while (!done) latencies.push((await timed('/api/health')).ms);
    return { result: await running, latencies };
  };

  // Queries: exact ids, id prefixes, id substrings, enterprise words, misses.
  const pick = (n: number) => `HS-GEN-${String(((n * 7919) % plotCount) + 1).padStart(6, '0')}`;
  const queries: string[] = [];
  for (let n = 0; queries.length < queryCount; n++) {
    const id = pick(n);
    queries.push(
      [id, id.slice(0, 10), id.slice(-5), id.toLowerCase(), '鹤山市', '有限公司', 'zzz-none', 'XM-0'][
        n % 8
      ] as string,
    );
  }

  // The store's first snapshot of the layer (built once on the request thread, then kept and edited in
  // place by the store; the tiles' first request builds it as well): apart from the figures below.
  const snapshotStarted = performance.now();
  const snapshotLength = (await store.layerSnapshot('plots')).json.length;
  console.log(
    `store's first snapshot of the plots (request thread, shared with the tiles): ${ms(performance.now() - snapshotStarted)}, ${(snapshotLength / 1024 / 1024).toFixed(1)} MB`,
  );

  console.log('\n-- search --');
  const first = await withHealth(() =>
    timed<{ matches: unknown[] }>(`/api/search?q=${encodeURIComponent(queries[0] as string)}`),
  );
  console.log(
    `first query (the worker loads the 4 layers, builds the index): ${ms(first.result.ms)}; /api/health meanwhile ${describe(first.latencies)}`,
  );
  const serverTimes: number[] = [];
  const serverAnswers: string[] = [];
  for (const query of queries) {
    const answer = await timed<{ matches: { layer: string; id: string; rank: number }[] }>(
      `/api/search?q=${encodeURIComponent(query)}&limit=20`,
    );
    serverTimes.push(answer.ms);
    serverAnswers.push(answer.body.matches.map((m) => `${m.layer}:${m.id}:${m.rank}`).join());
  }
  console.log(`server (HTTP, indexed): ${describe(serverTimes)}`);
  console.log('\n-- analysis --');
  const cold = await withHealth(() => timed<{ ms: number }>('/api/analysis'));
  console.log(
    `GET /api/analysis cold: ${ms(cold.result.ms)} (worker computing ${ms(cold.result.body.ms)}); /api/health meanwhile ${describe(cold.latencies)}`,
  );
  const warm = await timed<{ ms: number }>('/api/analysis');
  console.log(`GET /api/analysis again (cached for the revisions): ${ms(warm.ms)}`);
  console.log('\n-- holdings --');
  const holdings = await withHealth(() => timed<{ ms: number }>('/api/holdings'));
  console.log(
    `GET /api/holdings cold: ${ms(holdings.result.ms)} (worker ${ms(holdings.result.body.ms)}); /api/health meanwhile ${describe(holdings.latencies)}`,
  );

  console.log('\n-- the same in this process (the app holding the layers) --');
  const collections = {
    plots: parsed('plots'),
    parks: parsed('parks'),
    projects: parsed('projects'),
    newland: parsed('newland'),
  };
  // The app's side: the layers indexed as the app holds them (not timed: that is its load).
  const layers = Object.fromEntries(
    Object.entries(collections).map(([layer, collection]) => [
      layer,
      indexLayer(layer as 'plots', `${layer}.geojson`, collection),
    ]),
  );
  const localTimes: number[] = [];
  let mismatches = 0;
  queries.forEach((query, n) => {
    const started = performance.now();
    const local = searchFeatures(layers, query, 'zh', 20);
    localTimes.push(performance.now() - started);
    if (local.map((m) => `${m.layer}:${m.id}:${m.rank}`).join() !== serverAnswers[n]) mismatches++;
  });
  console.log(`app's searchFeatures in process (full scan): ${describe(localTimes)}`);
  console.log(
    `search p95 ratio server / in process: ${(percentile(serverTimes, 0.95) / percentile(localTimes, 0.95)).toFixed(2)}; answers differing: ${mismatches} of ${queries.length}`,
  );
  const analysisStarted = performance.now();
  runAnalysis(
    prepareAnalysis({
      plots: collections.plots.features,
      parks: collections.parks.features,
      newland: collections.newland.features,
      projects: collections.projects.features,
    }),
  );
  const analysisLocal = performance.now() - analysisStarted;
  console.log(
    `runAnalysis in process: ${ms(analysisLocal)}; ratio server cold / in process ${(cold.result.ms / analysisLocal).toFixed(2)}, cached / in process ${(warm.ms / analysisLocal).toFixed(4)}`,
  );

  // As the app sums them when a layer loads: each feature's area measured (indexLayer), then related.
  const holdingsStarted = performance.now();
  const parks = prepareParks(collections.parks.features);
  for (const layer of ['plots', 'projects', 'newland'] as const) {
    const data = indexLayer(layer, `${layer}.geojson`, collections[layer]);
    parkHoldings(data.byId, parksOfAll(data.collection.features, parks), data.areaM2);
  }
  const holdingsLocal = performance.now() - holdingsStarted;
  console.log(
    `indexLayer (areas) + parksOfAll + parkHoldings in process: ${ms(holdingsLocal)}; ratio ${(holdings.result.ms / holdingsLocal).toFixed(2)}`,
  );
} finally {
  await server.close();
  rmSync(root, { recursive: true, force: true });
}
