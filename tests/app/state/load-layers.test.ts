// Loading the layers: the first load checks and measures what the server sent and keeps it with its
// ETag; a reload asks with If-None-Match and, on 304, takes the kept copy without parsing or measuring
// it again; signing out empties the cache. IndexedDB is fake-indexeddb here, fetch a stub.
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { clearLayerCache, readCachedLayer } from '../../../src/app/state/layer-cache.ts';
import { loadLayers } from '../../../src/app/state/load-layers.ts';

const plots = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { id: 'HS-DX-0001' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [112.9, 22.7],
            [112.901, 22.7],
            [112.901, 22.701],
            [112.9, 22.701],
            [112.9, 22.7],
          ],
        ],
      },
    },
  ],
};
const empty = { type: 'FeatureCollection', features: [] };

interface Call {
  url: string;
  ifNoneMatch: string | null;
}

const LAYERS = ['boundary', 'parks', 'plots', 'projects', 'newland', 'zones'] as const;

/** GET /api/layers: every layer at revision "7", plots as `plotsServed`. */
function manifest(plotsServed: 'geojson' | 'tiles') {
  return {
    layers: LAYERS.map((id) => ({
      id,
      count: id === 'plots' ? 1 : 0,
      revision: '7',
      served: id === 'plots' ? plotsServed : 'geojson',
    })),
    tileThreshold: plotsServed === 'tiles' ? 0 : 20_000,
  };
}

/**
 * A server whose layers are all at revision "7": plots as above, the other layers empty. `calls` gets
 * the layers' requests (not the manifest's).
 */
function stubServer(calls: Call[], plotsServed: 'geojson' | 'tiles' = 'geojson') {
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    if (String(url).endsWith('/api/layers')) return Response.json(manifest(plotsServed));
    const headers = (init.headers ?? {}) as Record<string, string>;
    const ifNoneMatch = headers['If-None-Match'] ?? null;
    calls.push({ url, ifNoneMatch });
    if (ifNoneMatch === '"7"') return new Response(null, { status: 304, headers: { ETag: '"7"' } });
    const body = url.endsWith('/plots') ? plots : empty;
    return new Response(JSON.stringify(body), { status: 200, headers: { ETag: '"7"' } });
  });
}

afterEach(async () => {
  vi.unstubAllGlobals();
  await clearLayerCache();
});

