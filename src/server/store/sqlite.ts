// The embedded default store: one SQLite file under DATA_DIR, through better-sqlite3. Every write is
// one transaction (a SAVEPOINT inside a group commit, group-commit.ts); a method's promise resolves
// after COMMIT has returned, and with synchronous=FULL (migrations.ts) that means after the WAL is fsynced.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { LayerId } from '../../domain/layers.ts';
import { DATABASE_FILE } from '../config.ts';
import { AccountsTable } from './accounts.ts';
import { type Box, geometryMeetsBox } from './extent.ts';
import { GroupCommit, WriteGate } from './group-commit.ts';
import { HistoryTable } from './history.ts';
import { keyedWrite } from './idempotency.ts';
import { IdempotencyTable } from './idempotency-sqlite.ts';
import { type ImportMode, planImport } from './import-plan.ts';
import { ImportPresetsTable } from './import-presets.ts';
import { InspectionsTable } from './inspections.ts';
import { featureBoxWriter, migrate } from './migrations.ts';
import { type FeatureRow, FeatureTextsSnapshot, featureJson, nextFeature, toFeature } from './rows.ts';
import { SettingsTable } from './settings.ts';
import type {
  FeatureChange,
  FeatureContent,
  FeaturesInBox,
  ImportedFeature,
  ImportResult,
  LayerChanges,
  LayerSnapshot,
  Store,
  StoredFeature,
  UpdateResult,
} from './types.ts';
import { MAX_LAYER_CHANGES } from './types.ts';

/**
 * The features this store's own writes changed in a layer: every change after revision `from` up to
 * `head` (the revision the last write produced, or is producing), as id → the revision it changed at.
 */
interface ChangeLog {
  from: number;
  head: number;
  ids: Map<string, number>;
}

/** Rows per part when a layer's texts are read with the event loop free between parts. */
const SNAPSHOT_PART = 2000;

export class SqliteStore extends AccountsTable implements Store {
  readonly db: Database.Database;
  readonly historyTable: HistoryTable;
  readonly inspections: InspectionsTable;
  private readonly presets: ImportPresetsTable;
  private readonly databaseId: string;
  /**
   * Per layer, each feature's GeoJSON text in list order (a Map keeps insertion order: an UPDATE keeps
   * its rowid, an INSERT goes last, a DELETE leaves), at the layer revision they are valid for. This
   * store's own writes edit it in their transaction, so a snapshot after an edit joins texts instead of
   * re-reading the layer; any other revision (another process wrote the file) rebuilds it from the rows.
   */
  private readonly layerTexts = new Map<LayerId, { revision: number; texts: Map<string, string> }>();
  private readonly snapshots = new Map<LayerId, LayerSnapshot>();
  /** Reads of a layer's texts in parts under way (readTextsInParts), shared by whoever asks meanwhile. */
  private readonly textReads = new Map<LayerId, Promise<void>>();
  /** The reader connection's last read in parts: the next one starts after it (one transaction at a time). */
  private readerTurn: Promise<void> = Promise.resolve();
  /** A read-only connection for those reads, opened on first use. */
  private reader: Database.Database | null = null;
  /** Feature rows read to (re)build snapshots: for tests to see that an edit re-reads none. */
  snapshotRowsRead = 0;
  /** Per layer, what this store's writes changed (layerChanges); none after a failed write. */
  private readonly changeLogs = new Map<LayerId, ChangeLog>();
  /** Feature rows read by layerChanges: for tests to see that an edit reads its feature only. */
  changeRowsRead = 0;
  private readonly commits: GroupCommit;
  private readonly keys: IdempotencyTable;
  private readonly settings: SettingsTable;
  private readonly statements;
  /** Each feature's box in the R*Tree (migration 5), kept where features are written and deleted. */
  private readonly boxFeature: ReturnType<typeof featureBoxWriter>;
  /** The R*Tree search (migration 5), prepared on first use. */
  private inBoxStatement: Database.Statement<
    { layer: string; west: number; south: number; east: number; north: number },
    FeatureRow
  > | null = null;

