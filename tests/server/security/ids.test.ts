// Attack: feature ids a header cannot carry (Chinese, spaces) or no route can address (too long).
// Today a PATCH of such a feature commits and then answers 500 (the raw id went into the ETag), so the
// client retries into a 409; a 129-character id can be created but never read back.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collection, plotFeature, ROLE_USERS, startServer, type TestServer } from '../helpers.ts';
import { featureState, plotWithId } from './data-support.ts';

let app: TestServer;
let admin = '';
let planner = '';
let inspector = '';

beforeAll(async () => {
  app = await startServer({ users: ROLE_USERS });
  admin = await app.login('admin');
  planner = await app.login('planner');
  inspector = await app.login('inspector');
});
afterAll(() => app.server.close());

const LONG_128 = '鹤山'.repeat(32) + 'x'.repeat(64);
const OPAQUE_ETAG = /^"[A-Za-z0-9_-]{27}"$/;

describe('any feature id of 1–128 characters works on every route', () => {
  it.each([
    ['a Chinese id', '鹤山-新增-001', 901],
    ['an id with spaces', 'a b c', 902],
    ['an id of 128 characters', LONG_128, 903],
  ])(
    '%s: create, read, patch, inspect, history and delete answer as for any id',
    async (_name, id, index) => {
      expect([...id].length).toBeLessThanOrEqual(128);
      const path = `/api/features/plots/${encodeURIComponent(id)}`;
      const feature = plotWithId(id, index);
      const created = await app.server.inject({
        method: 'POST',
        url: '/api/features/plots',
        headers: { cookie: admin },
        payload: { properties: feature.properties, geometry: feature.geometry },
      });
      expect(created.statusCode).toBe(201);
      expect(created.headers.etag).toMatch(OPAQUE_ETAG);

      const read = await app.server.inject({ method: 'GET', url: path, headers: { cookie: planner } });
      expect(read.statusCode).toBe(200);
      expect(read.json().id).toBe(id);
      expect(read.headers.etag).toBe(created.headers.etag);

      const patched = await app.server.inject({
        method: 'PATCH',
        url: path,
        headers: { cookie: planner },
        payload: { version: 1, properties: { far: 0.9 } },
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json().properties).toMatchObject({ id, version: 2, far: 0.9 });
      expect(patched.headers.etag).toMatch(OPAQUE_ETAG);
      expect(patched.headers.etag).not.toBe(created.headers.etag);

      const inspected = await app.server.inject({
        method: 'POST',
        url: '/api/inspections',
        headers: { cookie: inspector },
        payload: { plotId: id, date: '2026-11-02', findings: '已核查', status: 'rectifying', plotVersion: 2 },
      });
      expect(inspected.statusCode).toBe(201);
      expect(inspected.json().plot.properties).toMatchObject({ id, version: 3, status: 'rectifying' });

      const inspections = await app.server.inject({
        method: 'GET',
        url: `/api/plots/${encodeURIComponent(id)}/inspections`,
        headers: { cookie: planner },
      });
      expect(inspections.statusCode).toBe(200);
      expect(inspections.json().inspections).toHaveLength(1);

      const history = await app.server.inject({
        method: 'GET',
        url: `/api/history?layer=plots&id=${encodeURIComponent(id)}`,
        headers: { cookie: planner },
      });
      expect(history.statusCode).toBe(200);
      expect(history.json().entries.map((entry: { action: string }) => entry.action)).toEqual([
        'inspection',
        'update',
        'create',
      ]);

      const deleted = await app.server.inject({
        method: 'DELETE',
        url: `${path}?version=3`,
        headers: { cookie: admin },
      });
      expect(deleted.statusCode).toBe(200);
      expect(deleted.json()).toEqual({ deleted: id, layer: 'plots', version: 3 });
      const gone = await app.server.inject({ method: 'GET', url: path, headers: { cookie: planner } });
      expect(gone.statusCode).toBe(404);
    },
  );

  it('a PATCH of a Chinese id is answered 200 once, and its retry gets the 409 of a stale version', async () => {
    const id = '鹤山-新增-002';
    const feature = plotWithId(id, 904);
    await app.server.inject({
      method: 'POST',
      url: '/api/features/plots',
      headers: { cookie: admin },
      payload: { properties: feature.properties, geometry: feature.geometry },
    });
    const send = () =>
      app.server.inject({
        method: 'PATCH',
        url: `/api/features/plots/${encodeURIComponent(id)}`,
        headers: { cookie: planner },
        payload: { version: 1, properties: { status: 'rectifying' } },
      });
    expect((await send()).statusCode).toBe(200);
    const retry = await send();
    expect(retry.statusCode).toBe(409);
    expect(retry.json().current.properties.version).toBe(2);
  });
});

describe('ids no route could address are refused where they enter', () => {
  const TOO_LONG = 'x'.repeat(129);

  it('a 129-character id at create gets 422 invalid-id and nothing is stored', async () => {
    const before = await featureState(app, planner, 'plots', 'HS-T-0001');
    const feature = plotWithId(TOO_LONG, 905);
    const response = await app.server.inject({
      method: 'POST',
      url: '/api/features/plots',
      headers: { cookie: admin },
      payload: { properties: feature.properties, geometry: feature.geometry },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toBe('invalid-id');
    expect(response.json().message.en).toContain('128');
    expect((await featureState(app, planner, 'plots', 'HS-T-0001')).revision).toBe(before.revision);
  });

  it.each([
    ['a control character', 'HS\u001b[31m'],
    ['only spaces', '   '],
    ['a dot segment', '..'],
  ])('an id with %s at create gets 422 invalid-id', async (_name, id) => {
    const feature = plotWithId(id, 906);
    const response = await app.server.inject({
      method: 'POST',
      url: '/api/features/plots',
      headers: { cookie: admin },
      payload: { properties: feature.properties, geometry: feature.geometry },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toBe('invalid-id');
  });

  it('a 129-character id in an import gets 422 naming that feature, and the layer is unchanged', async () => {
    const before = await featureState(app, planner, 'plots', 'HS-T-0001');
    const response = await app.server.inject({
      method: 'POST',
      url: '/api/import/plots?mode=merge',
      headers: { cookie: admin, 'content-type': 'application/geo+json' },
      payload: JSON.stringify(collection([plotFeature(1), plotWithId(TOO_LONG, 907)])),
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toBe('invalid-geojson');
    expect(response.json().problems).toMatchObject([
      { code: 'property-schema', featureIndex: 1, featureId: TOO_LONG, severity: 'error' },
    ]);
    expect(response.json().problems).toHaveLength(1);
    expect(await featureState(app, planner, 'plots', 'HS-T-0001')).toEqual(before);
  });

  it('a 129-character id in a path gets 400, not a 500 or a match of some shorter id', async () => {
    const response = await app.server.inject({
      method: 'GET',
      url: `/api/features/plots/${TOO_LONG}`,
      headers: { cookie: planner },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('invalid-request');
  });

  it('a path segment of 300 characters gets 414 path-too-long in our words', async () => {
    const response = await app.server.inject({
      method: 'GET',
      url: `/api/features/plots/${'x'.repeat(300)}`,
      headers: { cookie: planner },
    });
    expect(response.statusCode).toBe(414);
    expect(response.json()).toMatchObject({ error: 'path-too-long', message: { zh: expect.any(String) } });
  });
});
