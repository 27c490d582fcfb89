// Versioned edits: two edits from the same version — one wins, the other gets 409 with the current
// feature and nothing is overwritten; history keeps both outcomes ('update' and 'conflict').
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore, ROLE_USERS, startServer, type TestServer } from './helpers.ts';

describeEachStore('versions', (store) => {
  let app: TestServer;
  let planner = '';
  let inspector = '';

  beforeAll(async () => {
    app = await startServer({ store, users: ROLE_USERS });
    planner = await app.login('planner');
    inspector = await app.login('inspector');
  });
  afterAll(() => app.server.close());

  const patch = (cookie: string, id: string, payload: unknown) =>
    app.server.inject({
      method: 'PATCH',
      url: `/api/features/plots/${id}`,
      headers: { cookie },
      payload: payload as object,
    });

  describe('versioned edits', () => {
    it('two edits from the same version: one wins, the other gets 409 with the current feature', async () => {
      const [first, second] = await Promise.all([
        patch(planner, 'HS-T-0001', { version: 1, properties: { far: 0.8 } }),
        patch(planner, 'HS-T-0001', { version: 1, properties: { far: 1.2, grade: 'B' } }),
      ]);
      const statuses = [first.statusCode, second.statusCode].sort();
      expect(statuses).toEqual([200, 409]);
      const winner = first.statusCode === 200 ? first : second;
      const loser = first.statusCode === 200 ? second : first;
      expect(winner.json().properties.version).toBe(2);
      expect(loser.json().error).toBe('version-conflict');
      expect(loser.json().current).toEqual(winner.json());
      const stored = await app.server.inject({
        method: 'GET',
        url: '/api/features/plots/HS-T-0001',
        headers: { cookie: planner },
      });
      expect(stored.json()).toEqual(winner.json());

      const history = await app.server.inject({
        method: 'GET',
        url: '/api/history?layer=plots&id=HS-T-0001',
        headers: { cookie: planner },
      });
      const entries = history.json().entries as {
        action: string;
        versionBefore: number;
        versionAfter: number;
        actor: string;
        after: { properties: Record<string, unknown> };
      }[];
      expect(entries.map((entry) => entry.action).sort()).toEqual(['conflict', 'update']);
      const update = entries.find((entry) => entry.action === 'update');
      const conflict = entries.find((entry) => entry.action === 'conflict');
      expect(update).toMatchObject({ versionBefore: 1, versionAfter: 2, actor: 'planner' });
      expect(conflict).toMatchObject({ versionBefore: 1, versionAfter: 2, actor: 'planner' });
      // The refused attempt is kept as it was sent.
      expect(conflict?.after.properties).toEqual(loser === first ? { far: 0.8 } : { far: 1.2, grade: 'B' });
    });

    it('the new version follows from the named one; properties are checked after the merge', async () => {
      const ok = await patch(planner, 'HS-T-0002', {
        version: 1,
        properties: { status: 'rectifying', deadline: '2026-12-31' },
      });
      expect(ok.statusCode).toBe(200);
      expect(ok.json().properties).toMatchObject({
        id: 'HS-T-0002',
        version: 2,
        status: 'rectifying',
        far: 0.5,
      });
      const invalid = await patch(planner, 'HS-T-0002', { version: 2, properties: { status: 'demolished' } });
      expect(invalid.statusCode).toBe(422);
      expect(invalid.json()).toMatchObject({ error: 'invalid-properties' });
      expect(invalid.json().message.zh).toContain('status');
      const idChange = await patch(planner, 'HS-T-0002', { version: 2, properties: { id: 'HS-X' } });
      expect(idChange.json().error).toBe('id-immutable');
      const unknownField = await patch(planner, 'HS-T-0002', { version: 2, properties: {}, extra: 1 });
      expect(unknownField.statusCode).toBe(400);
      const removed = await patch(planner, 'HS-T-0002', { version: 2, properties: { deadline: null } });
      expect(removed.json().properties.deadline).toBeUndefined();
      expect(removed.json().properties.version).toBe(3);
      const missing = await patch(planner, 'HS-NONE', { version: 1, properties: {} });
      expect(missing.statusCode).toBe(404);
    });

    it('an inspection updates the plot through the versioned path, in one transaction', async () => {
      const recorded = await app.server.inject({
        method: 'POST',
        url: '/api/inspections',
        headers: { cookie: inspector },
        payload: {
          plotId: 'HS-T-0003',
          date: '2026-04-02',
          findings: '已拆除旧厂房',
          status: 'rectifying',
          mode: 'redevelopment',
          notes: '<b>not html</b>',
        },
      });
      expect(recorded.statusCode).toBe(201);
      const inspection = recorded.json();
      expect(inspection).toMatchObject({
        plotId: 'HS-T-0003',
        inspector: 'inspector',
        plotVersion: 2,
        notes: '<b>not html</b>',
      });
      const plot = await app.server.inject({
        method: 'GET',
        url: '/api/features/plots/HS-T-0003',
        headers: { cookie: inspector },
      });
      expect(plot.json().properties).toMatchObject({
        status: 'rectifying',
        mode: 'redevelopment',
        version: 2,
      });
      const list = await app.server.inject({
        method: 'GET',
        url: '/api/plots/HS-T-0003/inspections',
        headers: { cookie: inspector },
      });
      expect(list.json().inspections.map((item: { id: string }) => item.id)).toEqual([inspection.id]);
      const plotHistory = await app.server.inject({
        method: 'GET',
        url: '/api/history?layer=plots&id=HS-T-0003',
        headers: { cookie: inspector },
      });
      expect(plotHistory.json().entries[0]).toMatchObject({
        action: 'inspection',
        versionBefore: 1,
        versionAfter: 2,
        note: `inspection ${inspection.id}`,
      });
      const own = await app.server.inject({
        method: 'GET',
        url: `/api/history?layer=inspections&id=${inspection.id}`,
        headers: { cookie: inspector },
      });
      expect(own.json().entries[0]).toMatchObject({ action: 'create', entity: 'inspection' });

      // A stale plotVersion is a conflict and records nothing but the conflict.
      const stale = await app.server.inject({
        method: 'POST',
        url: '/api/inspections',
        headers: { cookie: inspector },
        payload: {
          plotId: 'HS-T-0003',
          date: '2026-04-03',
          findings: 'x',
          status: 'completed',
          plotVersion: 1,
        },
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().current.properties.version).toBe(2);
      const after = await app.server.inject({
        method: 'GET',
        url: '/api/plots/HS-T-0003/inspections',
        headers: { cookie: inspector },
      });
      expect(after.json().inspections).toHaveLength(1);
    });

    it('a retried inspection with the same clientId is recorded once', async () => {
      const payload = {
        plotId: 'HS-T-0004',
        date: '2026-04-05',
        findings: '离线记录',
        status: 'inspected',
        clientId: crypto.randomUUID(),
      };
      const first = await app.server.inject({
        method: 'POST',
        url: '/api/inspections',
        headers: { cookie: inspector },
        payload,
      });
      const again = await app.server.inject({
        method: 'POST',
        url: '/api/inspections',
        headers: { cookie: inspector },
        payload,
      });
      expect(first.statusCode).toBe(201);
      expect(again.statusCode).toBe(200);
      expect(again.json().id).toBe(first.json().id);
    });

    it('layers carry an ETag and answer 304 until they change', async () => {
      const first = await app.server.inject({
        method: 'GET',
        url: '/api/layers/plots',
        headers: { cookie: planner },
      });
      expect(first.headers['content-type']).toContain('application/geo+json');
      const etag = first.headers.etag as string;
      const body = first.json();
      expect(body.type).toBe('FeatureCollection');
      for (const feature of body.features) expect(feature.properties.version).toBeGreaterThanOrEqual(1);
      const same = await app.server.inject({
        method: 'GET',
        url: '/api/layers/plots',
        headers: { cookie: planner, 'if-none-match': etag },
      });
      expect(same.statusCode).toBe(304);
      await patch(planner, 'HS-T-0005', { version: 1, properties: { taxPerMu: 9 } });
      const changed = await app.server.inject({
        method: 'GET',
        url: '/api/layers/plots',
        headers: { cookie: planner, 'if-none-match': etag },
      });
      expect(changed.statusCode).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
    });

    it('history is append-only, even for SQL that tries', async () => {
      await expect(app.sql('UPDATE history SET actor = ?', ['mallory'])).rejects.toThrow(/append-only/);
      await expect(app.sql('DELETE FROM history')).rejects.toThrow(/append-only/);
    });

    it('20 clients PATCHing one feature from the same version: exactly one wins each version', async () => {
      const plot = (
        await app.server.inject({
          method: 'GET',
          url: '/api/features/plots/HS-T-0003',
          headers: { cookie: planner },
        })
      ).json();
      let version: number = plot.properties.version;
      const count = async (action: string) =>
        (await app.server.atlas.store.history({ layer: 'plots', entityId: 'HS-T-0003', limit: 1000 })).filter(
          (entry) => entry.action === action,
        ).length;
      const [updates, conflicts] = [await count('update'), await count('conflict')];
      for (let round = 0; round < 3; round++) {
        const responses = await Promise.all(
          Array.from({ length: 20 }, (_, client) =>
            patch(planner, 'HS-T-0003', { version, properties: { taxPerMu: 100 * round + client } }),
          ),
        );
        const statuses = responses.map((response) => response.statusCode);
        expect(statuses.filter((status) => status === 200)).toHaveLength(1);
        expect(statuses.filter((status) => status === 409)).toHaveLength(19);
        const winner = responses.find((response) => response.statusCode === 200)?.json();
        expect(winner.properties.version).toBe(version + 1);
        for (const loser of responses.filter((response) => response.statusCode === 409))
          expect(loser.json().current.properties).toMatchObject({
            version: version + 1,
            taxPerMu: winner.properties.taxPerMu,
          });
        version++;
      }
      expect(await count('update')).toBe(updates + 3);
      expect(await count('conflict')).toBe(conflicts + 57);
    });
  });
});