  static open(dataDir: string): SqliteStore {
    mkdirSync(dataDir, { recursive: true });
    const db = new Database(join(dataDir, DATABASE_FILE));
    try {
      migrate(db);
    } catch (error) {
      db.close();
      throw error;
    }
    return new SqliteStore(db, dataDir);
  }

  readonly importTarget: Store['importTarget'];

  private constructor(db: Database.Database, dataDir: string) {
    const history = new HistoryTable(db);
    const gate = new WriteGate();
    super(db, history, gate);
    this.db = db;
    this.historyTable = history;
    this.importTarget = { kind: 'sqlite', dataDir };
    this.commits = new GroupCommit(db, gate);
    this.keys = new IdempotencyTable(db);
    this.settings = new SettingsTable(db);
    this.presets = new ImportPresetsTable(db);
    this.boxFeature = featureBoxWriter(db);
    this.databaseId = (
      db.prepare("SELECT value FROM meta WHERE key = 'database_id'").get() as { value: string }
    ).value;
    this.statements = {
      get: db.prepare<[string, string], FeatureRow>('SELECT * FROM features WHERE layer = ? AND id = ?'),
      getWithRowid: db.prepare<[string, string], FeatureRow & { rowid: number }>(
        'SELECT rowid, * FROM features WHERE layer = ? AND id = ?',
      ),
      list: db.prepare<[string], FeatureRow>('SELECT * FROM features WHERE layer = ? ORDER BY rowid'),
      count: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM features WHERE layer = ?'),
      insert: db.prepare(
        `INSERT INTO features (layer, id, version, properties, geometry, updated_at, updated_by)
         VALUES (@layer, @id, @version, @properties, @geometry, @updatedAt, @updatedBy)`,
      ),
      update: db.prepare(
        `UPDATE features SET version = @version, properties = @properties, geometry = @geometry,
           updated_at = @updatedAt, updated_by = @updatedBy
         WHERE layer = @layer AND id = @id AND version = @version - 1`,
      ),
      delete: db.prepare('DELETE FROM features WHERE layer = ? AND id = ?'),
      revision: db.prepare<[string], { revision: number; seeded: number }>(
        'SELECT revision, seeded FROM layer_revisions WHERE layer = ?',
      ),
      bump: db.prepare(
        `INSERT INTO layer_revisions (layer, revision, seeded) VALUES (?, 1, ?)
         ON CONFLICT (layer) DO UPDATE SET revision = revision + 1, seeded = max(seeded, excluded.seeded)`,
      ),
    };
    this.inspections = new InspectionsTable(db, history, (layer, id) => this.getRow(layer, id), {
      write: (feature, before) => this.writeFeature(feature, before),
    });
  }

  private getRow(layer: LayerId, id: string): StoredFeature | null {
    const row = this.statements.get.get(layer, id);
    return row ? toFeature(row) : null;
  }

  /** Writes the next version of a feature (or its first, with `before` null) and bumps the layer. */
  private writeFeature(next: StoredFeature, before: StoredFeature | null): void {
    const row = {
      layer: next.layer,
      id: next.id,
      version: next.version,
      properties: JSON.stringify(next.properties),
      geometry: next.geometry ? JSON.stringify(next.geometry) : null,
      updatedAt: next.updatedAt,
      updatedBy: next.updatedBy,
    };
    if (before) {
      const changed = this.statements.update.run(row).changes;
      if (changed !== 1) throw new Error(`feature ${next.layer}/${next.id} changed under a transaction`);
    } else {
      this.statements.insert.run(row);
    }
    this.boxFeature.put(next.layer, next.id, next.geometry);
    this.cachedTexts(next.layer)?.set(next.id, featureJson(row));
    this.noteChange(next.layer, next.id);
    this.bump(next.layer, false);
  }

  private removeFeature(layer: LayerId, id: string): void {
    this.statements.delete.run(layer, id);
    this.boxFeature.drop(layer, id);
    this.cachedTexts(layer)?.delete(id);
    this.noteChange(layer, id);
  }

