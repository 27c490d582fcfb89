// GET /api/layers: what the browser loads and how. A tileable layer (plots, projects, newland) above the
// server's threshold is served as vector tiles, everything else whole; counts and revisions are exact.
import { afterEach, describe, expect, it } from 'vitest';
import { layerManifest } from '../../src/domain/wire.ts';
import { TILE_THRESHOLD, tileThresholdFromEnv } from '../../src/server/config.ts';
import { describeEachStore, plotFeature, startServer, type TestServer } from './helpers.ts';

let current: TestServer | null = null;
afterEach(async () => {
  await current?.server.close();
  current = null;
});

async function manifestOf(server: TestServer, cookie: string) {
  const answer = await server.server.inject({ method: 'GET', url: '/api/layers', headers: { cookie } });
  expect(answer.statusCode).toBe(200);
  expect(answer.headers['cache-control']).toBe('private, no-cache');
  return layerManifest.parse(answer.json());
}

describeEachStore('GET /api/layers', (store) => {
  it('serves every layer whole below the threshold, with exact counts', async () => {
    current = await startServer({ store, plots: 12, users: { wang: 'viewer' } });
    const manifest = await manifestOf(current, await current.login('wang'));
    expect(manifest.tileThreshold).toBe(TILE_THRESHOLD);
    const byId = Object.fromEntries(manifest.layers.map((layer) => [layer.id, layer]));
    expect(Object.keys(byId).sort()).toEqual(['boundary', 'newland', 'parks', 'plots', 'projects', 'zones']);
    expect(byId.plots).toMatchObject({ count: 12, served: 'geojson' });
    expect(byId.boundary).toMatchObject({ count: 1, served: 'geojson' });
    expect(byId.zones).toMatchObject({ count: 0, served: 'geojson' });
  });

  it('serves plots as tiles above the threshold (12 plots, threshold 0), the boundary whole whatever its size', async () => {
    current = await startServer({ store, plots: 12, tileThreshold: 0, users: { wang: 'viewer' } });
    const manifest = await manifestOf(current, await current.login('wang'));
    const served = Object.fromEntries(manifest.layers.map((layer) => [layer.id, layer.served]));
    // An empty layer is never above any threshold; the boundary (1 feature) is not tileable.
    expect(served).toEqual({
      boundary: 'geojson',
      parks: 'geojson',
      plots: 'tiles',
      projects: 'geojson',
      newland: 'geojson',
      zones: 'geojson',
    });
  });

  it('moves the revision and the count with an edit, as GET /api/layers/plots sees them', async () => {
    current = await startServer({ store, plots: 3, users: { li: 'admin' } });
    const cookie = await current.login('li');
    const before = (await manifestOf(current, cookie)).layers.find((layer) => layer.id === 'plots');
    const created = await current.server.inject({
      method: 'POST',
      url: '/api/import/plots?mode=merge',
      headers: { cookie },
      payload: { type: 'FeatureCollection', features: [plotFeature(4)] },
    });
    expect(created.statusCode).toBe(200);
    const after = (await manifestOf(current, cookie)).layers.find((layer) => layer.id === 'plots');
    expect(before?.count).toBe(3);
    expect(after?.count).toBe(4);
    expect(after?.revision).not.toBe(before?.revision);
    const layer = await current.server.inject({
      method: 'GET',
      url: '/api/layers/plots',
      headers: { cookie },
    });
    expect(layer.headers.etag).toBe(`"${after?.revision}"`);
  });

  it('refuses anyone without a session under every spelling: 401 (404 for no route), no layer named', async () => {
    current = await startServer({ store, plots: 3 });
    const expected: Record<string, number> = {
      '/api/layers': 401,
      '/api/layers/': 401,
      '/api//layers': 404,
      '/api/layers?x=1': 401,
      '/api/%6Cayers': 401,
      '/API/LAYERS': 404,
    };
    for (const [url, status] of Object.entries(expected)) {
      const answer = await current.server.inject({ method: 'GET', url });
      expect(answer.statusCode, url).toBe(status);
      expect(answer.body, url).not.toContain('plots');
    }
  });
});

describe('ATLAS_TILE_THRESHOLD', () => {
  it('is a whole number of features; blank is the default; anything else stops the start', () => {
    expect(tileThresholdFromEnv({})).toBe(TILE_THRESHOLD);
    expect(tileThresholdFromEnv({ ATLAS_TILE_THRESHOLD: ' 500 ' })).toBe(500);
    expect(tileThresholdFromEnv({ ATLAS_TILE_THRESHOLD: '' })).toBe(TILE_THRESHOLD);
    for (const bad of ['-1', '1e4', '10k', '0x10']) {
      expect(() => tileThresholdFromEnv({ ATLAS_TILE_THRESHOLD: bad })).toThrow(/ATLAS_TILE_THRESHOLD/);
    }
  });
});
