// Vector tiles (issue 10, item 1): GET /api/tiles/:layer/:z/:x/:y over the sample layers, decoded with
// @mapbox/vector-tile and checked feature by feature — which features, which properties, where their
// vertices fall, every plot present at every zoom (as a polygon or as a dot), ETag and 304, a change of
// revision, gzip, and the refusals (401, 404, 400).
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile';
import type { FastifyInstance } from 'fastify';
import type { Feature, FeatureCollection, Polygon } from 'geojson';
import { PbfReader } from 'pbf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { PostgresStore } from '../../src/server/store/postgres.ts';
import { buildLayerTiles, MAX_TILE_ZOOM } from '../../src/server/tiles/tile-index.ts';
import { DENSITY_CELL, TILE_PROPERTIES } from '../../src/server/tiles/tile-properties.ts';
import { describeEachStore, PASSWORD, type StoreKind, tempRoot } from './helpers.ts';
import { postgresDatabase, postgresRuns, postgresUnavailable } from './support/postgres.ts';

const sample = JSON.parse(readFileSync('geodata/plots.geojson', 'utf8')) as FeatureCollection<Polygon>;
const SAMPLE_IDS = sample.features.map((feature) => String(feature.properties?.id)).sort();

const mercatorX = (lon: number) => (lon + 180) / 360;
function mercatorY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
}
/** The tile of zoom z that holds a longitude and latitude. */
const tileOf = (lon: number, lat: number, z: number) => ({
  x: Math.floor(mercatorX(lon) * 2 ** z),
  y: Math.floor(mercatorY(lat) * 2 ** z),
});
function bbox(feature: Feature<Polygon>) {
  const ring = feature.geometry.coordinates[0] ?? [];
  const lons = ring.map((p) => p[0] as number);
  const lats = ring.map((p) => p[1] as number);
  return {
    west: Math.min(...lons),
    east: Math.max(...lons),
    south: Math.min(...lats),
    north: Math.max(...lats),
  };
}
const centre = (feature: Feature<Polygon>) => {
  const box = bbox(feature);
  return [(box.west + box.east) / 2, (box.south + box.north) / 2] as const;
};

function decode(bytes: Uint8Array): Record<string, VectorTileLayer> {
  return new VectorTile(new PbfReader(bytes)).layers;
}
function idsOf(layer: VectorTileLayer | undefined): string[] {
  const ids: string[] = [];
  for (let i = 0; i < (layer?.length ?? 0); i++) ids.push(String(layer?.feature(i).properties.id));
  return ids;
}
/** The density points of a dots layer (no id): where, their status and how many. */
function densityPoints(layer: VectorTileLayer | undefined) {
  const points: { x: number; y: number; status: unknown; count: number }[] = [];
  for (let i = 0; i < (layer?.length ?? 0); i++) {
    const feature = layer?.feature(i);
    if (!feature || feature.properties.id !== undefined) continue;
    const at = feature.loadGeometry()[0]?.[0];
    if (at)
      points.push({
        x: at.x,
        y: at.y,
        status: feature.properties.status,
        count: Number(feature.properties.count),
      });
  }
  return points;
}
function find(layer: VectorTileLayer | undefined, id: string) {
  for (let i = 0; i < (layer?.length ?? 0); i++) {
    const feature = layer?.feature(i);
    if (feature?.properties.id === id) return feature;
  }
  return undefined;
}

let server: FastifyInstance;
let root = '';
const cookies: Record<string, string> = {};

async function get(url: string, headers: Record<string, string> = {}, who: string | null = 'viewer') {
  const cookie = who ? { cookie: cookies[who] as string } : {};
  return server.inject({ method: 'GET', url, headers: { ...cookie, ...headers } });
}

/** The decoded layers of a tile answered 200 without gzip. */
async function tile(url: string) {
  const response = await get(url);
  expect(response.statusCode, url).toBe(200);
  return decode(new Uint8Array(response.rawPayload));
}