  /**
   * The layer's change log, continued when it reached `before` (the file's revision now) through this
   * store's writes — its head is `before`, or `before + 1` while a write is producing that — else a
   * new one that knows the changes after `before`.
   */
  private changeLog(layer: LayerId, before: number): ChangeLog {
    const log = this.changeLogs.get(layer);
    if (log && (log.head === before || log.head === before + 1)) return log;
    const fresh: ChangeLog = { from: before, head: before, ids: new Map() };
    this.changeLogs.set(layer, fresh);
    return fresh;
  }

  /**
   * Records that the write in progress (before its bump) changes or removes `id`. Every write of a
   * feature row must note it (writeFeature and removeFeature do), or layerChanges would miss it.
   */
  private noteChange(layer: LayerId, id: string): void {
    const before = this.statements.revision.get(layer)?.revision ?? 0;
    const log = this.changeLog(layer, before);
    log.head = before + 1;
    log.ids.set(id, before + 1);
    // An import of thousands: forget them; a caller behind this revision rebuilds.
    if (log.ids.size > MAX_LAYER_CHANGES) {
      log.from = before + 1;
      log.ids.clear();
    }
  }

  /**
   * The layer's cached texts for a write to edit (inside its transaction, which holds SQLite's write
   * lock), or none: dropped when the file's revision is not the one the cache is valid for.
   */
  private cachedTexts(layer: LayerId): Map<string, string> | undefined {
    const cache = this.layerTexts.get(layer);
    if (!cache) return undefined;
    if (cache.revision === (this.statements.revision.get(layer)?.revision ?? 0)) return cache.texts;
    this.layerTexts.delete(layer);
    return undefined;
  }

  private bump(layer: LayerId, seeded: boolean): void {
    const cache = this.layerTexts.get(layer);
    const before = this.statements.revision.get(layer)?.revision ?? 0;
    this.statements.bump.run(layer, seeded ? 1 : 0);
    if (cache && cache.revision === before) cache.revision = before + 1;
    else this.layerTexts.delete(layer);
    // The log goes on only through a revision whose changes it noted (noteChange, before this bump):
    // a write path that changes features without noting them drops it, and the next layerChanges
    // answers null (a full rebuild) rather than missing them.
    if (this.changeLogs.get(layer)?.head !== before + 1) this.changeLogs.delete(layer);
  }

  /**
   * Runs a write in the group commit; a write that fails leaves no cached text behind. A write made
   * with an Idempotency-Key (idempotency.ts) claims and keeps it in the same savepoint.
   */
  private write<T>(work: () => T): Promise<T> {
    const keyed = keyedWrite();
    return this.commits
      .run(() => {
        try {
          return keyed ? this.keys.around(keyed, work) : work();
        } catch (error) {
          this.layerTexts.clear();
          this.changeLogs.clear();
          throw error;
        }
      })
      .catch((error: unknown) => {
        // COMMIT itself failed: every write of the batch was rolled back.
        this.layerTexts.clear();
        this.changeLogs.clear();
        throw error;
      });
  }

  async layerRevision(layer: LayerId): Promise<string> {
    const row = this.statements.revision.get(layer);
    return `${this.databaseId}-${row?.revision ?? 0}`;
  }

  async layerCount(layer: LayerId): Promise<{ revision: string; count: number }> {
    return this.db.transaction(() => {
      const revision = `${this.databaseId}-${this.statements.revision.get(layer)?.revision ?? 0}`;
      return { revision, count: this.statements.count.get(layer)?.n ?? 0 };
    })();
  }

  async layerSnapshot(layer: LayerId): Promise<LayerSnapshot> {
    const ready = this.snapshotFromTexts(layer);
    if (ready) return ready;
    // No texts at this revision (the first read after a start, an import by the worker, another
    // process's write): read them in parts off the write connection, so the server keeps answering.
    await this.readTextsInParts(layer);
    return this.snapshotFromTexts(layer) ?? this.snapshotInOnePiece(layer);
  }

