// The history table: append-only (triggers in migrations.ts refuse UPDATE and DELETE). A feature's
// entry keeps the properties before and after, and the geometry only when it changed (or was created
// or deleted), so a long run of attribute edits does not copy a large polygon each time.
import type Database from 'better-sqlite3';
import type { HistoryAction, HistoryEntry, HistoryQuery, StoredFeature } from './types.ts';

interface HistoryRow {
  seq: number;
  at: string;
  actor: string;
  entity: string;
  layer: string | null;
  entity_id: string;
  action: string;
  version_before: number | null;
  version_after: number | null;
  before: string | null;
  after: string | null;
  note: string | null;
}

export type NewHistoryEntry = Omit<HistoryEntry, 'seq' | 'at'>;

export class HistoryTable {
  private readonly insert;
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
    this.insert = db.prepare(
      `INSERT INTO history (at, actor, entity, layer, entity_id, action, version_before, version_after, before, after, note)
       VALUES (@at, @actor, @entity, @layer, @entityId, @action, @versionBefore, @versionAfter, @before, @after, @note)`,
    );
  }

  append(entry: NewHistoryEntry): void {
    this.insert.run({
      ...entry,
      at: new Date().toISOString(),
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
    });
  }

  appendFeature(
    actor: string,
    action: HistoryAction,
    before: StoredFeature | null,
    after: StoredFeature | null,
    note: string | null = null,
  ): void {
    const subject = (after ?? before) as StoredFeature;
    const geometryChanged =
      !before || !after || JSON.stringify(before.geometry) !== JSON.stringify(after.geometry);
    const content = (feature: StoredFeature | null) =>
      feature === null
        ? null
        : geometryChanged
          ? { properties: feature.properties, geometry: feature.geometry }
          : { properties: feature.properties };
    this.append({
      actor,
      entity: 'feature',
      layer: subject.layer,
      entityId: subject.id,
      action,
      versionBefore: before?.version ?? null,
      versionAfter: after?.version ?? null,
      before: content(before),
      after: content(after),
      note,
    });
  }

  /**
   * A refused change: versionBefore is the version the caller named, versionAfter the current one
   * (which stays), before the current properties and after what the caller tried.
   */
  appendConflict(
    actor: string,
    current: StoredFeature,
    namedVersion: number,
    attempt: unknown,
    note: string,
  ): void {
    this.append({
      actor,
      entity: 'feature',
      layer: current.layer,
      entityId: current.id,
      action: 'conflict',
      versionBefore: namedVersion,
      versionAfter: current.version,
      before: { properties: current.properties },
      after: attempt,
      note,
    });
  }

  query(query: HistoryQuery): HistoryEntry[] {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.entity) {
      where.push('entity = ?');
      params.push(query.entity);
    }
    if (query.layer) {
      where.push('layer = ?');
      params.push(query.layer);
    }
    if (query.entityId) {
      where.push('entity_id = ?');
      params.push(query.entityId);
    }
    if (query.beforeSeq !== undefined) {
      where.push('seq < ?');
      params.push(query.beforeSeq);
    }
    const sql = `SELECT * FROM history ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    const rows = this.db.prepare<(string | number)[], HistoryRow>(sql).all(...params, query.limit);
    return rows.map((row) => ({
      seq: row.seq,
      at: row.at,
      actor: row.actor,
      entity: row.entity as HistoryEntry['entity'],
      layer: row.layer,
      entityId: row.entity_id,
      action: row.action as HistoryAction,
      versionBefore: row.version_before,
      versionAfter: row.version_after,
      before: row.before === null ? null : JSON.parse(row.before),
      after: row.after === null ? null : JSON.parse(row.after),
      note: row.note,
    }));
  }
}
