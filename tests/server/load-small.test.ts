// A small, bounded version of load.ts: 20 inspectors write inspections at once over real HTTP on
// 127.0.0.1. Asserts correctness only (every write acknowledged and stored once, plot versions
// consistent with history), never timing.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry } from '../../src/server/store/types.ts';
import { describeEachStore, PASSWORD, startServer, type TestServer } from './helpers.ts';

describeEachStore('load-small', (store) => {
  const INSPECTORS = 20;
  const EACH = 10;
  const PLOTS = 5;
  let app: TestServer;
  let url = '';

  beforeAll(async () => {
    const users = Object.fromEntries(
      Array.from({ length: INSPECTORS }, (_, i) => [`field${i}`, 'inspector' as const]),
    );
    app = await startServer({ store, users, plots: PLOTS });
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.server.close());

  async function login(username: string): Promise<string> {
    const response = await fetch(`${url}/api/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: PASSWORD }),
    });
    return (response.headers.getSetCookie()[0] ?? '').split(';')[0] as string;
  }

  describe('20 inspectors at once', () => {
    it('every write is acknowledged once, stored once, and the plots’ versions add up', async () => {
      const cookies = await Promise.all(Array.from({ length: INSPECTORS }, (_, i) => login(`field${i}`)));
      const statuses = ['inspected', 'rectifying', 'completed'] as const;
      const results = await Promise.all(
        cookies.map(async (cookie, worker) => {
          const ids: string[] = [];
          for (let i = 0; i < EACH; i++) {
            const response = await fetch(`${url}/api/inspections`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', cookie },
              body: JSON.stringify({
                plotId: `HS-T-000${1 + ((worker + i) % PLOTS)}`,
                date: '2026-09-01',
                findings: `worker ${worker} visit ${i}`,
                status: statuses[(worker * EACH + i) % statuses.length],
              }),
            });
            expect(response.status).toBe(201);
            ids.push((await response.json()).id);
          }
          return ids;
        }),
      );
      const ids = results.flat();
      expect(new Set(ids).size).toBe(INSPECTORS * EACH);
      const store = app.server.atlas.store;
      let recorded = 0;
      for (let plot = 1; plot <= PLOTS; plot++) {
        const plotId = `HS-T-000${plot}`;
        const inspections = await store.listInspections(plotId);
        recorded += inspections.length;
        const feature = await store.getFeature('plots', plotId);
        const history = await store.history({
          entity: 'feature',
          layer: 'plots',
          entityId: plotId,
          limit: 1000,
        });
        const changes = history.filter((entry: HistoryEntry) => entry.action === 'inspection');
        // Versions go up by one per recorded change, with no gap and no repeat.
        expect(feature?.version).toBe(1 + changes.length);
        expect(changes.map((entry) => entry.versionAfter).sort((a, b) => (a ?? 0) - (b ?? 0))).toEqual(
          changes.map((_, index) => index + 2),
        );
        // The plot's status is that of the inspection that set its latest version.
        const latest = inspections.find((inspection) => inspection.plotVersion === feature?.version);
        expect(feature?.properties.status).toBe(latest?.status);
      }
      expect(recorded).toBe(INSPECTORS * EACH);
    });
  });
});