  /** The snapshot of the layer's current revision from the texts kept for it, or null when none are. */
  private snapshotFromTexts(layer: LayerId): LayerSnapshot | null {
    return this.db.transaction(() => {
      const number = this.statements.revision.get(layer)?.revision ?? 0;
      const revision = `${this.databaseId}-${number}`;
      const cached = this.snapshots.get(layer);
      if (cached && cached.revision === revision) return cached;
      const cache = this.layerTexts.get(layer);
      if (!cache || cache.revision !== number) return null;
      // A copy of the texts as they are at this revision: later writes edit the map, not this.
      const snapshot = new FeatureTextsSnapshot(revision, [...cache.texts.values()]);
      this.snapshots.set(layer, snapshot);
      return snapshot;
    })();
  }

  /**
   * The layer's texts read in one read transaction on the write connection: only when a write moved
   * the revision while they were being read in parts (rare), so that the answer always comes.
   */
  private snapshotInOnePiece(layer: LayerId): LayerSnapshot {
    return this.db.transaction(() => {
      const number = this.statements.revision.get(layer)?.revision ?? 0;
      const rows = this.statements.list.all(layer);
      this.snapshotRowsRead += rows.length;
      this.layerTexts.set(layer, {
        revision: number,
        texts: new Map(rows.map((row) => [row.id, featureJson(row)])),
      });
      return this.snapshotFromTexts(layer) as LayerSnapshot;
    })();
  }

  /**
   * Reads the layer's texts on a read-only connection of its own, in parts of SNAPSHOT_PART rows with
   * the event loop free between them (at 100 000 plots, one read took the request thread 1.6–3.8 s).
   * One read transaction spans the parts (WAL: one consistent state, writers not blocked), and the
   * texts are kept only if that state is still the file's revision; callers asking meanwhile share it.
   */
  private readTextsInParts(layer: LayerId): Promise<void> {
    const running = this.textReads.get(layer);
    if (running) return running;
    // One read transaction at a time on the reader connection: two layers read together (plots and
    // parks, for the data table) would otherwise BEGIN inside each other's transaction.
    const read = this.readerTurn
      .then(async () => {
        const reader = this.readerConnection();
        const texts = new Map<string, string>();
        let number = 0;
        reader.exec('BEGIN');
        try {
          number =
            reader
              .prepare<[string], { revision: number }>('SELECT revision FROM layer_revisions WHERE layer = ?')
              .get(layer)?.revision ?? 0;
          const part = reader.prepare<[string, number, number], FeatureRow & { rowid: number }>(
            'SELECT rowid, * FROM features WHERE layer = ? AND rowid > ? ORDER BY rowid LIMIT ?',
          );
          let after = -1;
          for (;;) {
            const rows = part.all(layer, after, SNAPSHOT_PART);
            for (const row of rows) texts.set(row.id, featureJson(row));
            this.snapshotRowsRead += rows.length;
            const last = rows.at(-1);
            if (!last || rows.length < SNAPSHOT_PART) break;
            after = last.rowid;
            await new Promise<void>((resolve) => setImmediate(resolve));
          }
        } finally {
          reader.exec('COMMIT');
        }
        const now = this.statements.revision.get(layer)?.revision ?? 0;
        if (now === number && this.layerTexts.get(layer)?.revision !== number) {
          this.layerTexts.set(layer, { revision: number, texts });
        }
      })
      .finally(() => this.textReads.delete(layer));
    this.readerTurn = read.catch(() => {});
    this.textReads.set(layer, read);
    return read;
  }

  private readerConnection(): Database.Database {
    if (!this.reader) {
      this.reader = new Database(this.db.name, { readonly: true, fileMustExist: true });
    }
    return this.reader;
  }

