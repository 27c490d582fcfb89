// Restart keeps everything; kill -9 in the middle of a burst of writes loses no acknowledged write.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { PostgresStore } from '../../src/server/store/postgres.ts';
import {
  describeEachStore,
  fixtureGeodata,
  multipart,
  PASSWORD,
  startServer,
  tempRoot,
  tinyPng,
} from './helpers.ts';
import { addUser, httpLogin, spawnServer, stopServer } from './process.ts';
import { postgresDatabase } from './support/postgres.ts';

/** The same database again: for PostgreSQL a new store (the old one closed with its server). */
const reopen = async (databaseUrl: string | null) =>
  databaseUrl ? { store: await PostgresStore.open(databaseUrl) } : {};

describeEachStore('durability', (store) => {
  describe('durability', () => {
    it('a restart keeps features, versions, inspections, photos, history, users and sessions', async () => {
      const app = await startServer({ store, users: { ann: 'admin' } });
      const cookie = await app.login('ann');
      const edited = await app.server.inject({
        method: 'PATCH',
        url: '/api/features/plots/HS-T-0001',
        headers: { cookie },
        payload: { version: 1, properties: { far: 1.1 } },
      });
      const inspection = await app.server.inject({
        method: 'POST',
        url: '/api/inspections',
        headers: { cookie },
        payload: { plotId: 'HS-T-0002', date: '2026-06-01', findings: '复查', status: 'completed' },
      });
      const body = multipart('photo', 'p.png', 'image/png', tinyPng());
      const photo = await app.server.inject({
        method: 'POST',
        url: `/api/inspections/${inspection.json().id}/photos`,
        headers: { cookie, ...body.headers },
        payload: body.payload,
      });
      const layer = (
        await app.server.inject({ method: 'GET', url: '/api/layers/plots', headers: { cookie } })
      ).body;
      const history = (
        await app.server.inject({ method: 'GET', url: '/api/history?layer=plots', headers: { cookie } })
      ).body;
      await app.server.close();

      const again = await buildServer({
        distDir: null,
        dataDir: app.dataDir,
        geodataDir: join(app.root, 'geodata'),
        ...(await reopen(app.databaseUrl)),
      });
      try {
        const get = (url: string) => again.inject({ method: 'GET', url, headers: { cookie } });
        expect(again.atlas.setupToken).toBeNull();
        expect(again.atlas.seeding).toEqual([]);
        expect((await get('/api/layers/plots')).body).toBe(layer);
        expect((await get('/api/history?layer=plots')).body).toBe(history);
        expect((await get('/api/features/plots/HS-T-0001')).json()).toEqual(edited.json());
        expect((await get(`/api/inspections/${inspection.json().id}`)).json().photos[0].id).toBe(
          photo.json().id,
        );
        expect((await get(photo.json().url)).rawPayload.equals(tinyPng())).toBe(true);
      } finally {
        await again.close();
      }
    });

    it('kill -9 during a burst of writes loses no acknowledged write', { timeout: 60_000 }, async () => {
      const root = tempRoot();
      const dataDir = join(root, 'data');
      const geodata = fixtureGeodata(root, 20);
      const databaseUrl = store === 'postgres' ? await postgresDatabase() : null;
      await addUser(dataDir, 'field', 'inspector', PASSWORD, databaseUrl);
      const server = await spawnServer(dataDir, geodata, databaseUrl ? { DATABASE_URL: databaseUrl } : {});
      const cookie = await httpLogin(server.url, 'field', PASSWORD);

      const acknowledged: { id: string; plotId: string; plotVersion: number }[] = [];
      let stop = false;
      let inFlight = 0;
      const client = async (worker: number) => {
        for (let i = 0; !stop; i++) {
          const plotId = `HS-T-${String(1 + ((worker + i) % 20)).padStart(4, '0')}`;
          inFlight++;
          try {
            const response = await fetch(`${server.url}/api/inspections`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', cookie },
              body: JSON.stringify({
                plotId,
                date: '2026-07-01',
                findings: `w${worker} #${i}`,
                status: i % 2 ? 'inspected' : 'rectifying',
              }),
            });
            if (response.status === 201) {
              const record = await response.json();
              acknowledged.push({ id: record.id, plotId, plotVersion: record.plotVersion });
            }
          } catch {
            return; // the server is gone: whatever was in flight was never acknowledged
          } finally {
            inFlight--;
          }
        }
      };
      const clients = Array.from({ length: 12 }, (_, worker) => client(worker));
      while (acknowledged.length < 300) await new Promise((done) => setTimeout(done, 5));
      const inFlightAtKill = inFlight;
      await stopServer(server, 'SIGKILL');
      stop = true;
      await Promise.all(clients);
      const count = acknowledged.length;
      expect(count).toBeGreaterThanOrEqual(300);
      expect(inFlightAtKill).toBeGreaterThan(0);

      const again = await buildServer({
        distDir: null,
        dataDir,
        geodataDir: null,
        ...(await reopen(databaseUrl)),
      });
      try {
        const store = again.atlas.store;
        for (const write of acknowledged) {
          const inspection = await store.getInspection(write.id);
          expect(inspection?.plotId).toBe(write.plotId);
          const plot = await store.getFeature('plots', write.plotId);
          expect(plot?.version).toBeGreaterThanOrEqual(write.plotVersion);
        }
      } finally {
        await again.close();
      }
      console.log(
        `kill -9: ${count} acknowledged, ${inFlightAtKill} in flight at SIGKILL; all ${count} present after restart`,
      );
    });
  });
});
