// GET /api/layers/:layer/features?bbox=west,south,east,north&limit=N: the features whose bounding box
// meets the box, through the store's spatial index (SQLite's R*Tree kept by triggers, PostGIS's GiST),
// exact to the last digit (the index's float boxes are narrowed), whole with their version, limited and
// saying so, the box checked, no session → 401; against both stores.
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { FEATURES_IN_BOX_LIMIT, featuresInBox } from '../../src/domain/wire.ts';
import { migrate } from '../../src/server/store/migrations.ts';
import { describeEachStore, plotFeature, startServer, type TestServer } from './helpers.ts';

let current: TestServer | null = null;
afterEach(async () => {
  await current?.server.close();
  current = null;
});

/** Plot n's box as the fixture wrote it (helpers.ts: a 0.002° square at a 0.003° pitch, 50 a row). */
function plotBox(index: number): [number, number, number, number] {
  const ring = plotFeature(index).geometry.coordinates[0] as number[][];
  const xs = ring.map((p) => p[0] as number);
  const ys = ring.map((p) => p[1] as number);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

async function inBox(server: TestServer, cookie: string | null, query: string, layer = 'plots') {
  return server.server.inject({
    method: 'GET',
    url: `/api/layers/${layer}/features?${query}`,
    headers: cookie ? { cookie } : {},
  });
}

async function idsIn(server: TestServer, cookie: string, box: readonly number[], extra = '') {
  const answer = await inBox(server, cookie, `bbox=${box.join(',')}${extra}`);
  expect(answer.statusCode, answer.body).toBe(200);
  const body = featuresInBox.parse(answer.json());
  return {
    ids: body.features.map((feature) => feature.id).sort(),
    truncated: body.truncated,
    header: answer.headers['x-atlas-truncated'],
    body,
  };
}

describeEachStore('GET /api/layers/:layer/features?bbox', (store) => {
  it('returns exactly the plots whose box meets the bbox, a plot crossing its edge included', async () => {
    current = await startServer({ store, plots: 12, users: { wang: 'viewer' } });
    const cookie = await current.login('wang');
    const [w1, s1, e1, n1] = plotBox(1);
    const [w3] = plotBox(3);
    // Over the east half of plot 1 to just short of plot 3: plots 1 (crossing the west edge) and 2.
    expect((await idsIn(current, cookie, [w1 + 0.001, s1, w3 - 0.0005, n1])).ids).toEqual([
      'HS-T-0001',
      'HS-T-0002',
    ]);
    // A box inside plot 1 (the plot crosses all four edges).
    expect((await idsIn(current, cookie, [w1 + 0.0005, s1 + 0.0005, w1 + 0.001, s1 + 0.001])).ids).toEqual([
      'HS-T-0001',
    ]);
    // Touching counts: a box starting exactly at plot 1's east edge finds it, one 1e-9° beyond does
    // not (the R*Tree's 32-bit boxes would; the store narrows them with the exact ones).
    const gap = [e1, s1, e1 + 0.0005, n1];
    expect((await idsIn(current, cookie, gap)).ids).toEqual(['HS-T-0001']);
    expect((await idsIn(current, cookie, [e1 + 1e-9, s1, e1 + 0.0005, n1])).ids).toEqual([]);
    // Nowhere near, and the whole county.
    expect((await idsIn(current, cookie, [100, 30, 101, 31])).ids).toEqual([]);
    const all = await idsIn(current, cookie, [112, 22, 114, 23]);
    expect(all.ids).toEqual(Array.from({ length: 12 }, (_, i) => plotFeature(i + 1).id).sort());
    expect([all.truncated, all.header]).toEqual([false, 'false']);
    // Another layer's features are not plots.
    const boundary = await inBox(current, cookie, 'bbox=112,22,114,23', 'boundary');
    expect(featuresInBox.parse(boundary.json()).features.map((f) => f.id)).toEqual(['heshan']);
  });

  it('sends each feature whole with its version, as GET /api/features/:layer/:id does', async () => {
    current = await startServer({ store, plots: 3, users: { wang: 'viewer' } });
    const cookie = await current.login('wang');
    const { body } = await idsIn(current, cookie, plotBox(2));
    const one = await current.server.inject({
      method: 'GET',
      url: '/api/features/plots/HS-T-0002',
      headers: { cookie },
    });
    expect(body.features.find((feature) => feature.id === 'HS-T-0002')).toEqual(one.json());
    expect(body.features.find((feature) => feature.id === 'HS-T-0002')?.properties.version).toBe(1);
  });

  it('sends at most `limit` (default and most 5000) and says truncated when more matched', async () => {
    current = await startServer({ store, plots: 12, users: { wang: 'viewer' } });
    const cookie = await current.login('wang');
    const county = [112, 22, 114, 23];
    const five = await idsIn(current, cookie, county, '&limit=5');
    expect([five.ids.length, five.truncated, five.header]).toEqual([5, true, 'true']);
    expect(new Set(five.ids).size).toBe(5);
    const twelve = await idsIn(current, cookie, county, '&limit=12');
    expect([twelve.ids.length, twelve.truncated]).toEqual([12, false]);
    const eleven = await idsIn(current, cookie, county, '&limit=11');
    expect([eleven.ids.length, eleven.truncated]).toEqual([11, true]);
    expect(FEATURES_IN_BOX_LIMIT).toBe(5000);
    expect((await idsIn(current, cookie, county, '&limit=5000')).ids.length).toBe(12);
  });

  it('follows every write in its transaction: a moved, an added and a removed plot, Chinese ids', async () => {
    current = await startServer({ store, plots: 3, users: { li: 'admin' } });
    const cookie = await current.login('li');
    const far = plotFeature(40, { enterprise: '鹤山五金厂' });
    const chinese = { ...far, id: '鹤山-工业-甲01', properties: { ...far.properties, id: '鹤山-工业-甲01' } };
    // Plot 1 moves onto plot 2's place; the Chinese plot is new, at plot 40's.
    const moved = { ...plotFeature(1), geometry: plotFeature(2).geometry };
    const imported = await current.server.inject({
      method: 'POST',
      url: '/api/import/plots?mode=merge',
      headers: { cookie },
      payload: { type: 'FeatureCollection', features: [moved, chinese] },
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect((await idsIn(current, cookie, plotBox(1))).ids).toEqual([]);
    expect((await idsIn(current, cookie, plotBox(2))).ids).toEqual(['HS-T-0001', 'HS-T-0002']);
    const found = await idsIn(current, cookie, plotBox(40));
    expect(found.ids).toEqual(['鹤山-工业-甲01']);
    expect(found.body.features[0]?.properties).toMatchObject({ enterprise: '鹤山五金厂', version: 1 });
    // Replace: only plot 3 stays.
    const replaced = await current.server.inject({
      method: 'POST',
      url: '/api/import/plots?mode=replace',
      headers: { cookie },
      payload: { type: 'FeatureCollection', features: [plotFeature(3)] },
    });
    expect(replaced.statusCode, replaced.body).toBe(200);
    expect((await idsIn(current, cookie, [112, 22, 114, 23])).ids).toEqual(['HS-T-0003']);
  });

  it('refuses a bbox that is not four numbers in range, west ≤ east, south ≤ north: 400 naming it', async () => {
    current = await startServer({ store, plots: 3, users: { wang: 'viewer' } });
    const cookie = await current.login('wang');
    const refused: Record<string, string> = {
      '': 'bbox',
      'bbox=': 'bbox',
      'bbox=112,22,113': 'bbox',
      'bbox=112,22,113,23,1': 'bbox',
      'bbox=a,b,c,d': 'bbox',
      'bbox=NaN,22,113,23': 'bbox',
      'bbox=Infinity,22,113,23': 'bbox',
      'bbox=0x10,22,113,23': 'bbox',
      'bbox=113,22,112,23': 'bbox',
      'bbox=112,23,113,22': 'bbox',
      'bbox=-181,22,113,23': 'bbox',
      'bbox=112,22,181,23': 'bbox',
      'bbox=112,-91,113,23': 'bbox',
      'bbox=112,22,113,91': 'bbox',
      'bbox=112,22,113,23&bbox=1,2,3,4': 'bbox',
      'bbox=112,22,113,23&limit=0': 'limit',
      'bbox=112,22,113,23&limit=5001': 'limit',
      'bbox=112,22,113,23&limit=-1': 'limit',
      'bbox=112,22,113,23&limit=2.5': 'limit',
      // An unknown parameter: zod names no path, so the whole query (parse.ts).
      'bbox=112,22,113,23&extra=1': 'query',
    };
    for (const [query, field] of Object.entries(refused)) {
      const answer = await inBox(current, cookie, query);
      expect([query, answer.statusCode, answer.json().error]).toEqual([query, 400, 'invalid-request']);
      expect(answer.json().message.en, query).toContain(field);
    }
    const unknown = await inBox(current, cookie, 'bbox=112,22,113,23', 'rivers');
    expect([unknown.statusCode, unknown.json().message.en]).toEqual([
      400,
      'The request params is not valid: layer.',
    ]);
    // Spaces and exponents are numbers; a box of one point is a box.
    expect((await inBox(current, cookie, 'bbox=1.12e2,%2022,113,23')).statusCode).toBe(200);
    expect((await inBox(current, cookie, 'bbox=112.9,22.7,112.9,22.7')).statusCode).toBe(200);
  });

  it('refuses anyone without a session under every spelling: 401 (404 for no route), nothing sent', async () => {
    current = await startServer({ store, plots: 3 });
    const expected: Record<string, number> = {
      '/api/layers/plots/features?bbox=112,22,114,23': 401,
      '/api/layers/plots/features/?bbox=112,22,114,23': 404,
      '/api/layers/plots/features': 401,
      '/api/layers/plots/features?bbox=bad': 401,
      '/api/layers/%70lots/features?bbox=112,22,114,23': 401,
      '/api/layers/%E9%B9%A4/features?bbox=112,22,114,23': 401,
      '/api/layers/rivers/features?bbox=112,22,114,23': 401,
      '/api//layers/plots/features?bbox=112,22,114,23': 404,
      '/API/LAYERS/PLOTS/FEATURES?bbox=112,22,114,23': 404,
    };
    for (const [url, status] of Object.entries(expected)) {
      const answer = await current.server.inject({ method: 'GET', url });
      expect([url, answer.statusCode]).toEqual([url, status]);
      expect(answer.body, url).not.toContain('HS-T');
    }
  });
});

describe('SQLite migration 5 (the R*Tree of feature boxes)', () => {
  it('boxes the features a database of schema 4 already holds, none for a feature without geometry', () => {
    const db = new Database(':memory:');
    migrate(db, 4);
    const insert = db.prepare(
      `INSERT INTO features (layer, id, version, properties, geometry, updated_at, updated_by)
       VALUES (?, ?, 1, '{}', ?, '', '')`,
    );
    insert.run('plots', '鹤山-1', JSON.stringify(plotFeature(1).geometry));
    insert.run('plots', '鹤山-60', JSON.stringify(plotFeature(60).geometry));
    insert.run('plots', 'no-geometry', null);
    migrate(db, 5);
    const boxes = () =>
      db
        .prepare(
          `SELECT b.id, round(r.min_x, 3) AS w, round(r.max_y, 3) AS n
           FROM feature_rtree r JOIN feature_boxes b ON b.key = r.key ORDER BY b.id`,
        )
        .all();
    expect(boxes()).toEqual([
      { id: '鹤山-1', w: 112.903, n: 22.702 },
      { id: '鹤山-60', w: 112.93, n: 22.705 },
    ]);
    expect(db.pragma('user_version', { simple: true })).toBe(5);
    db.close();
  });
});
