// The history table: append-only (triggers in migrations.ts refuse UPDATE, DELETE and INSERT OR
// REPLACE). A feature's entry keeps the properties before and after, and the geometry only when it
// changed (or was created or deleted), so a long run of attribute edits does not copy a large polygon
// each time. A refused attempt keeps what it would have changed, at most HISTORY_ATTEMPT_MAX_BYTES.
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { StatusChange } from '../../geo/progress-report.ts';
import { HISTORY_ATTEMPT_MAX_BYTES } from '../config.ts';
import type {
  HistoryAction,
  HistoryEntry,
  HistoryQuery,
  Inspection,
  PhotoRecord,
  StoredFeature,
} from './types.ts';

/** A row of the history table; `before` and `after` are JSON: text in SQLite (`J` string), parsed jsonb in PostgreSQL. */
export interface HistoryRow<J> {
  seq: number;
  at: string;
  actor: string;
  entity: string;
  layer: string | null;
  entity_id: string;
  action: string;
  version_before: number | null;
  version_after: number | null;
  before: J | null;
  after: J | null;
  note: string | null;
  import_seq: number | null;
}

/** The entry of a row; `parse` turns a stored JSON value into the value. */
export function toHistoryEntry<J>(row: HistoryRow<J>, parse: (value: J) => unknown): HistoryEntry {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    entity: row.entity as HistoryEntry['entity'],
    layer: row.layer,
    entityId: row.entity_id,
    action: row.action as HistoryAction,
    versionBefore: row.version_before,
    versionAfter: row.version_after,
    before: row.before === null ? null : parse(row.before),
    after: row.after === null ? null : parse(row.after),
    note: row.note,
    importSeq: row.import_seq ?? null,
  };
}

export type NewHistoryEntry = Omit<HistoryEntry, 'seq' | 'at' | 'importSeq'> & { importSeq?: number | null };

/**
 * The history actions that may change a feature's properties in place (a refused 'conflict' changes
 * nothing; a created or deleted feature has no status *change*), as SQL for both stores.
 */
export const STATUS_ACTIONS_SQL = ["'update'", "'inspection'", "'import-update'"].join(', ');

/** A conflict entry's before and after share HISTORY_ATTEMPT_MAX_BYTES. */
const HALF_ENTRY = HISTORY_ATTEMPT_MAX_BYTES / 2;
const bytesOf = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? '');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A geometry as history keeps an attempted one: its type, how many positions, and a hash of it. */
function geometrySummary(geometry: unknown): { type: unknown; positions: number; sha256: string } {
  let positions = 0;
  const pending: unknown[] = [geometry];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      if (typeof value[0] === 'number') positions++;
      else for (const item of value) pending.push(item);
    } else if (isRecord(value)) {
      pending.push(value.coordinates, value.geometries);
    }
  }
  const type = isRecord(geometry) ? geometry.type : null;
  return { type, positions, sha256: sha256(JSON.stringify(geometry) ?? 'null') };
}

/** A value too long to keep whole: how long it was and a hash to compare it with. */
function omitted(value: unknown) {
  const text = JSON.stringify(value) ?? 'null';
  return { omitted: true, bytes: Buffer.byteLength(text), sha256: sha256(text) };
}

/** An object's fields, each long value replaced by omitted(), then as many fields as fit the budget. */
function capFields(fields: Record<string, unknown>, budget: number): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  const names = Object.keys(fields);
  let used = 2;
  for (const [index, name] of names.entries()) {
    const raw = fields[name];
    const value = bytesOf(raw) > 512 ? omitted(raw) : raw;
    const size = bytesOf(name) + bytesOf(value) + 2;
    if (used + size > budget - 64) {
      kept.omittedFields = names.length - index;
      break;
    }
    kept[name] = value;
    used += size;
  }
  return kept;
}

/**
 * What a refused attempt would have changed, bounded: a geometry as its summary, field values over
 * 512 bytes as their size and hash, and no more fields than fit `maxBytes` of JSON. The attempt's own
 * keys are the server's (properties, geometry, inspection, delete), never the client's.
 */
