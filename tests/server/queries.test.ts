// Search, the analysis and the parks' holdings answered by the server (GET /api/search, /api/analysis,
// /api/analysis/overlap, /api/holdings) for layers the browser does not hold (served as tiles): the
// same answers as the app's own pure functions on the same data — same matches in the same order,
// same figures to the last bit —, refused without a session, bad queries refused naming the field,
// and one computation however many ask at once.
import { resolve } from 'node:path';
import { bbox } from '@turf/turf';
import type { FastifyInstance } from 'fastify';
import type { FeatureCollection } from 'geojson';
import { afterEach, describe, expect, it } from 'vitest';
import { searchFeatures } from '../../src/app/search/search.ts';
import { indexLayer, type LayerData } from '../../src/app/state/layer-data.ts';
import type { LayerId } from '../../src/domain/layers.ts';
import {
  analysisAnswer,
  holdingsAnswer,
  layerManifest,
  overlapAnswer,
  searchAnswer,
} from '../../src/domain/wire.ts';
import { plotOverlapShape, prepareAnalysis, runAnalysis } from '../../src/geo/analysis.ts';
import { parkHoldings, parksOfAll, prepareParks } from '../../src/geo/relate.ts';
import { buildServer } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { TIMEOUTS } from '../../src/server/config.ts';
import { PostgresStore } from '../../src/server/store/postgres.ts';
import { describeEachStore, PASSWORD, plotFeature, type StoreKind, tempRoot } from './helpers.ts';
import { postgresDatabase } from './support/postgres.ts';

interface Sample {
  server: FastifyInstance;
  cookie: string;
  admin: string;
}

let current: FastifyInstance | null = null;
afterEach(async () => {
  await current?.close();
  current = null;
});

async function login(server: FastifyInstance, username: string): Promise<string> {
  const answer = await server.inject({
    method: 'POST',
    url: '/api/login',
    payload: { username, password: PASSWORD },
  });
  const cookie = answer.cookies.find((c) => c.name === 'atlas_session');
  if (!cookie) throw new Error(`login ${username}: ${answer.statusCode}`);
  return `${cookie.name}=${cookie.value}`;
}

/** A server over the sample layers of geodata/ (342 plots, 6 parks, 48 projects, 180 parcels). */
async function startSample(options: { store?: StoreKind; tileThreshold?: number } = {}): Promise<Sample> {
  const root = tempRoot();
  const databaseUrl = options.store === 'postgres' ? await postgresDatabase() : null;
  const server = await buildServer({
    distDir: null,
    dataDir: resolve(root, 'data'),
    geodataDir: resolve('geodata'),
    // An injected GET's body clock (timeouts.ts) is never stopped (its raw request never ends) and, 30 s
    // on, destroys a socket that light-my-request does not have: this file runs longer than that.
    timeouts: { ...TIMEOUTS, bodyMs: 600_000 },
    ...(databaseUrl ? { store: await PostgresStore.open(databaseUrl) } : {}),
    ...(options.tileThreshold !== undefined ? { tileThreshold: options.tileThreshold } : {}),
  });
  current = server;
  const hash = await hashPassword(PASSWORD);
  await server.atlas.store.createUser('wang', 'viewer', hash, 'test');
  await server.atlas.store.createUser('li', 'admin', hash, 'test');
  return { server, cookie: await login(server, 'wang'), admin: await login(server, 'li') };
}

async function get(sample: Sample, url: string) {
  return sample.server.inject({ method: 'GET', url, headers: { cookie: sample.cookie } });
}

/** The layers as the app holds them: fetched whole and indexed by the app's own code. */
async function appLayers(
  sample: Sample,
): Promise<Record<'plots' | 'parks' | 'projects' | 'newland' | 'zones', LayerData>> {
  const layers = {} as Record<'plots' | 'parks' | 'projects' | 'newland' | 'zones', LayerData>;
  for (const layer of ['plots', 'parks', 'projects', 'newland', 'zones'] as const) {
    const answer = await get(sample, `/api/layers/${layer}`);
    expect(answer.statusCode).toBe(200);
    layers[layer] = indexLayer(layer, `${layer}.geojson`, answer.json() as FeatureCollection);
  }
  return layers;
}

