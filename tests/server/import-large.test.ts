// Imports at any size: the body streamed to a file, validated and written on a worker thread with its
// own connection; history as one import entry plus per-feature diffs; a bad feature deep in the file,
// a body over the limit and a client that goes away change nothing and leave no file; concurrent
// imports and edits are ordered, never lost.
import { readdirSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IMPORT_UPLOADS_DIR } from '../../src/server/config.ts';
import { validationsRunning } from '../../src/server/validation-pool.ts';
import {
  collection,
  describeEachStore,
  plotFeature,
  ROLE_USERS,
  startServer,
  type TestServer,
} from './helpers.ts';

/** Plots `from` to `to` (1-based ids), each changed by `overrides`, as a GeoJSON text. */
const plotsText = (from: number, to: number, overrides: Record<string, unknown> = {}) =>
  JSON.stringify(
    collection(Array.from({ length: to - from + 1 }, (_, i) => plotFeature(from + i, overrides))),
  );

const LIMIT = 4 * 1024 * 1024;

describeEachStore('imports at any size', (store) => {
  let app: TestServer;
  let admin = '';
  let base = '';

  beforeAll(async () => {
    app = await startServer({ store, users: ROLE_USERS, plots: 3, importUploadLimit: 64 * 1024 * 1024 });
    admin = await app.login('admin');
    await app.server.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.server.address() as AddressInfo).port}`;
  });
  afterAll(() => app.server.close());

  const importText = (text: string, query = 'mode=merge') =>
    app.server.inject({
      method: 'POST',
      url: `/api/import/plots?${query}`,
      headers: { cookie: admin, 'content-type': 'application/geo+json' },
      payload: text,
    });
  const get = async (url: string) =>
    (await app.server.inject({ method: 'GET', url, headers: { cookie: admin } })).json();
  const revision = async () =>
    (await app.server.inject({ method: 'GET', url: '/api/layers/plots', headers: { cookie: admin } })).headers
      .etag as string;
  const revisionNumber = async () => Number((await revision()).replace(/"/g, '').split('-').at(-1));
  const uploadsLeft = () => readdirSync(join(app.dataDir, IMPORT_UPLOADS_DIR));
  const count = async () => (await get('/api/layers/plots')).features.length as number;

  describe('a 20 000-plot import', () => {
    it('succeeds; history holds one import entry with its diff count, and each feature its diff', async () => {
      const response = await importText(plotsText(1, 20_000));
      expect(response.statusCode).toBe(200);
      const report = response.json();
      expect(report).toMatchObject({ created: 19_997, unchanged: 3, updated: 0, deleted: 0 });
      expect(await count()).toBe(20_000);
      expect(uploadsLeft()).toEqual([]);

      // The layer's history, every page: one import entry, and one diff per created plot naming it.
      const entries: { seq: number; entity: string; action: string; importSeq?: number | null }[] = [];
      for (let page = await get('/api/history?layer=plots&limit=1000'); ; ) {
        entries.push(...page.entries);
        if (page.next === null) break;
        page = await get(`/api/history?layer=plots&limit=1000&before=${page.next}`);
      }
      const imports = entries.filter((entry) => entry.entity === 'layer' && entry.action !== 'seed');
      expect(imports.map((entry) => entry.seq)).toEqual([report.historySeq]);
      expect(entries.filter((entry) => entry.importSeq === report.historySeq)).toHaveLength(19_997);
      const [entry] = (await get(`/api/history?layer=plots&limit=1&before=${report.historySeq + 1}`)).entries;
      expect(entry).toMatchObject({
        seq: report.historySeq,
        entity: 'layer',
        action: 'import-create',
        after: { created: 19_997, unchanged: 3, diffs: 19_997 },
      });

      // The import's diffs, paged.
      const first = await get(`/api/history?layer=plots&import=${report.historySeq}&limit=500`);
      expect(first.entries).toHaveLength(500);
      expect(first.next).not.toBeNull();
      const second = await get(
        `/api/history?layer=plots&import=${report.historySeq}&limit=500&before=${first.next}`,
      );
      expect(second.entries).toHaveLength(500);
      expect(second.entries[0].seq).toBeLessThan(first.entries[499].seq);

      const feature = await get('/api/history?layer=plots&id=HS-T-15000');
      expect(feature.entries).toHaveLength(1);
      expect(feature.entries[0]).toMatchObject({
        action: 'import-create',
        importSeq: report.historySeq,
        versionBefore: null,
        versionAfter: 1,
        before: null,
        after: null,
      });
    }, 120_000);

    it('an update imports as a diff: the changed properties from → to, and whether the outline changed', async () => {
      const response = await importText(plotsText(14_001, 16_000, { far: 2 }));
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ updated: 2000, created: 0 });
      const [latest] = (await get('/api/history?layer=plots&id=HS-T-15000')).entries;
      expect(latest).toEqual(
        expect.objectContaining({
          action: 'import-update',
          importSeq: response.json().historySeq,
          versionBefore: 1,
          versionAfter: 2,
          before: { properties: { far: 0.5 } },
          after: { properties: { far: 2 } },
        }),
      );
    }, 60_000);

    it('a bad feature at position 15 000 changes nothing and is named', async () => {
      const features = Array.from({ length: 20_000 }, (_, i) => plotFeature(i + 1, { far: 3 }));
      features[15_000] = plotFeature(15_001, { status: 'not-a-status' });
      const before = { revision: await revision(), history: await get('/api/history?layer=plots&limit=5') };
      const response = await importText(JSON.stringify(collection(features)));
      expect(response.statusCode).toBe(422);
      const body = response.json();
      expect(body.error).toBe('invalid-geojson');
      const errors = body.problems.filter((problem: { severity: string }) => problem.severity === 'error');
      expect(errors.length).toBeGreaterThan(0);
      expect(errors.every((problem: { featureIndex: number }) => problem.featureIndex === 15_000)).toBe(true);
      expect(await revision()).toBe(before.revision);
      expect(await get('/api/history?layer=plots&limit=5')).toEqual(before.history);
      expect(uploadsLeft()).toEqual([]);
    }, 60_000);
  });

  describe('refused and aborted uploads', () => {
    it('a body over the limit: 413, nothing changed, no file left', async () => {
      const limited = await startServer({ store, users: ROLE_USERS, plots: 3, importUploadLimit: LIMIT });
      try {
        const cookie = await limited.login('admin');
        const layerBefore = await limited.server.inject({
          method: 'GET',
          url: '/api/layers/plots',
          headers: { cookie },
        });
        const text = plotsText(1, 10_000);
        expect(text.length).toBeGreaterThan(LIMIT);
        const response = await limited.server.inject({
          method: 'POST',
          url: '/api/import/plots?mode=merge',
          headers: { cookie, 'content-type': 'application/geo+json' },
          payload: text,
        });
        expect(response.statusCode).toBe(413);
        expect(response.json()).toMatchObject({ error: 'file-too-large', limitBytes: LIMIT });
        expect(response.json().message.zh).toContain('4 MB');
        const layerAfter = await limited.server.inject({
          method: 'GET',
          url: '/api/layers/plots',
          headers: { cookie },
        });
        expect(layerAfter.headers.etag).toBe(layerBefore.headers.etag);
        expect(readdirSync(join(limited.dataDir, IMPORT_UPLOADS_DIR))).toEqual([]);
      } finally {
        await limited.server.close();
      }
    }, 60_000);

    it('a client that goes away mid-upload: nothing changed, no file left', async () => {
      const before = await revision();
      const text = plotsText(30_001, 36_000);
      await new Promise<void>((resolve) => {
        const request = httpRequest(`${base}/api/import/plots?mode=merge`, {
          method: 'POST',
          headers: {
            cookie: admin,
            'content-type': 'application/geo+json',
            'content-length': String(text.length),
          },
        });
        request.on('error', () => resolve());
        request.write(text.slice(0, text.length / 2), () => {
          setTimeout(() => {
            request.destroy();
            resolve();
          }, 100);
        });
      });
      for (let i = 0; i < 100 && uploadsLeft().length > 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(uploadsLeft()).toEqual([]);
      expect(await revision()).toBe(before);
    });
  });

  describe('ordered with other writes', () => {
    it('two concurrent imports to one layer: both land, one after the other; counts and revision exact', async () => {
      const layerBefore = await count();
      const revisionBefore = await revisionNumber();
      const [a, b] = await Promise.all([
        importText(plotsText(40_001, 43_000, { far: 4 })),
        importText(plotsText(42_001, 45_000, { far: 5 })),
      ]);
      expect(a.statusCode).toBe(200);
      expect(b.statusCode).toBe(200);
      const created = a.json().created + b.json().created;
      const updated = a.json().updated + b.json().updated;
      expect(created).toBe(5000);
      expect(updated).toBe(1000);
      expect(await count()).toBe(layerBefore + 5000);
      // PostgreSQL moves a layer's revision once a transaction; SQLite once a feature written and
      // once at the import's end: either way exactly as if the two had run one after the other.
      const moves = store === 'postgres' ? 2 : created + updated + 2;
      expect(await revisionNumber()).toBe(revisionBefore + moves);
      // The overlap holds the later import's values at version 2.
      const later = a.json().historySeq > b.json().historySeq ? 4 : 5;
      const overlap = await get('/api/features/plots/HS-T-42500');
      expect(overlap.properties).toMatchObject({ far: later, version: 2 });
    }, 120_000);

    it('an edit during an import lands before or after it, never lost', async () => {
      const planner = await app.login('planner');
      const imported = importText(plotsText(50_001, 53_000));
      while (validationsRunning() === 0) await new Promise((r) => setTimeout(r, 2));
      const edit = await app.server.inject({
        method: 'PATCH',
        url: '/api/features/plots/HS-T-0002',
        headers: { cookie: planner },
        payload: { version: 1, properties: { far: 1.25 } },
      });
      expect(edit.statusCode).toBe(200);
      expect((await imported).statusCode).toBe(200);
      const feature = await get('/api/features/plots/HS-T-0002');
      expect(feature.properties).toMatchObject({ far: 1.25, version: 2 });
      const [latest] = (await get('/api/history?layer=plots&id=HS-T-0002')).entries;
      expect(latest).toMatchObject({ action: 'update', versionAfter: 2 });
    }, 60_000);
  });
});