function attemptSummary(attempt: unknown, maxBytes: number): unknown {
  if (!isRecord(attempt)) return bytesOf(attempt) <= maxBytes ? attempt : omitted(attempt);
  const summary: Record<string, unknown> = { ...attempt };
  if ('geometry' in summary) summary.geometry = geometrySummary(summary.geometry);
  if (bytesOf(summary) <= maxBytes) return summary;
  const share = Math.floor(maxBytes / Object.keys(summary).length);
  return Object.fromEntries(
    Object.entries(summary).map(([name, value]) => {
      if (name === 'geometry') return [name, value];
      if (isRecord(value)) return [name, capFields(value, share)];
      return [name, bytesOf(value) > 512 ? omitted(value) : value];
    }),
  );
}

/** The properties an attempt touched (a patch's keys; an inspection's status and mode), else all. */
function touched(current: Record<string, unknown>, attempt: unknown): Record<string, unknown> {
  if (!isRecord(attempt)) return current;
  const keys = isRecord(attempt.properties)
    ? Object.keys(attempt.properties)
    : isRecord(attempt.inspection)
      ? ['status', 'mode']
      : null;
  if (!keys) return current;
  return Object.fromEntries(keys.filter((key) => key in current).map((key) => [key, current[key]]));
}

/** Who changed which feature how, from which version to which: what every feature entry starts with. */
function featureSubject(
  actor: string,
  action: HistoryAction,
  before: StoredFeature | null,
  after: StoredFeature | null,
  note: string | null,
) {
  const subject = (after ?? before) as StoredFeature;
  return {
    actor,
    entity: 'feature' as const,
    layer: subject.layer,
    entityId: subject.id,
    action,
    versionBefore: before?.version ?? null,
    versionAfter: after?.version ?? null,
    note,
  };
}

/**
 * A feature's diff in an import (import-plan.ts): not the feature, only what changed — each changed
 * property from → to, and when the outline changed, each side's geometry as its summary (type,
 * positions, hash). A created feature is the layer's current row (its later diffs lead back to it); a
 * deleted one keeps its properties and geometry, as nothing else holds them any more.
 */
export function importDiffEntry(
  actor: string,
  action: 'import-create' | 'import-update' | 'import-delete',
  before: StoredFeature | null,
  after: StoredFeature | null,
  note: string | null = null,
): NewHistoryEntry {
  let sides: { before: unknown; after: unknown };
  if (!before) sides = { before: null, after: null };
  else if (!after)
    sides = { before: { properties: before.properties, geometry: before.geometry }, after: null };
  else {
    const from: Record<string, unknown> = {};
    const to: Record<string, unknown> = {};
    for (const key of new Set([...Object.keys(before.properties), ...Object.keys(after.properties)])) {
      const a = before.properties[key];
      const b = after.properties[key];
      if (JSON.stringify(a) === JSON.stringify(b)) continue;
      if (a !== undefined) from[key] = a;
      if (b !== undefined) to[key] = b;
    }
    const geometryChanged = JSON.stringify(before.geometry) !== JSON.stringify(after.geometry);
    sides = geometryChanged
      ? {
          before: { properties: from, geometry: geometrySummary(before.geometry) },
          after: { properties: to, geometry: geometrySummary(after.geometry) },
        }
      : { before: { properties: from }, after: { properties: to } };
  }
  return { ...featureSubject(actor, action, before, after, note), ...sides };
}

/** A feature's entry: properties before and after, the geometry too when it changed. */
export function featureEntry(
  actor: string,
  action: HistoryAction,
  before: StoredFeature | null,
  after: StoredFeature | null,
  note: string | null = null,
): NewHistoryEntry {
  const geometryChanged =
    !before || !after || JSON.stringify(before.geometry) !== JSON.stringify(after.geometry);
  const content = (feature: StoredFeature | null) =>
    feature === null
      ? null
      : geometryChanged
        ? { properties: feature.properties, geometry: feature.geometry }
        : { properties: feature.properties };
  return {
    ...featureSubject(actor, action, before, after, note),
    before: content(before),
    after: content(after),
  };
}

/**
 * A refused change: versionBefore is the version the caller named, versionAfter the current one
 * (which stays), before the current values of what the caller tried to change, after what it tried;
 * both bounded (attemptSummary), so refused attempts cannot grow the database much.
 */