const QUERIES = [
  'HS-DX-0001',
  'hs-dx-00',
  'ＨＳ-ＤＸ-01',
  '鹤山',
  '  有限公司 ',
  'XM-0',
  '园区',
  'xz-2021',
  'PK',
  '1',
  'zzz',
];

describeEachStore('GET /api/search', (store) => {
  for (const tileThreshold of [0, undefined]) {
    it(`answers as the app's searchFeatures on the same layers, same matches in the same order (threshold ${tileThreshold ?? 'default'})`, async () => {
      const sample = await startSample({ store, ...(tileThreshold === undefined ? {} : { tileThreshold }) });
      const manifest = layerManifest.parse((await get(sample, '/api/layers')).json());
      const plots = manifest.layers.find((layer) => layer.id === 'plots');
      expect(plots?.served).toBe(tileThreshold === 0 ? 'tiles' : 'geojson');
      const layers = await appLayers(sample);
      let compared = 0;
      for (const q of QUERIES) {
        for (const limit of [1, 7, 20, 50]) {
          const answer = await get(sample, `/api/search?q=${encodeURIComponent(q)}&limit=${limit}`);
          expect(answer.statusCode, q).toBe(200);
          const { matches } = searchAnswer.parse(answer.json());
          const expected = searchFeatures(layers, q, 'zh', limit).map(({ layer, id, rank }) => ({
            layer,
            id,
            rank,
          }));
          expect(
            matches.map(({ layer, id, rank }) => ({ layer, id, rank })),
            `${q} / ${limit}`,
          ).toEqual(expected);
          compared += expected.length;
          for (const match of matches) {
            const feature = layers[match.layer].byId.get(match.id);
            expect(match.bbox).toEqual(feature?.geometry ? bbox(feature.geometry) : null);
          }
        }
      }
      expect(compared).toBeGreaterThan(300);
    });
  }
});

describe('GET /api/search', () => {
  it('searches the layers named, and carries what the title is made of', async () => {
    const sample = await startSample({ tileThreshold: 0 });
    const onlyPlots = searchAnswer.parse((await get(sample, '/api/search?q=HS-DX-0001&layers=plots')).json());
    expect(onlyPlots.matches.map((m) => [m.layer, m.id, m.rank])).toEqual([['plots', 'HS-DX-0001', 0]]);
    expect(onlyPlots.matches[0]?.properties).toEqual({
      enterprise: '鹤山市东成不锈钢制品有限公司',
      landUse: '100103',
    });
    const two = searchAnswer.parse(
      (await get(sample, '/api/search?q=XM-001&layers=projects,newland')).json(),
    );
    expect(two.matches.map((m) => [m.layer, m.id])).toEqual([['projects', 'XM-001']]);
    expect(two.matches[0]?.properties).toMatchObject({
      name: '信义集团鹤山玻璃产业基地',
      enterprise: '信义集团',
    });
    const blank = searchAnswer.parse((await get(sample, '/api/search?q=%20%20')).json());
    expect(blank.matches).toEqual([]);
  });

  it('finds a plot with a Chinese id put after the index was built: the index follows the revision', async () => {
    const sample = await startSample({ tileThreshold: 0 });
    expect(
      searchAnswer.parse((await get(sample, `/api/search?q=${encodeURIComponent('鹤山-新')}`)).json())
        .matches,
    ).toEqual([]);
    const id = '鹤山-新-001';
    const imported = await sample.server.inject({
      method: 'POST',
      url: '/api/import/plots?mode=merge',
      headers: { cookie: sample.admin },
      payload: {
        type: 'FeatureCollection',
        features: [
          {
            ...plotFeature(1),
            id,
            properties: { ...plotFeature(1).properties, id, enterprise: '鹤山新企业' },
          },
        ],
      },
    });
    expect(imported.statusCode).toBe(200);
    const { matches } = searchAnswer.parse(
      (await get(sample, `/api/search?q=${encodeURIComponent('鹤山-新')}`)).json(),
    );
    expect(matches.map((m) => [m.layer, m.id, m.rank])).toEqual([['plots', id, 1]]);
    const exact = searchAnswer.parse(
      (await get(sample, `/api/search?q=${encodeURIComponent(id)}&layers=plots`)).json(),
    );
    expect(exact.matches.map((m) => [m.id, m.rank])).toEqual([[id, 0]]);
  });

  it('refuses a bad q, limit or layers with 400 naming the field', async () => {
    const sample = await startSample({ tileThreshold: 0 });
    const cases: [string, string][] = [
      ['/api/search', 'q'],
      ['/api/search?q=', 'q'],
      [`/api/search?q=${'a'.repeat(10_000)}`, 'q'],
      [`/api/search?q=${encodeURIComponent('鹤'.repeat(257))}`, 'q'],
      ['/api/search?q=a&q=b', 'q'],
      ['/api/search?q=a&limit=0', 'limit'],
      ['/api/search?q=a&limit=51', 'limit'],
      ['/api/search?q=a&limit=abc', 'limit'],
      ['/api/search?q=a&limit=1.5', 'limit'],
      ['/api/search?q=a&limit=-1', 'limit'],
      ['/api/search?q=a&limit=', 'limit'],
      ['/api/search?q=a&layers=tiles', 'layers'],
      ['/api/search?q=a&layers=', 'layers'],
      ['/api/search?q=a&layers=plots,boundary', 'layers'],
      ['/api/search?q=a&order=title', 'query'],
    ];
    for (const [url, field] of cases) {
      const answer = await get(sample, url);
      expect(answer.statusCode, url.slice(0, 80)).toBe(400);
      const body = answer.json() as { error: string; message: { en: string } };
      expect(body.error).toBe('invalid-request');
      expect(body.message.en, url.slice(0, 80)).toContain(
        field === 'query' ? 'The request query is not valid' : `: ${field}`,
      );
    }
  });
});