  async layerChanges(layer: LayerId, sinceRevision: string): Promise<LayerChanges | null> {
    const prefix = `${this.databaseId}-`;
    if (!sinceRevision.startsWith(prefix)) return null;
    const since = Number(sinceRevision.slice(prefix.length));
    if (!Number.isSafeInteger(since)) return null;
    // One read transaction: the revision and the rows agree.
    return this.db.transaction((): LayerChanges | null => {
      const current = this.statements.revision.get(layer)?.revision ?? 0;
      const revision = `${prefix}${current}`;
      if (since === current) return { revision, put: [], removed: [] };
      const log = this.changeLogs.get(layer);
      // Another process wrote (the head is behind the file), or the log starts after `since`.
      if (!log || log.head !== current || since < log.from || since > current) return null;
      const put: { id: string; text: string; rowid: number }[] = [];
      const removed: string[] = [];
      for (const [id, changedAt] of log.ids) {
        if (changedAt <= since) continue;
        const row = this.statements.getWithRowid.get(layer, id);
        if (row) {
          this.changeRowsRead++;
          put.push({ id, text: featureJson(row), rowid: row.rowid });
        } else {
          removed.push(id);
        }
      }
      put.sort((a, b) => a.rowid - b.rowid);
      return { revision, put: put.map((feature) => feature.text), removed };
    })();
  }

  async listFeatures(layer: LayerId): Promise<StoredFeature[]> {
    return this.statements.list.all(layer).map(toFeature);
  }

  async getFeature(layer: LayerId, id: string): Promise<StoredFeature | null> {
    return this.getRow(layer, id);
  }

  async featuresInBox(layer: LayerId, box: Box, limit: number): Promise<FeaturesInBox> {
    this.inBoxStatement ??= this.db.prepare(
      // CROSS JOIN: SQLite joins in the order written, the R*Tree first (not every box of the layer).
      `SELECT f.* FROM feature_rtree r
         CROSS JOIN feature_boxes b ON b.key = r.key
         CROSS JOIN features f ON f.layer = b.layer AND f.id = b.id
       WHERE r.max_x >= @west AND r.min_x <= @east AND r.max_y >= @south AND r.min_y <= @north
         AND b.layer = @layer`,
    );
    const [west, south, east, north] = box;
    const features: StoredFeature[] = [];
    // Rows one at a time, so a box over the whole county stops reading at limit + 1.
    for (const row of this.inBoxStatement.iterate({ layer, west, south, east, north })) {
      const feature = toFeature(row);
      if (!geometryMeetsBox(feature.geometry, box)) continue;
      if (features.length === limit) return { features, truncated: true };
      features.push(feature);
    }
    return { features, truncated: false };
  }

  async isSeeded(layer: LayerId): Promise<boolean> {
    return (this.statements.revision.get(layer)?.seeded ?? 0) === 1;
  }

  async createFeature(layer: LayerId, content: FeatureContent, actor: string): Promise<StoredFeature | null> {
    return this.write(() => {
      if (this.getRow(layer, content.properties.id)) return null;
      const feature = nextFeature(layer, content, 1, actor);
      this.writeFeature(feature, null);
      this.historyTable.appendFeature(actor, 'create', null, feature);
      return feature;
    });
  }

  async updateFeature(
    layer: LayerId,
    id: string,
    expectedVersion: number,
    change: FeatureChange,
    actor: string,
    attempt?: unknown,
  ): Promise<UpdateResult> {
    return this.write((): UpdateResult => {
      const current = this.getRow(layer, id);
      if (!current) return { ok: false, reason: 'not-found' };
      if (current.version !== expectedVersion) {
        this.historyTable.appendConflict(actor, current, expectedVersion, attempt ?? null, 'update');
        return { ok: false, reason: 'conflict', current };
      }
      const feature = nextFeature(layer, change(current), current.version + 1, actor);
      this.writeFeature(feature, current);
      this.historyTable.appendFeature(actor, 'update', current, feature);
      return { ok: true, feature };
    });
  }

  async deleteFeature(
    layer: LayerId,
    id: string,
    expectedVersion: number,
    actor: string,
  ): Promise<UpdateResult> {
    return this.write((): UpdateResult => {
      const current = this.getRow(layer, id);
      if (!current) return { ok: false, reason: 'not-found' };
      if (current.version !== expectedVersion) {
        this.historyTable.appendConflict(actor, current, expectedVersion, { delete: true }, 'delete');
        return { ok: false, reason: 'conflict', current };
      }
      this.removeFeature(layer, id);
      this.bump(layer, false);
      this.historyTable.appendFeature(actor, 'delete', current, null);
      return { ok: true, feature: current };
    });
  }

