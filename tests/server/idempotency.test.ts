// Idempotency-Key on every write route, on both stores: a retry with the same key gets the first
// answer and writes nothing; the same key with another request is 422; concurrent requests with one key
// write once; a refused write keeps nothing; keys are per user; a resent photo is stored once.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeEachStore,
  multipart,
  plotFeature,
  ROLE_USERS,
  startServer,
  type TestServer,
  tinyPng,
} from './helpers.ts';

const key = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

describeEachStore('Idempotency-Key', (store) => {
  let app: TestServer;
  let planner = '';
  let inspector = '';
  let admin = '';

  beforeAll(async () => {
    app = await startServer({ store, users: ROLE_USERS, plots: 8 });
    planner = await app.login('planner');
    inspector = await app.login('inspector');
    admin = await app.login('admin');
  });
  afterAll(() => app.server.close());

  const send = (cookie: string, idempotencyKey: string | null, options: InjectOptions) =>
    app.server.inject({
      ...options,
      headers: {
        ...(options.headers ?? {}),
        cookie,
        ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
      },
    });

  const patch = (cookie: string, k: string | null, id: string, version: number, properties: object) =>
    send(cookie, k, { method: 'PATCH', url: `/api/features/plots/${id}`, payload: { version, properties } });

  const photoFiles = () => {
    const dir = join(app.dataDir, 'photos');
    return existsSync(dir) ? readdirSync(dir).length : 0;
  };

  const historyCount = async (entityId: string, action: string) =>
    (
      await app.sql('SELECT count(*) AS n FROM history WHERE entity_id = ? AND action = ?', [
        entityId,
        action,
      ])
    )[0]?.n;

  describe('PATCH of a feature', () => {
    it('a retry with the same key gets the first answer and writes nothing', async () => {
      const first = await patch(planner, key(1), 'HS-T-0001', 1, { far: 0.7 });
      expect(first.statusCode).toBe(200);
      const again = await patch(planner, key(1), 'HS-T-0001', 1, { far: 0.7 });
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
      const feature = await send(planner, null, { method: 'GET', url: '/api/features/plots/HS-T-0001' });
      expect(feature.json().properties).toMatchObject({ version: 2, far: 0.7 });
      expect(await historyCount('HS-T-0001', 'update')).toBe(1);
    });

    it('the same key with a different body is 422 idempotency-key-reused and changes nothing', async () => {
      const other = await patch(planner, key(1), 'HS-T-0001', 2, { far: 0.9 });
      expect(other.statusCode).toBe(422);
      expect(other.json().error).toBe('idempotency-key-reused');
      expect(other.json().message.zh).toContain('Idempotency-Key');
      const elsewhere = await patch(planner, key(1), 'HS-T-0002', 1, { far: 0.7 });
      expect(elsewhere.statusCode).toBe(422);
      const feature = await send(planner, null, { method: 'GET', url: '/api/features/plots/HS-T-0001' });
      expect(feature.json().properties).toMatchObject({ version: 2, far: 0.7 });
      const untouched = await send(planner, null, { method: 'GET', url: '/api/features/plots/HS-T-0002' });
      expect(untouched.json().properties.version).toBe(1);
    });

    it('ten concurrent requests with one key write exactly once, and all get the same answer', async () => {
      const answers = await Promise.all(
        Array.from({ length: 10 }, () => patch(planner, key(2), 'HS-T-0003', 1, { far: 0.6 })),
      );
      expect(answers.map((answer) => answer.statusCode)).toEqual(Array(10).fill(200));
      const bodies = new Set(answers.map((answer) => answer.body));
      expect(bodies.size).toBe(1);
      expect(answers.filter((answer) => answer.headers['idempotent-replayed'] === 'true')).toHaveLength(9);
      expect(await historyCount('HS-T-0003', 'update')).toBe(1);
      const feature = await send(planner, null, { method: 'GET', url: '/api/features/plots/HS-T-0003' });
      expect(feature.json().properties.version).toBe(2);
    });

    it('a refused write (409) keeps nothing: the rebased retry with the same key is written', async () => {
      const stale = await patch(planner, key(3), 'HS-T-0001', 1, { taxPerMu: 9 });
      expect(stale.statusCode).toBe(409);
      const rebased = await patch(planner, key(3), 'HS-T-0001', 2, { taxPerMu: 9 });
      expect(rebased.statusCode).toBe(200);
      expect(rebased.json().properties).toMatchObject({ version: 3, taxPerMu: 9, far: 0.7 });
    });

    it('keys are per user: another user with the same key writes their own change', async () => {
      const mine = await patch(planner, key(4), 'HS-T-0004', 1, { far: 0.8 });
      expect(mine.statusCode).toBe(200);
      const theirs = await patch(admin, key(4), 'HS-T-0004', 2, { far: 0.85 });
      expect(theirs.statusCode).toBe(200);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
      expect(theirs.json().properties).toMatchObject({ version: 3, far: 0.85 });
    });

    it('a malformed key is 400 invalid-idempotency-key', async () => {
      const bad = await patch(planner, 'short', 'HS-T-0005', 1, { far: 0.8 });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error).toBe('invalid-idempotency-key');
      const feature = await send(planner, null, { method: 'GET', url: '/api/features/plots/HS-T-0005' });
      expect(feature.json().properties.version).toBe(1);
    });

    it('a retry by another spelling of the same path (%48 for H, %2D for -) is the same write: replayed, written once', async () => {
      const first = await patch(planner, key(6), 'HS-T-0006', 1, { far: 0.6 });
      expect(first.statusCode).toBe(200);
      const again = await patch(planner, key(6), '%48S%2DT-0006', 1, { far: 0.6 });
      expect(again.statusCode).toBe(200);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(first.json());
      expect(await historyCount('HS-T-0006', 'update')).toBe(1);
    });
  });

  describe('zones: create and delete', () => {
    const zone = {
      properties: {
        id: 'Z-IDEM',
        name: '幂等片区',
        mode: 'redevelopment',
        plannedLandUse: '1001',
        notes: '',
      },
      geometry: plotFeature(40).geometry,
    };

    it('a create retried (also concurrently) makes one zone; each retry gets 201 and the same zone', async () => {
      const answers = await Promise.all(
        Array.from({ length: 4 }, () =>
          send(planner, key(10), { method: 'POST', url: '/api/features/zones', payload: zone }),
        ),
      );
      expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201, 201]);
      expect(new Set(answers.map((answer) => answer.body)).size).toBe(1);
      const later = await send(planner, key(10), {
        method: 'POST',
        url: '/api/features/zones',
        payload: zone,
      });
      expect(later.statusCode).toBe(201);
      expect(later.body).toBe(answers[0]?.body);
      expect(await historyCount('Z-IDEM', 'create')).toBe(1);
    });

    it('a delete retried gets 200 again, not 404, and deletes once', async () => {
      const url = '/api/features/zones/Z-IDEM?version=1';
      const first = await send(planner, key(11), { method: 'DELETE', url });
      expect(first.statusCode).toBe(200);
      const again = await send(planner, key(11), { method: 'DELETE', url });
      expect(again.statusCode).toBe(200);
      expect(again.json()).toEqual({ deleted: 'Z-IDEM', layer: 'zones', version: 1 });
      expect(await historyCount('Z-IDEM', 'delete')).toBe(1);
      const withoutKey = await send(planner, null, { method: 'DELETE', url });
      expect(withoutKey.statusCode).toBe(404);
    });
  });

  describe('inspections and photos', () => {
    const inspection = (plotId: string, extra: object = {}) => ({
      method: 'POST' as const,
      url: '/api/inspections',
      payload: { plotId, date: '2026-11-30', findings: '离线记录', status: 'inspected', ...extra },
    });
    const count = async (table: string, column: string, value: string) =>
      (await app.sql(`SELECT count(*) AS n FROM ${table} WHERE ${column} = ?`, [value]))[0]?.n;

    it('an inspection sent five times at once with one key is recorded once (no clientId needed)', async () => {
      const answers = await Promise.all(
        Array.from({ length: 5 }, () => send(inspector, key(20), inspection('HS-T-0006'))),
      );
      expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201, 201, 201]);
      expect(new Set(answers.map((answer) => answer.json().id)).size).toBe(1);
      expect(await count('inspections', 'plot_id', 'HS-T-0006')).toBe(1);
    });

    it('the clientId dedupe still works without a key, and with a new key for the same clientId', async () => {
      const clientId = key(21);
      const first = await send(inspector, null, inspection('HS-T-0007', { clientId }));
      expect(first.statusCode).toBe(201);
      const again = await send(inspector, key(22), inspection('HS-T-0007', { clientId }));
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(first.json().id);
      expect(await count('inspections', 'plot_id', 'HS-T-0007')).toBe(1);
    });

    it('a photo resent with its key is stored once (row and file), also when sent concurrently', async () => {
      const recorded = await send(inspector, key(23), inspection('HS-T-0008', { clientId: key(24) }));
      const inspectionId: string = recorded.json().id;
      const photosBefore = photoFiles();
      const upload = () => {
        const body = multipart('photo', 'site.png', 'image/png', tinyPng());
        // Named by the inspection's client id, as the outbox of a tablet does.
        return send(inspector, key(25), {
          method: 'POST',
          url: `/api/inspections/${key(24)}/photos`,
          headers: body.headers,
          payload: body.payload,
        });
      };
      const answers = await Promise.all([upload(), upload(), upload()]);
      expect(answers.map((answer) => answer.statusCode)).toEqual([201, 201, 201]);
      expect(new Set(answers.map((answer) => answer.json().id)).size).toBe(1);
      expect(answers[0]?.json().inspectionId).toBe(inspectionId);
      const later = await upload();
      expect(later.statusCode).toBe(201);
      expect(later.json().id).toBe(answers[0]?.json().id);
      expect(await count('photos', 'inspection_id', inspectionId)).toBe(1);
      expect(photoFiles()).toBe(photosBefore + 1);
    });

    it('the same photo key with another file is 422, and nothing is stored', async () => {
      const other = Buffer.concat([tinyPng(), Buffer.from('different trailing bytes')]);
      const body = multipart('photo', 'other.png', 'image/png', other);
      const inspectionId = (
        await send(inspector, null, { method: 'GET', url: '/api/plots/HS-T-0008/inspections' })
      ).json().inspections[0].id as string;
      const photosBefore = photoFiles();
      const answer = await send(inspector, key(25), {
        method: 'POST',
        url: `/api/inspections/${inspectionId}/photos`,
        headers: body.headers,
        payload: body.payload,
      });
      expect(answer.statusCode).toBe(422);
      expect(answer.json().error).toBe('idempotency-key-reused');
      expect(await count('photos', 'inspection_id', inspectionId)).toBe(1);
      expect(photoFiles()).toBe(photosBefore);
    });
  });
});
