// The server's answers match the shared wire schemas (src/domain/wire.ts) the app checks them with:
// every named field present and of its type, so a field renamed on the server fails here. (The server's
// types derive from the same schemas, so most drift fails to compile first; this is the runtime half.)
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  conflictBody,
  errorBody,
  feature,
  featureDeleted,
  historyPage,
  importReport,
  inspection,
  inspectionList,
  me,
  photo,
  recordedInspection,
  session,
  user,
  userList,
} from '../../src/domain/wire.ts';
import {
  collection,
  describeEachStore,
  inspectionWithPhoto,
  plotFeature,
  ROLE_USERS,
  startServer,
  type TestServer,
} from './helpers.ts';

describeEachStore('wire', (store) => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startServer({ store, users: ROLE_USERS });
  });
  afterAll(() => app.server.close());

  /** Parses with the shared schema; an issue (a missing or mistyped field) fails with its path. */
  function check<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
    const result = schema.safeParse(value);
    expect(result.error?.issues ?? []).toEqual([]);
    return result.data as z.infer<T>;
  }

  describe('wire schemas', () => {
    it('/api/session signed out and in, /api/login and /api/me', async () => {
      const out = await app.server.inject({ method: 'GET', url: '/api/session' });
      expect(check(session, out.json())).toEqual({ signedIn: false, setupNeeded: false });
      const cookie = await app.login('planner');
      const signedIn = check(
        session,
        (await app.server.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json(),
      );
      expect(signedIn).toMatchObject({ signedIn: true, user: { username: 'planner', role: 'planner' } });
      const mine = check(
        me,
        (await app.server.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json(),
      );
      expect(mine.can.editLayers).toContain('plots');
      expect(mine.can.inspect).toBe(false);
    });

    it('an inspection with a photo, read alone and in the list of its plot', async () => {
      const cookie = await app.login('inspector');
      const { inspectionId, photoId } = await inspectionWithPhoto(app.server, cookie, 'HS-T-0001');
      const alone = await app.server.inject({
        method: 'GET',
        url: `/api/inspections/${inspectionId}`,
        headers: { cookie },
      });
      const record = check(inspection, alone.json());
      expect(record).toMatchObject({ id: inspectionId, plotId: 'HS-T-0001', mode: null, notes: null });
      expect(record.photos).toHaveLength(1);
      expect(check(photo, alone.json().photos[0])).toMatchObject({
        id: photoId,
        inspectionId,
        contentType: 'image/png',
        url: `/api/photos/${photoId}`,
      });
      expect(alone.json().photos[0]).not.toHaveProperty('fileName');
      const list = await app.server.inject({
        method: 'GET',
        url: '/api/plots/HS-T-0001/inspections',
        headers: { cookie },
      });
      expect(check(z.array(inspection), list.json().inspections)).toContainEqual(record);
    });
  });

  describe('wire schemas: features, inspections, history', () => {
    it('a recorded inspection, the plot’s inspections and the history of the plot and the inspection', async () => {
      const cookie = await app.login('inspector');
      const before = check(
        feature,
        (
          await app.server.inject({
            method: 'GET',
            url: '/api/features/plots/HS-T-0002',
            headers: { cookie },
          })
        ).json(),
      );
      const posted = await app.server.inject({
        method: 'POST',
        url: '/api/inspections',
        headers: { cookie },
        payload: {
          plotId: 'HS-T-0002',
          date: '2026-03-01',
          findings: '已整改',
          status: 'rectifying',
          mode: 'redevelopment',
          notes: '复查',
          clientId: randomUUID(),
          plotVersion: before.properties.version,
        },
      });
      expect(posted.statusCode).toBe(201);
      const recorded = check(recordedInspection, posted.json());
      expect(recorded).toMatchObject({ plotId: 'HS-T-0002', status: 'rectifying', mode: 'redevelopment' });
      expect(recorded.plot.properties).toMatchObject({
        version: before.properties.version + 1,
        status: 'rectifying',
      });

      const list = check(
        inspectionList,
        (
          await app.server.inject({
            method: 'GET',
            url: '/api/plots/HS-T-0002/inspections',
            headers: { cookie },
          })
        ).json(),
      );
      expect(list.inspections.map((item) => item.id)).toEqual([recorded.id]);

      const plotHistory = check(
        historyPage,
        (
          await app.server.inject({
            method: 'GET',
            url: '/api/history?layer=plots&id=HS-T-0002&limit=50',
            headers: { cookie },
          })
        ).json(),
      );
      expect(plotHistory.entries.map((entry) => entry.action)).toContain('inspection');
      expect(plotHistory.next).toBeNull();
      const inspectionHistory = check(
        historyPage,
        (
          await app.server.inject({
            method: 'GET',
            url: `/api/history?layer=inspections&id=${recorded.id}`,
            headers: { cookie },
          })
        ).json(),
      );
      expect(inspectionHistory.entries[0]).toMatchObject({ entity: 'inspection', entityId: recorded.id });
    });

    it('a feature changed, refused as stale, created and deleted; refusals', async () => {
      const planner = await app.login('planner');
      const current = check(
        feature,
        (
          await app.server.inject({
            method: 'GET',
            url: '/api/features/plots/HS-T-0003',
            headers: { cookie: planner },
          })
        ).json(),
      );
      const patch = (version: number) =>
        app.server.inject({
          method: 'PATCH',
          url: '/api/features/plots/HS-T-0003',
          headers: { cookie: planner },
          payload: { version, properties: { enterprise: '改名企业' } },
        });
      const changed = check(feature, (await patch(current.properties.version)).json());
      expect(changed.properties).toMatchObject({
        enterprise: '改名企业',
        version: current.properties.version + 1,
      });
      const stale = await patch(current.properties.version);
      expect(stale.statusCode).toBe(409);
      expect(check(conflictBody, stale.json()).current.properties.version).toBe(changed.properties.version);

      const missing = await app.server.inject({
        method: 'GET',
        url: '/api/features/plots/HS-NONE',
        headers: { cookie: planner },
      });
      expect(missing.statusCode).toBe(404);
      expect(check(errorBody, missing.json()).error).toBe('not-found');
      const nowhere = await app.server.inject({ method: 'GET', url: '/api/nowhere' });
      expect(check(errorBody, nowhere.json()).error).toBe('not-found');

      const created = await app.server.inject({
        method: 'POST',
        url: '/api/features/zones',
        headers: { cookie: planner },
        payload: {
          properties: {
            id: 'Z-WIRE',
            name: '片区',
            mode: 'redevelopment',
            plannedLandUse: '1001',
            notes: '',
          },
          geometry: plotFeature(41).geometry,
        },
      });
      expect(created.statusCode).toBe(201);
      const zone = check(feature, created.json());
      const deleted = await app.server.inject({
        method: 'DELETE',
        url: `/api/features/zones/Z-WIRE?version=${zone.properties.version}`,
        headers: { cookie: planner },
      });
      expect(check(featureDeleted, deleted.json())).toEqual({
        deleted: 'Z-WIRE',
        layer: 'zones',
        version: 1,
      });
    });

    it('the admin’s answers: users and an import report', async () => {
      const admin = await app.login('admin');
      const users = check(
        userList,
        (await app.server.inject({ method: 'GET', url: '/api/users', headers: { cookie: admin } })).json(),
      );
      expect(users.users.map((account) => account.username)).toContain('viewer');
      const added = await app.server.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie: admin },
        payload: { username: 'wire-user', role: 'viewer', password: 'a long enough passphrase 7' },
      });
      expect(added.statusCode).toBe(201);
      expect(check(user, added.json())).toMatchObject({ username: 'wire-user', disabled: false });

      const imported = await app.server.inject({
        method: 'POST',
        url: '/api/import/plots?mode=merge',
        headers: { cookie: admin, 'content-type': 'application/geo+json' },
        payload: JSON.stringify(collection([plotFeature(9)])),
      });
      expect(imported.statusCode).toBe(200);
      expect(check(importReport, imported.json())).toMatchObject({
        layer: 'plots',
        mode: 'merge',
        created: 1,
      });
    });
  });
});