describe('the server answers without a session', () => {
  it('refuses every question under every spelling: 401 (404 for no route), nothing answered', async () => {
    const sample = await startSample({ tileThreshold: 0 });
    const expected: Record<string, number> = {
      '/api/search?q=HS': 401,
      '/api/search/?q=HS': 404,
      '/api/%73earch?q=HS': 401,
      '/%61pi/search?q=HS': 401,
      'http://x/api/search?q=HS': 401,
      '/api//search?q=HS': 404,
      '/API/SEARCH?q=HS': 404,
      '/api/analysis': 401,
      '/api/%61nalysis': 401,
      '/api/analysis/overlap?a=HS-DX-0001&b=HS-DX-0002': 401,
      '/api/holdings': 401,
      '/api/holdings/': 404,
      '/api/%68oldings': 401,
      '/Api/Holdings': 404,
    };
    for (const [url, status] of Object.entries(expected)) {
      const answer = await sample.server.inject({ method: 'GET', url });
      expect(answer.statusCode, url).toBe(status);
      expect(answer.body, url).not.toContain('HS-DX');
      expect(answer.body, url).not.toContain('PK-0');
    }
    expect(sample.server.atlas.queries?.analyses.runs).toBe(0);
  });
});

/** The analysis as the app's worker computes it, on the same layers. */
function appAnalysis(layers: Awaited<ReturnType<typeof appLayers>>) {
  return runAnalysis(
    prepareAnalysis({
      plots: layers.plots.collection.features,
      parks: layers.parks.collection.features,
      newland: layers.newland.collection.features,
      projects: layers.projects.collection.features,
    }),
  );
}