describe('the tile index (tile-index.ts)', () => {
  it('at every zoom 0–16 each plot is in the tile under its centre, as a polygon, a dot or in the density point of its cell, never two of them', () => {
    const index = buildLayerTiles('plots', sample);
    const missing: string[] = [];
    let inDensity = 0;
    for (let z = 0; z <= MAX_TILE_ZOOM; z++) {
      const tiles = new Map<string, Record<string, VectorTileLayer>>();
      for (const feature of sample.features) {
        const { x, y } = tileOf(...centre(feature), z);
        const key = `${x}/${y}`;
        if (!tiles.has(key)) {
          const bytes = index.tile(z, x, y);
          tiles.set(key, bytes ? decode(bytes) : {});
        }
        const layers = tiles.get(key) ?? {};
        const id = String(feature.properties?.id);
        const asShape = find(layers.plots, id) !== undefined;
        const asDot = find(layers['plots-points'], id) !== undefined;
        // Its dot: the centre of its box in Web Mercator, in tile units; the density point of its cell.
        const box = bbox(feature);
        const dotX = Math.round(4096 * (((mercatorX(box.west) + mercatorX(box.east)) / 2) * 2 ** z - x));
        const dotY = Math.round(4096 * (((mercatorY(box.north) + mercatorY(box.south)) / 2) * 2 ** z - y));
        const cell = (value: number) => Math.floor(value / DENSITY_CELL);
        const density = densityPoints(layers['plots-points']).filter(
          (point) =>
            point.status === feature.properties?.status &&
            cell(point.x) === cell(dotX) &&
            cell(point.y) === cell(dotY),
        );
        const asDensity = !asShape && !asDot && density.length === 1;
        if (asDensity) inDensity++;
        if (Number(asShape) + Number(asDot) + Number(asDensity) !== 1)
          missing.push(`${z}: ${id} ${asShape && asDot ? 'twice' : 'missing'}`);
      }
    }
    expect(missing).toEqual([]);
    expect(inDensity).toBeGreaterThan(0);
  });
});