export function conflictEntry(
  actor: string,
  current: StoredFeature,
  namedVersion: number,
  attempt: unknown,
  note: string,
): NewHistoryEntry {
  return {
    actor,
    entity: 'feature',
    layer: current.layer,
    entityId: current.id,
    action: 'conflict',
    versionBefore: namedVersion,
    versionAfter: current.version,
    before: attemptSummary({ properties: touched(current.properties, attempt) }, HALF_ENTRY),
    after: attemptSummary(attempt, HALF_ENTRY),
    note,
  };
}

/** An inspection recorded (without its photos, which have their own entries). */
export function inspectionEntry(inspector: string, inspection: Inspection): NewHistoryEntry {
  const { photos: _none, ...recorded } = inspection;
  return {
    actor: inspector,
    entity: 'inspection',
    layer: 'plots',
    entityId: inspection.id,
    action: 'create',
    versionBefore: null,
    versionAfter: null,
    before: null,
    after: recorded,
    note: `plot ${inspection.plotId}`,
  };
}

/** A photo added to an inspection: what it is, not its bytes. */
export function photoEntry(actor: string, photo: PhotoRecord): NewHistoryEntry {
  return {
    actor,
    entity: 'inspection',
    layer: 'plots',
    entityId: photo.inspectionId,
    action: 'photo',
    versionBefore: null,
    versionAfter: null,
    before: null,
    after: {
      photoId: photo.id,
      contentType: photo.contentType,
      sizeBytes: photo.sizeBytes,
      sha256: photo.sha256,
    },
    note: photo.originalName,
  };
}

/** An account created or changed: its role and state, never its password hash. */
export function userEntry(
  actor: string,
  username: string,
  action: 'create' | 'update',
  before: { role: string; disabled: boolean } | null,
  after: { role: string; disabled: boolean; passwordChanged?: boolean },
): NewHistoryEntry {
  return {
    actor,
    entity: 'user',
    layer: null,
    entityId: username,
    action,
    versionBefore: null,
    versionAfter: null,
    before,
    after,
    note: null,
  };
}

export class HistoryTable {
  private readonly insert;
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
    this.insert = db.prepare(
      `INSERT INTO history (at, actor, entity, layer, entity_id, action, version_before, version_after, before, after, note, import_seq)
       VALUES (@at, @actor, @entity, @layer, @entityId, @action, @versionBefore, @versionAfter, @before, @after, @note, @importSeq)`,
    );
  }

  /** Appends the entry; its seq. */
  append(entry: NewHistoryEntry): number {
    return Number(
      this.insert.run({
        ...entry,
        at: new Date().toISOString(),
        before: entry.before === null ? null : JSON.stringify(entry.before),
        after: entry.after === null ? null : JSON.stringify(entry.after),
        importSeq: entry.importSeq ?? null,
      }).lastInsertRowid,
    );
  }

  appendFeature(
    actor: string,
    action: HistoryAction,
    before: StoredFeature | null,
    after: StoredFeature | null,
    note: string | null = null,
  ): void {
    this.append(featureEntry(actor, action, before, after, note));
  }

  appendConflict(
    actor: string,
    current: StoredFeature,
    namedVersion: number,
    attempt: unknown,
    note: string,
  ): void {
    this.append(conflictEntry(actor, current, namedVersion, attempt, note));
  }

  statusChanges(layer: string, sinceAt: string): StatusChange[] {
    return this.db
      .prepare<[string, string], StatusChange>(
        `SELECT entity_id AS id, at, json_extract(before, '$.properties.status') AS "from",
                json_extract(after, '$.properties.status') AS "to"
           FROM history
          WHERE entity = 'feature' AND layer = ? AND at >= ? AND action IN (${STATUS_ACTIONS_SQL})
            AND json_extract(after, '$.properties.status') IS NOT NULL
            AND json_extract(after, '$.properties.status') IS NOT json_extract(before, '$.properties.status')
          ORDER BY seq`,
      )
      .all(layer, sinceAt);
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
    if (query.importSeq !== undefined) {
      where.push('import_seq = ?');
      params.push(query.importSeq);
    }
    if (query.beforeSeq !== undefined) {
      where.push('seq < ?');
      params.push(query.beforeSeq);
    }
    const sql = `SELECT * FROM history ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    const rows = this.db.prepare<(string | number)[], HistoryRow<string>>(sql).all(...params, query.limit);
    return rows.map((row) => toHistoryEntry(row, (text) => JSON.parse(text)));
  }
}