describeEachStore('GET /api/analysis and /api/holdings', (store) => {
  it('gives the figures of the app’s analysis and park summary on the same layers, to the last bit (threshold 0)', async () => {
    const sample = await startSample({ store, tileThreshold: 0 });
    const layers = await appLayers(sample);
    const answer = await get(sample, '/api/analysis');
    expect(answer.statusCode).toBe(200);
    const analysis = analysisAnswer.parse(answer.json());
    const expected = appAnalysis(layers);
    expect(analysis.result).toEqual(expected);
    expect(expected.counts).toEqual({ plots: 342, parks: 6, newland: 180, projects: 48 });
    expect(expected.overlaps.length).toBeGreaterThan(0);
    const revisions: Record<string, string> = {};
    for (const layer of ['plots', 'parks', 'newland', 'projects'] as LayerId[])
      revisions[layer] = await sample.server.atlas.store.layerRevision(layer);
    expect(analysis.revisions).toEqual(revisions);

    // The overlap drawn on the map: the same shape the app's worker cuts.
    const prepared = prepareAnalysis({
      plots: layers.plots.collection.features,
      parks: [],
      newland: [],
      projects: [],
    });
    for (const pair of expected.overlaps.slice(0, 3)) {
      const shape = overlapAnswer.parse(
        (
          await get(
            sample,
            `/api/analysis/overlap?a=${encodeURIComponent(pair.a)}&b=${encodeURIComponent(pair.b)}`,
          )
        ).json(),
      );
      expect(shape.shape).toEqual(plotOverlapShape(prepared, pair.a, pair.b));
      expect(shape.shape).not.toBeNull();
    }
    const none = overlapAnswer.parse(
      (await get(sample, '/api/analysis/overlap?a=HS-DX-0001&b=无此地块')).json(),
    );
    expect(none.shape).toBeNull();

    // What each park holds, as the app's layers slice sums it (prepareParks, parksOfAll, parkHoldings).
    const holdings = holdingsAnswer.parse((await get(sample, '/api/holdings')).json());
    const parks = prepareParks(layers.parks.collection.features);
    let parksHolding = 0;
    for (const layer of ['plots', 'projects', 'newland'] as const) {
      const data = layers[layer];
      const sums = parkHoldings(data.byId, parksOfAll(data.collection.features, parks), data.areaM2);
      expect(holdings.holdings[layer]).toEqual([...sums].map(([park, holding]) => ({ park, ...holding })));
      parksHolding += sums.size;
    }
    expect(parksHolding).toBeGreaterThan(6);
  });
});

describe('GET /api/analysis', () => {
  it('is the same report with the default threshold (layers served whole)', async () => {
    const sample = await startSample();
    const layers = await appLayers(sample);
    const analysis = analysisAnswer.parse((await get(sample, '/api/analysis')).json());
    expect(analysis.result).toEqual(appAnalysis(layers));
  });

  it('20 simultaneous requests share one computation; an edit starts one more, a repeat none', async () => {
    const sample = await startSample({ tileThreshold: 0 });
    const queries = sample.server.atlas.queries;
    const answers = await Promise.all(Array.from({ length: 20 }, () => get(sample, '/api/analysis')));
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(20).fill(200));
    expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
    expect(queries?.analyses.runs).toBe(1);
    await get(sample, '/api/analysis');
    expect(queries?.analyses.runs).toBe(1);

    const holdings = await Promise.all(Array.from({ length: 20 }, () => get(sample, '/api/holdings')));
    expect(new Set(holdings.map((answer) => answer.body)).size).toBe(1);
    expect(queries?.holdingSums.runs).toBe(1);

    const plot = (await get(sample, '/api/features/plots/HS-DX-0001')).json() as {
      properties: { version: number };
    };
    const patched = await sample.server.inject({
      method: 'PATCH',
      url: '/api/features/plots/HS-DX-0001',
      headers: { cookie: sample.admin },
      payload: { version: plot.properties.version, properties: { status: 'completed' } },
    });
    expect(patched.statusCode).toBe(200);
    const after = await Promise.all(Array.from({ length: 5 }, () => get(sample, '/api/analysis')));
    expect(queries?.analyses.runs).toBe(2);
    const report = analysisAnswer.parse(after[0]?.json());
    const before = analysisAnswer.parse(answers[0]?.json());
    expect(report.revisions.plots).not.toBe(before.revisions.plots);
    expect(report.result).toEqual(appAnalysis(await appLayers(sample)));
  });

  it('refuses a query it does not take, and overlap ids that are not ids', async () => {
    const sample = await startSample({ tileThreshold: 0 });
    expect((await get(sample, '/api/analysis?fresh=1')).statusCode).toBe(400);
    expect((await get(sample, '/api/holdings?layer=plots')).statusCode).toBe(400);
    const missing = await get(sample, '/api/analysis/overlap?a=HS-DX-0001');
    expect(missing.statusCode).toBe(400);
    expect((missing.json() as { message: { en: string } }).message.en).toContain(': b');
    expect((await get(sample, `/api/analysis/overlap?a=${'x'.repeat(129)}&b=y`)).statusCode).toBe(400);
  });
});
