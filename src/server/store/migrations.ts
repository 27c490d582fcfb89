// The SQLite schema, as numbered migrations applied in order (PRAGMA user_version records the last).
// A migration is appended, never edited once released.
import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Geometry } from 'geojson';
import { geometryBox } from '../../geo/box.ts';
import { canonicalUsername } from '../auth/username.ts';

/** SQL to run, or a step that needs code (a value SQLite cannot compute, such as a Unicode fold). */
type Migration = string | ((db: Database.Database) => void);

const MIGRATIONS: readonly Migration[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;

  CREATE TABLE features (
    layer TEXT NOT NULL,
    id TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    properties TEXT NOT NULL,
    geometry TEXT,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL,
    PRIMARY KEY (layer, id)
  ) STRICT;

  -- Bumped in the same transaction as any change to a layer's features: the layer's ETag.
  CREATE TABLE layer_revisions (layer TEXT PRIMARY KEY, revision INTEGER NOT NULL, seeded INTEGER NOT NULL DEFAULT 0) STRICT;

  CREATE TABLE inspections (
    id TEXT PRIMARY KEY,
    plot_id TEXT NOT NULL,
    date TEXT NOT NULL,
    inspector TEXT NOT NULL,
    findings TEXT NOT NULL,
    status TEXT NOT NULL,
    mode TEXT,
    notes TEXT,
    client_id TEXT UNIQUE,
    created_at TEXT NOT NULL,
    plot_version INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX inspections_plot ON inspections (plot_id, date);

  CREATE TABLE photos (
    id TEXT PRIMARY KEY,
    inspection_id TEXT NOT NULL REFERENCES inspections (id),
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    original_name TEXT,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX photos_inspection ON photos (inspection_id);

  CREATE TABLE history (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    entity TEXT NOT NULL,
    layer TEXT,
    entity_id TEXT NOT NULL,
    action TEXT NOT NULL,
    version_before INTEGER,
    version_after INTEGER,
    before TEXT,
    after TEXT,
    note TEXT
  ) STRICT;
  CREATE INDEX history_entity ON history (entity, layer, entity_id, seq);
  -- History is never rewritten: the database itself refuses, whatever code asks.
  CREATE TRIGGER history_no_update BEFORE UPDATE ON history
    BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
  CREATE TRIGGER history_no_delete BEFORE DELETE ON history
    BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;

  CREATE TABLE users (
    username TEXT PRIMARY KEY COLLATE NOCASE,
    role TEXT NOT NULL CHECK (role IN ('viewer', 'inspector', 'planner', 'admin')),
    password_hash TEXT NOT NULL,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    username TEXT NOT NULL REFERENCES users (username),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  ) STRICT;
  CREATE INDEX sessions_user ON sessions (username);

  CREATE TABLE setup_tokens (token_hash TEXT PRIMARY KEY, created_at TEXT NOT NULL, used_at TEXT) STRICT;
  `,
  // INSERT OR REPLACE (and REPLACE INTO) with an existing seq deletes the row and inserts another
  // without firing the DELETE trigger: refuse any insert that names a seq already taken.
  `
  CREATE TRIGGER history_no_replace BEFORE INSERT ON history
    WHEN NEW.seq IS NOT NULL AND EXISTS (SELECT 1 FROM history WHERE seq = NEW.seq)
    BEGIN SELECT RAISE(ABORT, 'history is append-only'); END;
  `,
  canonicalUserNames,
  // 4: an import's per-feature diffs name the import's entry (history.ts importDiffEntry), which lists them.
  `
  ALTER TABLE history ADD COLUMN import_seq INTEGER;
  CREATE INDEX history_import ON history (import_seq, seq) WHERE import_seq IS NOT NULL;
  `,
  featureBoxes,
  // 6: Idempotency-Key of writes (idempotency.ts): kept in the write's own transaction, one per user
  // and key, with the answer the write got (status and JSON body) for a retry to get again.
  `
  CREATE TABLE idempotency_keys (
    username TEXT NOT NULL,
    key TEXT NOT NULL,
    route TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL,
    body TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (username, key)
  ) STRICT;
  `,
  // 7: where the inspector stood (wire.ts inspectionPosition) and why it was saved without proof of presence.
  `
  ALTER TABLE inspections ADD COLUMN position_lon REAL;
  ALTER TABLE inspections ADD COLUMN position_lat REAL;
  ALTER TABLE inspections ADD COLUMN position_accuracy REAL;
  ALTER TABLE inspections ADD COLUMN position_time TEXT;
  ALTER TABLE inspections ADD COLUMN position_note TEXT;
  `,
  // 8: settings an administrator keeps (domain/settings.ts: the identification rules, the 工期倒排
  // durations), one row per key with its version; every save is in history (entity 'setting').
  `
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    version INTEGER NOT NULL CHECK (version >= 1),
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    updated_by TEXT NOT NULL
  ) STRICT;
  `,
  // 9: the progress report reads a layer's feature changes since a time (Store.statusChanges).
  `
  CREATE INDEX history_feature_at ON history (layer, at) WHERE entity = 'feature';
  `,
  // 10: the import screen's presets: a named mapping of a file's fields to a layer's properties (JSON
  // {fields, defaults}, wire.ts importPresetMapping), one per layer and name.
  `
  CREATE TABLE import_presets (
    layer text NOT NULL,
    name text NOT NULL,
    mapping text NOT NULL,
    updated_by text NOT NULL,
    updated_at text NOT NULL,
    PRIMARY KEY (layer, name)
  );
  `,
];

/**
 * 3: user names are one account per canonical name (NFKC + case folding, auth/username.ts), looked up
 * by `name_key` under a unique index. Accounts made before this that fold to one name (`Ädmin` and
 * `ädmin`) do not stop the start: the oldest keeps the name; each later one is disabled (its sessions
 * end) and keyed `DUPLICATE <rowid> <name>`, which no typed name folds to (a fold has no capitals), and
 * the start says so. Its row and history stay; `atlas user add OTHERNAME` gives its owner a new account.
 */
function canonicalUserNames(db: Database.Database): void {
  db.exec('ALTER TABLE users ADD COLUMN name_key TEXT');
  const rows = db
    .prepare<[], { rowid: number; username: string }>(
      'SELECT rowid, username FROM users ORDER BY created_at, rowid',
    )
    .all();
  const setKey = db.prepare('UPDATE users SET name_key = ? WHERE rowid = ?');
  const disable = db.prepare('UPDATE users SET disabled = 1 WHERE rowid = ?');
  const endSessions = db.prepare('DELETE FROM sessions WHERE username = ?');
  const kept = new Map<string, string>();
  for (const { rowid, username } of rows) {
    const key = canonicalUsername(username);
    const first = kept.get(key);
    if (first === undefined) {
      kept.set(key, username);
      setKey.run(key, rowid);
      continue;
    }
    setKey.run(`DUPLICATE ${rowid} ${key}`, rowid);
    disable.run(rowid);
    endSessions.run(username);
    console.warn(
      `用户 ${username} 与 ${first} 视为同名，已停用 / user ${username} is the same name as ${first} once case and width are folded: disabled`,
    );
  }
  db.exec('CREATE UNIQUE INDEX users_name_key ON users (name_key)');
}

/**
 * 5: each feature's bounding box in an R*Tree (GET /api/layers/:layer/features?bbox=…), keyed by a row
 * of feature_boxes (an INTEGER PRIMARY KEY: VACUUM keeps it, unlike the features' own rowid). The
 * store boxes a feature where it writes one (SqliteStore.writeFeature, in the same transaction, from
 * the geometry it holds parsed: a few µs a feature, where SQLite's json_tree in a trigger took ~30 µs)
 * and drops it where it deletes one (removeFeature): every write to `features` goes through those
 * two, as the cached texts do. The R*Tree holds 32-bit floats
 * rounded outwards: it finds a superset the store narrows with the exact boxes (extent.ts).
 */
function featureBoxes(db: Database.Database): void {
  db.exec(`
  CREATE TABLE feature_boxes (
    key INTEGER PRIMARY KEY,
    layer TEXT NOT NULL,
    id TEXT NOT NULL,
    UNIQUE (layer, id)
  ) STRICT;
  CREATE VIRTUAL TABLE feature_rtree USING rtree (key, min_x, max_x, min_y, max_y);
  `);
  const boxes = featureBoxWriter(db);
  // In pages by rowid: a statement being iterated cannot share the connection with the writes.
  const page = db.prepare<[number], { rowid: number; layer: string; id: string; geometry: string | null }>(
    'SELECT rowid, layer, id, geometry FROM features WHERE rowid > ? ORDER BY rowid LIMIT 5000',
  );
  for (let after = 0, rows = page.all(after); rows.length > 0; rows = page.all(after)) {
    for (const row of rows) boxes.put(row.layer, row.id, row.geometry ? JSON.parse(row.geometry) : null);
    after = (rows.at(-1) as { rowid: number }).rowid;
  }
}

/** Puts a feature's box (or none, for a feature without positions) into the R*Tree of migration 5, or drops it. */
export function featureBoxWriter(db: Database.Database) {
  const keyOf = db.prepare<[string, string], { key: number }>(
    'SELECT key FROM feature_boxes WHERE layer = ? AND id = ?',
  );
  const newKey = db.prepare<[string, string]>('INSERT INTO feature_boxes (layer, id) VALUES (?, ?)');
  const put = db.prepare<[number, number, number, number, number]>(
    'INSERT OR REPLACE INTO feature_rtree (key, min_x, max_x, min_y, max_y) VALUES (?, ?, ?, ?, ?)',
  );
  const dropBox = db.prepare<[number]>('DELETE FROM feature_rtree WHERE key = ?');
  const dropKey = db.prepare<[number]>('DELETE FROM feature_boxes WHERE key = ?');
  return {
    put(layer: string, id: string, geometry: Geometry | null): void {
      const box = geometryBox(geometry);
      const key = keyOf.get(layer, id)?.key ?? Number(newKey.run(layer, id).lastInsertRowid);
      if (box) put.run(key, box[0], box[2], box[1], box[3]);
      else dropBox.run(key);
    },
    drop(layer: string, id: string): void {
      const key = keyOf.get(layer, id)?.key;
      if (key === undefined) return;
      dropBox.run(key);
      dropKey.run(key);
    },
  };
}

/** Opens the pragmas every connection needs and brings the schema up to date (or, for the tests of a
 *  migration, up to schema `target`). */
export function migrate(db: Database.Database, target = MIGRATIONS.length): void {
  // WAL: readers never block the writer. synchronous=FULL: in WAL mode each commit fsyncs the WAL
  // before it returns, so an acknowledged write survives kill -9 *and* a power cut (NORMAL would
  // survive kill -9 only). The fsync costs ~0.5–4 ms a commit here; group-commit.ts shares one among
  // all the writes of an event-loop turn, which is what makes hundreds of writes a second possible.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database was written by a newer Land Atlas (schema ${current}, this one knows ${MIGRATIONS.length}).`,
    );
  }
  for (let index = current; index < Math.min(target, MIGRATIONS.length); index++) {
    db.transaction(() => {
      const migration = MIGRATIONS[index] as Migration;
      if (typeof migration === 'string') db.exec(migration);
      else migration(db);
      if (index === 0)
        db.prepare('INSERT INTO meta (key, value) VALUES (?, ?)').run('database_id', randomUUID());
      db.pragma(`user_version = ${index + 1}`);
    })();
  }
}
