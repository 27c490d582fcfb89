// Attack: grow the database through refused attempts (today each stale PATCH keeps its whole body:
// 20 stale 900 KB PATCHes added 18 MB), and rewrite history with INSERT OR REPLACE, which the
// UPDATE and DELETE triggers do not see (on PostgreSQL: INSERT … ON CONFLICT DO UPDATE, a row
// inserted with a taken seq, TRUNCATE).

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import { HISTORY_ATTEMPT_MAX_BYTES } from '../../../src/server/config.ts';
import { migrate } from '../../../src/server/store/migrations.ts';
import { SqliteStore } from '../../../src/server/store/sqlite.ts';
import { describeEachStore } from '../helpers.ts';
import { combPolygon, serverForTests } from './data-support.ts';

describeEachStore('history', (store) => {
  const s = serverForTests(store);
  const dbFile = () => join(s.app.dataDir, 'atlas.sqlite');

  beforeAll(async () => {
    const edit = await s.admin.send('PATCH', '/api/features/plots/HS-T-0001', {
      version: 1,
      properties: { far: 0.6 },
    });
    expect(edit.statusCode).toBe(200);
  });

  interface Row {
    seq: number;
    action: string;
    before: string | null;
    after: string | null;
  }

  const HISTORY_ROWS =
    "SELECT seq, action, before, after FROM history WHERE entity_id = 'HS-T-0001' ORDER BY seq";
  const historyRows = (db: Database.Database) => db.prepare<[], Row>(HISTORY_ROWS).all();

  describe('refused attempts are kept bounded', () => {
    it('20 stale PATCHes of ~900 KB each add 20 conflict entries of at most 8 KB each', async () => {
      const geometry = combPolygon(40_000);
      const notes = '长'.repeat(45_000);
      const body = JSON.stringify({ version: 1, properties: { notes, status: 'rectifying' }, geometry });
      expect(Buffer.byteLength(body)).toBeGreaterThan(900_000);
      for (let i = 0; i < 20; i++) {
        const response = await s.admin.sendText('PATCH', '/api/features/plots/HS-T-0001', body);
        expect(response.statusCode).toBe(409);
      }
      {
        // As the database keeps them (JSON text; PostgreSQL's jsonb as JSON text too).
        const rows = (await s.app.sql(HISTORY_ROWS)) as unknown as Row[];
        const conflicts = rows.filter((row) => row.action === 'conflict');
        expect(conflicts).toHaveLength(20);
        for (const row of conflicts) {
          const size = Buffer.byteLength(row.before ?? '') + Buffer.byteLength(row.after ?? '');
          expect(size).toBeLessThanOrEqual(HISTORY_ATTEMPT_MAX_BYTES);
        }
        const after = JSON.parse(conflicts[0]?.after ?? 'null');
        // What it would have changed: the short property as it was, the long one and the geometry summed up.
        expect(after.properties.status).toBe('rectifying');
        expect(after.properties.notes).toMatchObject({
          omitted: true,
          bytes: Buffer.byteLength(JSON.stringify(notes)),
        });
        expect(after.geometry).toMatchObject({ type: 'Polygon', positions: 40_001 });
        expect(after.geometry.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(JSON.parse(conflicts[0]?.before ?? 'null')).toEqual({ properties: { status: 'identified' } });
      }
    });
  });

  describe.runIf(store === 'sqlite')('history cannot be rewritten', () => {
    it('INSERT OR REPLACE of an existing history row fails and the row stays as it was', () => {
      const db = new Database(dbFile());
      try {
        const [first] = historyRows(db);
        expect(first).toBeDefined();
        const before = db.prepare('SELECT * FROM history WHERE seq = ?').get(first?.seq);
        const replace = () =>
          db
            .prepare(
              `INSERT OR REPLACE INTO history (seq, at, actor, entity, layer, entity_id, action, before, after, note)
             VALUES (?, '2000-01-01T00:00:00Z', 'mallory', 'feature', 'plots', 'HS-T-0001', 'update', NULL, NULL, 'rewritten')`,
            )
            .run(first?.seq);
        expect(replace).toThrow('history is append-only');
        expect(() =>
          db
            .prepare(
              "REPLACE INTO history (seq, at, actor, entity, entity_id, action) VALUES (?, 'x', 'm', 'feature', 'x', 'update')",
            )
            .run(first?.seq),
        ).toThrow('history is append-only');
        expect(db.prepare('SELECT * FROM history WHERE seq = ?').get(first?.seq)).toEqual(before);
      } finally {
        db.close();
      }
    });

    it('a database made before the REPLACE trigger gets it when it is opened', async () => {
      const root = mkdtempSync(join(tmpdir(), 'atlas-history-'));
      // The schema as version 1 made it: no REPLACE trigger yet.
      const old = new Database(join(root, 'atlas.sqlite'));
      migrate(old, 1);
      old.close();
      const reopened = SqliteStore.open(root);
      const triggers = reopened.db
        .prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name")
        .all()
        .map((row) => row.name);
      expect(triggers).toEqual(['history_no_delete', 'history_no_replace', 'history_no_update']);
      // The latest schema (4: history.import_seq, an import's diffs naming its entry; 5: feature boxes;
      // 6: idempotency keys; 7: an inspection's position; 8: settings; 9: the history's index by time;
      // 10: import presets).
      expect(reopened.db.pragma('user_version', { simple: true })).toBe(10);
      await reopened.close();
    });
  });

  describe.runIf(store === 'postgres')('history cannot be rewritten', () => {
    it('UPDATE through INSERT … ON CONFLICT, a row with a taken seq, DELETE and TRUNCATE all fail and the row stays as it was', async () => {
      const [first] = (await s.app.sql(HISTORY_ROWS)) as unknown as Row[];
      expect(first).toBeDefined();
      const before = await s.app.sql('SELECT * FROM history WHERE seq = ?', [first?.seq]);
      await expect(
        s.app.sql(
          `INSERT INTO history (seq, at, actor, entity, layer, entity_id, action, note)
         OVERRIDING SYSTEM VALUE VALUES (?, '2000-01-01T00:00:00Z', 'mallory', 'feature', 'plots', 'HS-T-0001', 'update', 'rewritten')
         ON CONFLICT (seq) DO UPDATE SET actor = excluded.actor, note = excluded.note`,
          [first?.seq],
        ),
      ).rejects.toThrow('history is append-only');
      await expect(
        s.app.sql(
          `INSERT INTO history (seq, at, actor, entity, entity_id, action)
         OVERRIDING SYSTEM VALUE VALUES (?, 'x', 'm', 'feature', 'x', 'update')`,
          [first?.seq],
        ),
      ).rejects.toThrow(/duplicate key/);
      await expect(s.app.sql('DELETE FROM history WHERE seq = ?', [first?.seq])).rejects.toThrow(
        'history is append-only',
      );
      await expect(s.app.sql('TRUNCATE history')).rejects.toThrow('history is append-only');
      expect(await s.app.sql('SELECT * FROM history WHERE seq = ?', [first?.seq])).toEqual(before);
    });
  });
});