describe('loadLayers', () => {
  it('keeps what it loaded, and a reload with unchanged layers is six 304s with nothing measured again', async () => {
    const calls: Call[] = [];
    stubServer(calls);
    const first = await loadLayers('http://atlas.test/', 'wang');
    expect(first.reports.every((report) => report.ok)).toBe(true);
    expect(calls.map((call) => call.ifNoneMatch)).toEqual([null, null, null, null, null, null]);
    const measured = first.layers.plots?.areaM2.get('HS-DX-0001') ?? 0;
    expect(measured).toBeGreaterThan(11_000);
    // The copy is written after the map has its layers, not before.
    const kept = await vi.waitFor(async () => {
      const entries = await Promise.all(
        ['boundary', 'parks', 'newland', 'plots', 'projects', 'zones'].map((layer) =>
          readCachedLayer('wang', layer as 'plots'),
        ),
      );
      if (entries.some((entry) => entry === null)) throw new Error('not kept yet');
      return entries[3];
    });
    expect(kept?.etag).toBe('"7"');
    expect(kept?.areaM2).toEqual([['HS-DX-0001', measured]]);

    calls.length = 0;
    const again = await loadLayers('http://atlas.test/', 'wang');
    expect(calls.map((call) => call.ifNoneMatch)).toEqual(['"7"', '"7"', '"7"', '"7"', '"7"', '"7"']);
    expect(again.layers.plots?.collection).toEqual(plots);
    expect(again.layers.plots?.areaM2.get('HS-DX-0001')).toBe(measured);
    expect(again.layers.zones?.collection.features).toEqual([]);
  });

  it('leaves a layer the server serves as tiles to the map: not fetched, not kept, noted with its count', async () => {
    const calls: Call[] = [];
    stubServer(calls, 'tiles');
    const result = await loadLayers('http://atlas.test/', 'wang');
    expect(calls.map((call) => call.url.replace('http://atlas.test/api/layers/', '')).sort()).toEqual([
      'boundary',
      'newland',
      'parks',
      'projects',
      'zones',
    ]);
    expect(result.layers.plots).toBeUndefined();
    expect(result.tiled).toEqual({ plots: { count: 1, revision: '7' } });
    expect(result.reports.find((report) => report.layer === 'plots')).toEqual({
      layer: 'plots',
      fileName: 'plots.geojson',
      ok: true,
      problems: [],
      fetchError: null,
    });
    expect(await readCachedLayer('wang', 'plots')).toBeNull();
  });

  it('loads every layer whole when the manifest cannot be read (an older server)', async () => {
    const calls: Call[] = [];
    vi.stubGlobal('fetch', async (url: string) => {
      if (String(url).endsWith('/api/layers')) return new Response('{"error":"not-found"}', { status: 404 });
      calls.push({ url, ifNoneMatch: null });
      return Response.json(String(url).endsWith('/plots') ? plots : empty, { headers: { ETag: '"7"' } });
    });
    const result = await loadLayers('http://atlas.test/', 'wang');
    expect(calls).toHaveLength(6);
    expect(result.tiled).toEqual({});
    expect(result.layers.plots?.collection).toEqual(plots);
  });

  it('keeps each user apart, and signing out forgets everything', async () => {
    const calls: Call[] = [];
    stubServer(calls);
    await loadLayers('http://atlas.test/', 'wang');
    await vi.waitFor(async () => {
      if (!(await readCachedLayer('wang', 'zones'))) throw new Error('not kept yet');
    });
    calls.length = 0;
    await loadLayers('http://atlas.test/', 'li');
    expect(calls.every((call) => call.ifNoneMatch === null)).toBe(true);
    await clearLayerCache();
    expect(await readCachedLayer('wang', 'plots')).toBeNull();
    expect(await readCachedLayer('li', 'plots')).toBeNull();
  });

  it('a truncated answer becomes a report naming the file, and nothing is kept', async () => {
    vi.stubGlobal(
      'fetch',
      async () =>
        new Response('{"type":"FeatureCollection","features":[', { status: 200, headers: { ETag: '"8"' } }),
    );
    const result = await loadLayers('http://atlas.test/', 'wang');
    const report = result.reports.find((entry) => entry.layer === 'plots');
    expect(report?.fileName).toBe('plots.geojson');
    expect(report?.ok).toBe(false);
    expect(report?.problems.map((problem) => problem.code)).toEqual(['json-syntax']);
    expect(result.layers.plots).toBeUndefined();
    expect(await readCachedLayer('wang', 'plots')).toBeNull();
  });

  it('offline (fetch fails: no network, a dead spot) shows the layers this device holds, as they were served', async () => {
    const calls: Call[] = [];
    stubServer(calls);
    const online = await loadLayers('http://atlas.test/', 'wang');
    expect(online.fromDevice).toBe(false);
    expect(online.changed).toBe(true);
    await vi.waitFor(async () => {
      const entries = await Promise.all(LAYERS.map((layer) => readCachedLayer('wang', layer)));
      if (entries.some((entry) => entry === null)) throw new Error('not kept yet');
    });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const offline = await loadLayers('http://atlas.test/', 'wang');
    expect(offline.fromDevice).toBe(true);
    expect(offline.changed).toBe(false);
    expect(offline.reports.every((report) => report.ok)).toBe(true);
    expect(offline.layers.plots?.collection).toEqual(plots);
    expect(offline.layers.plots?.areaM2.get('HS-DX-0001')).toBe(
      online.layers.plots?.areaM2.get('HS-DX-0001'),
    );
  });

  it('offline with nothing kept for this user reports each layer as unreachable (another person’s copy is not shown)', async () => {
    stubServer([]);
    await loadLayers('http://atlas.test/', 'wang');
    await vi.waitFor(async () => {
      if (!(await readCachedLayer('wang', 'plots'))) throw new Error('not kept yet');
    });
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const result = await loadLayers('http://atlas.test/', 'li');
    expect(result.layers.plots).toBeUndefined();
    expect(result.fromDevice).toBe(false);
    expect(result.reports.find((report) => report.layer === 'plots')?.fetchError).toBe('network');
  });

  it('offline, a layer that came as tiles at the last load is left to the map again (not reported missing)', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch');
    });
    const result = await loadLayers('http://atlas.test/', 'wang', {
      plots: { count: 30_000, revision: '7' },
    });
    expect(result.tiled).toEqual({ plots: { count: 30_000, revision: '7' } });
    expect(result.reports.find((report) => report.layer === 'plots')?.ok).toBe(true);
  });

  it('back online, unchanged layers are 304s: nothing changed, nothing from the device', async () => {
    const calls: Call[] = [];
    stubServer(calls);
    await loadLayers('http://atlas.test/', 'wang');
    await vi.waitFor(async () => {
      const entries = await Promise.all(LAYERS.map((layer) => readCachedLayer('wang', layer)));
      if (entries.some((entry) => entry === null)) throw new Error('not kept yet');
    });
    const again = await loadLayers('http://atlas.test/', 'wang');
    expect(again.changed).toBe(false);
    expect(again.fromDevice).toBe(false);
  });
});