// The route on each store: SQLite's tiles come from the tile worker, PostgreSQL's from ST_AsMVT; every
// assertion below holds for both.
describeEachStore('GET /api/tiles', (storeKind) => {
  beforeAll(async () => {
    root = tempRoot();
    server = await buildServer({
      distDir: null,
      dataDir: join(root, 'data'),
      geodataDir: 'geodata',
      ...(storeKind === 'postgres' ? { store: await PostgresStore.open(await postgresDatabase()) } : {}),
    });
    const hash = await hashPassword(PASSWORD);
    for (const role of ['viewer', 'admin'] as const) {
      await server.atlas.store.createUser(role, role, hash, 'test');
      const login = await server.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: role, password: PASSWORD },
      });
      const cookie = login.cookies.find((c) => c.name === 'atlas_session');
      cookies[role] = `${cookie?.name}=${cookie?.value}`;
    }
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  describe('what a tile holds', () => {
    it('tile 12/3331/1783 of the sample holds exactly the 68 plots whose outline reaches into it (with its buffer)', async () => {
      const layers = await tile('/api/tiles/plots/12/3331/1783');
      expect(Object.keys(layers)).toEqual(['plots']);
      // Independently: the plots whose bounding box meets the tile grown by the 64/4096 buffer.
      const buffer = 64 / 4096;
      const expected = sample.features
        .filter((feature) => {
          const box = bbox(feature);
          const x0 = mercatorX(box.west) * 4096 - 3331;
          const x1 = mercatorX(box.east) * 4096 - 3331;
          const y0 = mercatorY(box.north) * 4096 - 1783;
          const y1 = mercatorY(box.south) * 4096 - 1783;
          return x1 >= -buffer && x0 <= 1 + buffer && y1 >= -buffer && y0 <= 1 + buffer;
        })
        .map((feature) => String(feature.properties?.id))
        .sort();
      expect(expected).toHaveLength(68);
      expect(idsOf(layers.plots).sort()).toEqual(expected);
      expect(layers.plots?.extent).toBe(4096);
      expect(layers.plots?.version).toBe(2);
    });

    it('keeps the properties the map draws with and drops the rest (enterprise, figures, reasons, version)', async () => {
      const layers = await tile('/api/tiles/plots/12/3331/1783');
      const plots = layers.plots as VectorTileLayer;
      for (let i = 0; i < plots.length; i++) {
        const feature = plots.feature(i);
        const original = sample.features.find((f) => f.properties?.id === feature.properties.id);
        const kept = Object.fromEntries(
          TILE_PROPERTIES.plots
            .filter((key) => original?.properties?.[key] !== undefined)
            .map((key) => [key, original?.properties?.[key]]),
        );
        expect(feature.properties).toEqual(kept);
        expect(feature.type).toBe(3); // polygon
        // Ids like HS-DX-0001 are not numbers: no MVT id; the client uses promoteId: 'id'.
        expect(feature.id).toBeUndefined();
      }
      const keys = new Set<string>();
      for (let i = 0; i < plots.length; i++)
        for (const key of Object.keys(plots.feature(i).properties)) keys.add(key);
      expect([...keys].sort()).toEqual(['deadline', 'grade', 'id', 'landUse', 'mode', 'status', 'town']);
    });

    it('at z16 a plot wholly inside its tile has every vertex where Web Mercator puts it, in tile units', async () => {
      const z = 16;
      const inside = sample.features.find((feature) => {
        const box = bbox(feature);
        const a = tileOf(box.west, box.north, z);
        const b = tileOf(box.east, box.south, z);
        return a.x === b.x && a.y === b.y;
      }) as Feature<Polygon>;
      const id = String(inside.properties?.id);
      const { x, y } = tileOf(...centre(inside), z);
      const layers = await tile(`/api/tiles/plots/${z}/${x}/${y}`);
      const feature = find(layers.plots, id);
      const ring = (feature?.loadGeometry()[0] ?? []).map((point) => [point.x, point.y]);
      const expected = (inside.geometry.coordinates[0] ?? []).map((position) => [
        Math.round((mercatorX(position[0] as number) * 2 ** z - x) * 4096),
        Math.round((mercatorY(position[1] as number) * 2 ** z - y) * 4096),
      ]);
      // The same vertices from the same first one; the ring runs the other way round: y grows downward in
      // a tile, and MVT wants outer rings clockwise there.
      const [first, ...rest] = expected;
      const clockwise = [first, ...rest.slice(0, -1).reverse(), first];
      if (storeKind === 'sqlite') {
        expect(ring).toEqual(clockwise);
      } else {
        // PostGIS (ST_AsMVTGeom) writes the same closed ring, clockwise too, from another first vertex.
        const open = ring.slice(0, -1);
        const start = open.findIndex(([px, py]) => px === first?.[0] && py === first?.[1]);
        expect(start).toBeGreaterThanOrEqual(0);
        const rotated = [...open.slice(start), ...open.slice(0, start)];
        expect([...rotated, rotated[0]]).toEqual(clockwise);
        expect(ring.at(-1)).toEqual(ring[0]);
      }
      for (const [px, py] of ring) {
        expect(px).toBeGreaterThanOrEqual(0);
        expect(px).toBeLessThanOrEqual(4096);
        expect(py).toBeGreaterThanOrEqual(0);
        expect(py).toBeLessThanOrEqual(4096);
      }
    });

    it('at z8 and z9 the tiles over Heshan account for every one of the 342 plots: a dot by id, or counted in a density point', async () => {
      for (const z of [8, 9]) {
        const a = tileOf(112.4, 23.0, z);
        const b = tileOf(113.2, 22.4, z);
        const seen = new Set<string>();
        let counted = 0;
        let densityPoints = 0;
        for (let x = a.x; x <= b.x; x++) {
          for (let y = a.y; y <= b.y; y++) {
            const response = await get(`/api/tiles/plots/${z}/${x}/${y}`);
            if (response.statusCode === 204) continue;
            const layers = decode(new Uint8Array(response.rawPayload));
            for (const id of idsOf(layers.plots)) seen.add(id);
            const points = layers['plots-points'];
            for (let i = 0; i < (points?.length ?? 0); i++) {
              const point = points?.feature(i);
              expect(point?.type).toBe(1);
              const properties = point?.properties ?? {};
              if (properties.id !== undefined) {
                seen.add(String(properties.id));
                // A lone dot: the properties a tile keeps (a deadline only where the plot has one).
                expect(Object.keys(properties).filter((key) => !TILE_PROPERTIES.plots.includes(key))).toEqual(
                  [],
                );
                expect(Object.keys(properties)).toEqual(expect.arrayContaining(['id', 'status', 'grade']));
                continue;
              }
              // A density point: its status, the most common grade, the earliest deadline (when any
              // of its plots has one), how many; counted once, in the tile that holds it (the same
              // cell in a neighbour's buffer is that tile's).
              const keys = Object.keys(properties)
                .filter((key) => key !== 'deadline')
                .sort();
              expect(keys).toEqual(['count', 'grade', 'status']);
              if ('deadline' in properties)
                expect(String(properties.deadline)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
              expect(Number(properties.count)).toBeGreaterThanOrEqual(2);
              const at = point?.loadGeometry()[0]?.[0];
              if (at && at.x >= 0 && at.x < 4096 && at.y >= 0 && at.y < 4096) {
                counted += Number(properties.count);
                densityPoints++;
              }
            }
          }
        }
        expect([z, seen.size + counted]).toEqual([z, 342]);
        expect([...seen].filter((id) => !SAMPLE_IDS.includes(id))).toEqual([]);
        expect(densityPoints).toBeGreaterThan(0);
      }
    });

    it('an empty tile is 204 with its ETag and no body', async () => {
      const response = await get('/api/tiles/plots/10/0/0', { 'accept-encoding': 'gzip' });
      expect(response.statusCode).toBe(204);
      expect(response.rawPayload.length).toBe(0);
      expect(response.headers.etag).toMatch(/^"[\w-]{27}"$/);
      expect(response.headers['content-encoding']).toBeUndefined();
    });
  });

  describe('HTTP: caching, gzip, revisions', () => {
    it('headers: the MVT type, private no-cache, an ETag, Vary; .pbf and .mvt name the same tile', async () => {
      const plain = await get('/api/tiles/plots/12/3331/1783');
      expect(plain.headers['content-type']).toBe('application/vnd.mapbox-vector-tile');
      expect(plain.headers['cache-control']).toBe('private, no-cache');
      expect(plain.headers.vary).toBe('Accept-Encoding');
      expect(plain.headers.etag).toMatch(/^"[\w-]{27}"$/);
      for (const suffix of ['.pbf', '.mvt']) {
        const other = await get(`/api/tiles/plots/12/3331/1783${suffix}`);
        expect([suffix, other.statusCode, other.headers.etag]).toEqual([suffix, 200, plain.headers.etag]);
        expect(Buffer.compare(other.rawPayload, plain.rawPayload)).toBe(0);
      }
    });

    it('If-None-Match with the ETag → 304 and no body; another ETag → 200', async () => {
      const first = await get('/api/tiles/plots/12/3331/1783');
      const etag = first.headers.etag as string;
      const again = await get('/api/tiles/plots/12/3331/1783', { 'if-none-match': etag });
      expect([again.statusCode, again.rawPayload.length, again.headers.etag]).toEqual([304, 0, etag]);
      const weak = await get('/api/tiles/plots/12/3331/1783', { 'if-none-match': `"x", W/${etag}` });
      expect(weak.statusCode).toBe(304);
      const other = await get('/api/tiles/plots/12/3331/1783', { 'if-none-match': '"not-this-one"' });
      expect(other.statusCode).toBe(200);
      // Another tile of the same revision has another tag.
      const neighbour = await get('/api/tiles/plots/12/3332/1783', { 'if-none-match': etag });
      expect(neighbour.statusCode).toBe(200);
      expect(neighbour.headers.etag).not.toBe(etag);
    });

    it('gzip when accepted: Content-Encoding gzip, the same tile inside, its own ETag; either ETag gets 304', async () => {
      const plain = await get('/api/tiles/plots/12/3331/1783');
      const zipped = await get('/api/tiles/plots/12/3331/1783', { 'accept-encoding': 'gzip, deflate, br' });
      expect(zipped.headers['content-encoding']).toBe('gzip');
      expect(zipped.headers.etag).toBe(`${(plain.headers.etag as string).slice(0, -1)}-gz"`);
      expect(Buffer.compare(gunzipSync(zipped.rawPayload), plain.rawPayload)).toBe(0);
      expect(zipped.rawPayload.length).toBeLessThan(plain.rawPayload.length);
      for (const header of ['gzip;q=0', 'identity', 'br', '*;q=0']) {
        const response = await get('/api/tiles/plots/12/3331/1783', { 'accept-encoding': header });
        expect([header, response.headers['content-encoding']]).toEqual([header, undefined]);
      }
      expect(
        (await get('/api/tiles/plots/12/3331/1783', { 'accept-encoding': '*' })).headers['content-encoding'],
      ).toBe('gzip');
      const cached = await get('/api/tiles/plots/12/3331/1783', {
        'accept-encoding': 'gzip',
        'if-none-match': plain.headers.etag as string,
      });
      expect([cached.statusCode, cached.headers.etag]).toEqual([304, zipped.headers.etag]);
    });

    it('an edit changes the revision: the tile gets a new ETag, the old one is not 304, and it shows the new status', async () => {
      const id = 'HS-DX-0001';
      const original = sample.features.find((feature) => feature.properties?.id === id) as Feature<Polygon>;
      const { x, y } = tileOf(...centre(original), 13);
      const url = `/api/tiles/plots/13/${x}/${y}`;
      const before = await get(url);
      const status = find(decode(new Uint8Array(before.rawPayload)).plots, id)?.properties.status;
      const next = status === 'completed' ? 'inspected' : 'completed';
      const current = (await get(`/api/features/plots/${encodeURIComponent(id)}`)).json();
      const patch = await server.inject({
        method: 'PATCH',
        url: `/api/features/plots/${id}`,
        headers: { cookie: cookies.admin as string },
        payload: { version: current.properties.version, properties: { status: next } },
      });
      expect(patch.statusCode).toBe(200);
      const after = await get(url, { 'if-none-match': before.headers.etag as string });
      expect(after.statusCode).toBe(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(find(decode(new Uint8Array(after.rawPayload)).plots, id)?.properties.status).toBe(next);
      // And the new tag is good until the next change.
      expect((await get(url, { 'if-none-match': after.headers.etag as string })).statusCode).toBe(304);
    });

    it('a Chinese id is kept as written; an id written as a number is also the MVT feature id', async () => {
      const base = sample.features[0] as Feature<Polygon>;
      const square = (dx: number) => [
        [
          [112.5 + dx, 22.5],
          [112.5005 + dx, 22.5],
          [112.5005 + dx, 22.5005],
          [112.5 + dx, 22.5005],
          [112.5 + dx, 22.5],
        ],
      ];
      for (const [index, id] of ['鹤山-低效-一号', '4711'].entries()) {
        const response = await server.inject({
          method: 'POST',
          url: '/api/features/plots',
          headers: { cookie: cookies.admin as string },
          payload: {
            properties: { ...base.properties, id, status: 'inspected' },
            geometry: { type: 'Polygon', coordinates: square(index * 0.001) },
          },
        });
        expect([id, response.statusCode]).toEqual([id, 201]);
      }
      const { x, y } = tileOf(112.5002, 22.5002, 14);
      const layers = await tile(`/api/tiles/plots/14/${x}/${y}`);
      expect(idsOf(layers.plots).sort()).toEqual(['4711', '鹤山-低效-一号']);
      expect(find(layers.plots, '4711')?.id).toBe(4711);
      expect(find(layers.plots, '鹤山-低效-一号')?.id).toBeUndefined();
      expect(find(layers.plots, '鹤山-低效-一号')?.properties.status).toBe('inspected');
    });

    it('other layers: projects keep points as points with name and stage; the boundary is one polygon', async () => {
      const { x, y } = tileOf(112.9, 22.7, 8);
      const layers = await tile(`/api/tiles/projects/8/${x}/${y}`);
      const projects = layers.projects as VectorTileLayer;
      const kinds = new Set<number>();
      for (let i = 0; i < projects.length; i++) {
        const feature = projects.feature(i);
        kinds.add(feature.type);
        expect(Object.keys(feature.properties).every((key) => TILE_PROPERTIES.projects.includes(key))).toBe(
          true,
        );
        expect(typeof feature.properties.name).toBe('string');
        expect(typeof feature.properties.stage).toBe('string');
      }
      expect(kinds.has(1)).toBe(true);
      const boundary = await tile(`/api/tiles/boundary/8/${x}/${y}`);
      expect(idsOf(boundary.boundary)).toEqual(['heshan']);
    });
  });

  describe('refusals', () => {
    const UNAUTHORIZED = { error: 'unauthorized', message: { zh: '请先登录。', en: 'Please log in first.' } };

    it('no session → 401 with the same body as GET /api/layers/plots, for GET and HEAD', async () => {
      const layers = await get('/api/layers/plots', {}, null);
      for (const url of [
        '/api/tiles/plots/12/3331/1783',
        '/api/tiles/plots/12/3331/1783.pbf',
        '/api/tiles/zones/0/0/0',
      ]) {
        const response = await get(url, {}, null);
        expect([url, response.statusCode, response.json()]).toEqual([url, 401, UNAUTHORIZED]);
        expect(response.body).toBe(layers.body);
        const head = await server.inject({ method: 'HEAD', url });
        expect([url, head.statusCode]).toEqual([url, 401]);
      }
      // Even an unknown layer or bad coordinates: the session is checked first.
      expect((await get('/api/tiles/rivers/0/0/0', {}, null)).statusCode).toBe(401);
      expect((await get('/api/tiles/plots/99/0/0', {}, null)).statusCode).toBe(401);
    });

    it('an unknown layer → 404 not-found, in the API’s error shape', async () => {
      for (const layer of ['rivers', 'Plots', '地块', 'plots-points']) {
        const response = await get(`/api/tiles/${encodeURIComponent(layer)}/0/0/0`);
        expect([layer, response.statusCode, response.json()]).toEqual([
          layer,
          404,
          {
            error: 'not-found',
            message: { zh: `找不到图层 ${layer}。`, en: `Layer ${layer} was not found.` },
          },
        ]);
      }
    });

    it('coordinates out of range or not plain integers → 400 invalid-request naming the field', async () => {
      const cases: [string, string][] = [
        ['17/0/0', 'z'],
        ['99/0/0', 'z'],
        ['-1/0/0', 'z'],
        ['1.5/0/0', 'z'],
        ['01/0/0', 'z'],
        ['a/0/0', 'z'],
        ['1/2/0', 'x'],
        ['0/1/0', 'x'],
        ['12/-1/0', 'x'],
        ['12/1e3/0', 'x'],
        ['12/0x10/0', 'x'],
        ['1/0/2', 'y'],
        ['12/0/4096', 'y'],
        ['12/0/1.png', 'y'],
        ['12/0/1.pbf.gz', 'y'],
        ['12/0/1.PBF', 'y'],
        ['12/0/ 1', 'y'],
        ['16/65536/0', 'x'],
      ];
      for (const [path, field] of cases) {
        const response = await get(`/api/tiles/plots/${path.replace(' ', '%20')}`);
        const body = response.json();
        expect([
          path,
          response.statusCode,
          body.error,
          body.issues.map((i: { path: string }) => i.path),
        ]).toEqual([path, 400, 'invalid-request', [field]]);
        expect(body.message.en).toBe(`The request params is not valid: ${field}.`);
      }
      // The largest tile there is answers.
      expect((await get('/api/tiles/plots/16/65535/65535')).statusCode).toBe(204);
    });
  });
});

describe('the same tiles from both stores', () => {
  if (!postgresRuns()) {
    it.skip(`skipped: ${postgresUnavailable()}`, () => {});
    return;
  }
  const servers: Record<StoreKind, FastifyInstance | null> = { sqlite: null, postgres: null };
  const sessions: Record<StoreKind, string> = { sqlite: '', postgres: '' };
  let dir = '';

  beforeAll(async () => {
    dir = tempRoot();
    for (const kind of ['sqlite', 'postgres'] as const) {
      const built = await buildServer({
        distDir: null,
        dataDir: join(dir, kind),
        geodataDir: 'geodata',
        ...(kind === 'postgres' ? { store: await PostgresStore.open(await postgresDatabase()) } : {}),
      });
      servers[kind] = built;
      await built.atlas.store.createUser('viewer', 'viewer', await hashPassword(PASSWORD), 'test');
      const login = await built.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username: 'viewer', password: PASSWORD },
      });
      const cookie = login.cookies.find((c) => c.name === 'atlas_session');
      sessions[kind] = `${cookie?.name}=${cookie?.value}`;
    }
  });

  afterAll(async () => {
    for (const each of Object.values(servers)) await each?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Per tile layer, each feature's id → its properties and geometry type. */
  async function content(kind: StoreKind, url: string) {
    const response = await (servers[kind] as FastifyInstance).inject({
      method: 'GET',
      url,
      headers: { cookie: sessions[kind] },
    });
    if (response.statusCode === 204) return {};
    expect([kind, url, response.statusCode]).toEqual([kind, url, 200]);
    const layers = decode(new Uint8Array(response.rawPayload));
    return Object.fromEntries(
      Object.entries(layers).map(([name, layer]) => {
        const found: Record<string, unknown> = {};
        for (let i = 0; i < layer.length; i++) {
          const feature = layer.feature(i);
          // A density point (no id) by where it is: the mean position of the dots it stands for.
          const key =
            feature.properties.id === undefined
              ? `density ${JSON.stringify(feature.loadGeometry())}`
              : String(feature.properties.id);
          found[key] = {
            ...feature.properties,
            type: feature.type,
            mvtId: feature.id,
          };
        }
        return [name, found];
      }),
    );
  }

  it('every 7th sample plot, at z8–16: the tile under it holds the same features, as shapes or dots, with the same properties', async () => {
    let compared = 0;
    const seen = new Set<string>();
    for (const [index, feature] of sample.features.entries()) {
      if (index % 7 !== 0) continue;
      for (const z of [8, 10, 11, 12, 13, 14, 16]) {
        const { x, y } = tileOf(...centre(feature), z);
        const url = `/api/tiles/plots/${z}/${x}/${y}`;
        if (seen.has(url)) continue;
        seen.add(url);
        const [sqlite, postgres] = await Promise.all([content('sqlite', url), content('postgres', url)]);
        expect([url, postgres]).toEqual([url, sqlite]);
        compared++;
      }
    }
    expect(compared).toBe(106);
  });

  it('other layers (projects as points, parks, the boundary) at z8 and z12', async () => {
    for (const layer of ['projects', 'parks', 'boundary', 'zones', 'newland']) {
      for (const z of [8, 12]) {
        const { x, y } = tileOf(112.9, 22.7, z);
        const url = `/api/tiles/${layer}/${z}/${x}/${y}`;
        const [sqlite, postgres] = await Promise.all([content('sqlite', url), content('postgres', url)]);
        expect([url, postgres]).toEqual([url, sqlite]);
      }
    }
  });
});