  async importLayer(
    layer: LayerId,
    features: ImportedFeature[],
    mode: ImportMode,
    actor: string,
    onConflict: 'refuse' | 'overwrite' = 'refuse',
  ): Promise<ImportResult> {
    return this.write((): ImportResult => {
      const existing = new Map(this.statements.list.all(layer).map((row) => [row.id, row]));
      const plan = planImport(
        { layer, features, mode, actor, onConflict },
        existing,
        toFeature,
        (row, content) =>
          row.properties === JSON.stringify(content.properties) &&
          row.geometry === (content.geometry ? JSON.stringify(content.geometry) : null),
      );
      if (!plan.ok) {
        this.historyTable.append(plan.refusal);
        return { ok: false, conflicts: plan.conflicts };
      }
      for (const feature of plan.inserts) this.writeFeature(feature, null);
      for (const { feature, current } of plan.updates) this.writeFeature(feature, current);
      for (const id of plan.deletes) this.removeFeature(layer, id);
      this.bump(layer, mode === 'seed');
      const historySeq = this.historyTable.append(plan.entry);
      for (const diff of plan.diffs) this.historyTable.append({ ...diff, importSeq: historySeq });
      return { ok: true, summary: plan.summary, overwrote: plan.conflicts, historySeq };
    });
  }

  /**
   * An import written by a worker's own connection (import-job.ts): this connection writes nothing
   * meanwhile (its group commit and account writes wait), so the two never meet on SQLite's one
   * write lock; then this layer's cached texts are dropped (the revision moved in the file, so they
   * would be anyway).
   */
  writeElsewhere<T>(layer: LayerId, write: () => Promise<T>): Promise<T> {
    return this.writeGate.hold(async () => {
      try {
        return await write();
      } finally {
        this.layerTexts.delete(layer);
        this.snapshots.delete(layer);
      }
    });
  }

  recordInspection: Store['recordInspection'] = (input, inspector, plotChange) =>
    this.write(() => this.inspections.record(input, inspector, plotChange));
  getInspection: Store['getInspection'] = async (id) => this.inspections.get(id);
  inspectionByClientId: Store['inspectionByClientId'] = async (clientId) =>
    this.inspections.byClientId(clientId);
  keptReply: Store['keptReply'] = async (user, key) => this.keys.get(user, key);
  listInspections: Store['listInspections'] = async (plotId) => this.inspections.list(plotId);
  lastInspections: Store['lastInspections'] = async () => this.inspections.lastDates();
  addPhoto: Store['addPhoto'] = (photo, actor, limit) =>
    this.write(() => this.inspections.addPhoto(photo, actor, limit));
  getPhoto: Store['getPhoto'] = async (id) => this.inspections.getPhoto(id);
  countPhotos: Store['countPhotos'] = async (inspectionId) => this.inspections.countPhotos(inspectionId);
  history: Store['history'] = async (query) => this.historyTable.query(query);
  getSetting: Store['getSetting'] = async (key) => this.settings.get(key);
  putSetting: Store['putSetting'] = (key, expectedVersion, value, actor) =>
    this.write(() =>
      this.settings.put(key, expectedVersion, value, actor, (entry) => this.historyTable.append(entry)),
    );
  statusChanges: Store['statusChanges'] = async (layer, sinceAt) =>
    this.historyTable.statusChanges(layer, sinceAt);

  listImportPresets: Store['listImportPresets'] = async (layer) => this.presets.list(layer);
  saveImportPreset: Store['saveImportPreset'] = (layer, name, mapping, actor) =>
    this.write(() => this.presets.save(layer, name, mapping, actor));
  deleteImportPreset: Store['deleteImportPreset'] = (layer, name) =>
    this.write(() => this.presets.delete(layer, name));

  async backup(destination: string): Promise<void> {
    await this.db.backup(destination);
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.textReads.values()]);
    if (this.reader?.open) this.reader.close();
    if (this.db.open) this.db.close();
  }
}
