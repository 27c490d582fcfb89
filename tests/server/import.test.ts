// Import through the validator, all or nothing; export as GeoJSON and CSV (UTF-8 BOM, areas in 亩).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  collection,
  describeEachStore,
  multipart,
  plotFeature,
  ROLE_USERS,
  startServer,
  type TestServer,
} from './helpers.ts';

describeEachStore('import', (store) => {
  let app: TestServer;
  let admin = '';

  beforeAll(async () => {
    app = await startServer({ store, users: ROLE_USERS, plots: 3 });
    admin = await app.login('admin');
  });
  afterAll(() => app.server.close());

  const importLayer = (mode: string, body: unknown) =>
    app.server.inject({
      method: 'POST',
      url: `/api/import/plots?mode=${mode}`,
      headers: { cookie: admin, 'content-type': 'application/geo+json' },
      payload: JSON.stringify(body),
    });

  const layer = async () =>
    (await app.server.inject({ method: 'GET', url: '/api/layers/plots', headers: { cookie: admin } })).json();

  describe('import', () => {
    it('a file with one bad feature changes nothing', async () => {
      const before = await layer();
      const beforeHistory = (
        await app.server.inject({
          method: 'GET',
          url: '/api/history?layer=plots',
          headers: { cookie: admin },
        })
      ).json();
      const bad = collection([
        plotFeature(1, { far: 2 }),
        plotFeature(7),
        plotFeature(8, { status: 'not-a-status' }),
      ]);
      for (const mode of ['replace', 'merge']) {
        const response = await importLayer(mode, bad);
        expect(response.statusCode).toBe(422);
        const body = response.json();
        expect(body.error).toBe('invalid-geojson');
        expect(
          body.problems.some(
            (problem: { featureIndex: number; severity: string }) =>
              problem.featureIndex === 2 && problem.severity === 'error',
          ),
        ).toBe(true);
      }
      expect(await layer()).toEqual(before);
      const afterHistory = (
        await app.server.inject({
          method: 'GET',
          url: '/api/history?layer=plots',
          headers: { cookie: admin },
        })
      ).json();
      expect(afterHistory).toEqual(beforeHistory);
    });

    it('merge updates and adds by id; replace also removes what the file lacks', async () => {
      const merged = await importLayer('merge', collection([plotFeature(1, { far: 2 }), plotFeature(7)]));
      expect(merged.json()).toMatchObject({ created: 1, updated: 1, deleted: 0 });
      let features = (await layer()).features;
      expect(features.map((f: { id: string }) => f.id).sort()).toEqual([
        'HS-T-0001',
        'HS-T-0002',
        'HS-T-0003',
        'HS-T-0007',
      ]);
      expect(features.find((f: { id: string }) => f.id === 'HS-T-0001').properties).toMatchObject({
        far: 2,
        version: 2,
      });

      const upload = multipart(
        'file',
        'plots-2026.geojson',
        'application/geo+json',
        Buffer.from(JSON.stringify(collection([plotFeature(1, { far: 2 }), plotFeature(9)]))),
      );
      const replaced = await app.server.inject({
        method: 'POST',
        url: '/api/import/plots?mode=replace',
        headers: { cookie: admin, ...upload.headers },
        payload: upload.payload,
      });
      expect(replaced.statusCode).toBe(200);
      expect(replaced.json()).toMatchObject({ created: 1, unchanged: 1, deleted: 3 });
      features = (await layer()).features;
      expect(features.map((f: { id: string }) => f.id).sort()).toEqual(['HS-T-0001', 'HS-T-0009']);
      const history = (
        await app.server.inject({
          method: 'GET',
          url: '/api/history?layer=plots&id=HS-T-0002',
          headers: { cookie: admin },
        })
      ).json();
      expect(history.entries[0]).toMatchObject({
        action: 'import-delete',
        versionBefore: 1,
        versionAfter: null,
      });
    });

    it('refuses what is not GeoJSON, naming the problem in both languages', async () => {
      const response = await app.server.inject({
        method: 'POST',
        url: '/api/import/plots',
        headers: { cookie: admin, 'content-type': 'application/json' },
        payload: '{"type": "FeatureCollection", "features": [',
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().problems[0].message.zh).toBeTruthy();
      const wrongQuery = await app.server.inject({
        method: 'POST',
        url: '/api/import/plots?mode=append',
        headers: { cookie: admin, 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(wrongQuery.statusCode).toBe(400);
    });
  });

  describe('export', () => {
    it('CSV: BOM, Chinese headers, one row per feature, area in 亩, formulas neutralised', async () => {
      const planner = await app.login('planner');
      await app.server.inject({
        method: 'PATCH',
        url: '/api/features/plots/HS-T-0009',
        headers: { cookie: planner },
        payload: { version: 1, properties: { enterprise: '=HYPERLINK("x")' } },
      });
      const response = await app.server.inject({
        method: 'GET',
        url: '/api/export/plots?format=csv',
        headers: { cookie: admin },
      });
      expect(response.headers['content-type']).toContain('text/csv');
      expect(response.headers['content-disposition']).toContain('attachment');
      const raw = response.rawPayload;
      expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = response.body
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines).toHaveLength(3);
      expect(lines[0]).toContain('编号 (id)');
      expect(lines[0]).toContain('面积（亩） (areaMu)');
      expect(response.body).toContain(`"'=HYPERLINK(""x"")"`);
      const area = Number(lines[1]?.split(',').at(-1));
      // A 0.002° square near 22.7°N: about 205 m × 222 m ≈ 45 900 m² ≈ 68.8 亩.
      expect(area).toBeGreaterThan(60);
      expect(area).toBeLessThan(75);
    });

    it('GeoJSON export is the layer with versions', async () => {
      const response = await app.server.inject({
        method: 'GET',
        url: '/api/export/plots?format=geojson',
        headers: { cookie: admin },
      });
      expect(response.headers['content-type']).toContain('application/geo+json');
      expect(response.json().features[0].properties.version).toBeGreaterThanOrEqual(1);
    });
  });
});
