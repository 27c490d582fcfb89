// Attack: feature ids a header cannot carry (Chinese, spaces) or no route can address (too long).
// Today a PATCH of such a feature commits and then answers 500 (the raw id went into the ETag), so the
// client retries into a 409; a 129-character id can be created but never read back.
import { describe, expect, it } from 'vitest';
import { collection, describeEachStore, plotFeature } from '../helpers.ts';
import { featureState, plotWithId, serverForTests } from './data-support.ts';

describeEachStore('ids', (store) => {
  const s = serverForTests(store);

  const LONG_128 = '鹤山'.repeat(32) + 'x'.repeat(64);
  const OPAQUE_ETAG = /^"[A-Za-z0-9_-]{27}"$/;

  const createPlot = (id: string, index: number) => {
    const feature = plotWithId(id, index);
    return s.admin.send('POST', '/api/features/plots', {
      properties: feature.properties,
      geometry: feature.geometry,
    });
  };

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
        const created = await createPlot(id, index);
        expect(created.statusCode).toBe(201);
        expect(created.headers.etag).toMatch(OPAQUE_ETAG);

        const read = await s.planner.get(path);
        expect(read.statusCode).toBe(200);
        expect(read.json().id).toBe(id);
        expect(read.headers.etag).toBe(created.headers.etag);

        const patched = await s.planner.send('PATCH', path, { version: 1, properties: { far: 0.9 } });
        expect(patched.statusCode).toBe(200);
        expect(patched.json().properties).toMatchObject({ id, version: 2, far: 0.9 });
        expect(patched.headers.etag).toMatch(OPAQUE_ETAG);
        expect(patched.headers.etag).not.toBe(created.headers.etag);

        const inspected = await s.inspector.send('POST', '/api/inspections', {
          plotId: id,
          date: '2026-11-02',
          findings: '已核查',
          status: 'rectifying',
          plotVersion: 2,
        });
        expect(inspected.statusCode).toBe(201);
        expect(inspected.json().plot.properties).toMatchObject({ id, version: 3, status: 'rectifying' });

        const inspections = await s.planner.get(`/api/plots/${encodeURIComponent(id)}/inspections`);
        expect(inspections.statusCode).toBe(200);
        expect(inspections.json().inspections).toHaveLength(1);

        const history = await s.planner.get(`/api/history?layer=plots&id=${encodeURIComponent(id)}`);
        expect(history.statusCode).toBe(200);
        expect(history.json().entries.map((entry: { action: string }) => entry.action)).toEqual([
          'inspection',
          'update',
          'create',
        ]);

        const deleted = await s.admin.send('DELETE', `${path}?version=3`);
        expect(deleted.statusCode).toBe(200);
        expect(deleted.json()).toEqual({ deleted: id, layer: 'plots', version: 3 });
        expect((await s.planner.get(path)).statusCode).toBe(404);
      },
    );

    it('a PATCH of a Chinese id is answered 200 once, and its retry gets the 409 of a stale version', async () => {
      const id = '鹤山-新增-002';
      expect((await createPlot(id, 904)).statusCode).toBe(201);
      const send = () =>
        s.planner.send('PATCH', `/api/features/plots/${encodeURIComponent(id)}`, {
          version: 1,
          properties: { status: 'rectifying' },
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
      const before = await featureState(s.planner, 'plots', 'HS-T-0001');
      const response = await createPlot(TOO_LONG, 905);
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toBe('invalid-id');
      expect(response.json().message.en).toContain('128');
      expect((await featureState(s.planner, 'plots', 'HS-T-0001')).revision).toBe(before.revision);
    });

    it.each([
      ['a control character', 'HS\u001b[31m'],
      ['only spaces', '   '],
      ['a dot segment', '..'],
    ])('an id with %s at create gets 422 invalid-id', async (_name, id) => {
      const response = await createPlot(id, 906);
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toBe('invalid-id');
    });

    it('a 129-character id in an import gets 422 naming that feature, and the layer is unchanged', async () => {
      const before = await featureState(s.planner, 'plots', 'HS-T-0001');
      const response = await s.admin.importText(
        'mode=merge',
        JSON.stringify(collection([plotFeature(1), plotWithId(TOO_LONG, 907)])),
      );
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toBe('invalid-geojson');
      expect(response.json().problems).toMatchObject([
        { code: 'invalid-id', featureIndex: 1, featureId: TOO_LONG, severity: 'error' },
      ]);
      expect(response.json().problems).toHaveLength(1);
      expect(await featureState(s.planner, 'plots', 'HS-T-0001')).toEqual(before);
    });

    it('a 129-character id in a path gets 400, not a 500 or a match of some shorter id', async () => {
      const response = await s.planner.get(`/api/features/plots/${TOO_LONG}`);
      expect(response.statusCode).toBe(400);
      expect(response.json().error).toBe('invalid-request');
    });

    it('a path segment of 300 characters gets 414 path-too-long in our words', async () => {
      const response = await s.planner.get(`/api/features/plots/${'x'.repeat(300)}`);
      expect(response.statusCode).toBe(414);
      expect(response.json()).toMatchObject({ error: 'path-too-long', message: { zh: expect.any(String) } });
    });
  });
});
