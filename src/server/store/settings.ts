// Settings (src/domain/settings.ts) as both stores keep them: one row per key with its version, and an
// entry in the append-only history for every save (who changed the setting, from what to what, from
// which version to which) and for every save refused on a stale version. The SQLite table is here; the
// PostgreSQL one is in postgres.ts, with the same entries.
import type Database from 'better-sqlite3';
import { SETTING_DEFAULTS, type SettingKey } from '../../domain/settings.ts';
import type { NewHistoryEntry } from './history.ts';
import type { SettingResult, StoredSetting } from './types.ts';

/** A settings row as both stores read it (`value` parsed). */
export interface SettingRow {
  key: string;
  version: number;
  value: unknown;
  updated_at: string;
  updated_by: string;
}

export function toStoredSetting(row: SettingRow): StoredSetting {
  return {
    key: row.key as SettingKey,
    version: Number(row.version),
    value: row.value,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** A setting saved: the value before (null the first time) and after, with the versions. */
export function settingEntry(
  actor: string,
  before: StoredSetting | null,
  after: StoredSetting,
): NewHistoryEntry {
  return {
    actor,
    entity: 'setting',
    layer: null,
    entityId: after.key,
    action: before ? 'update' : 'create',
    versionBefore: before?.version ?? 0,
    versionAfter: after.version,
    before: before ? { value: before.value } : null,
    after: { value: after.value },
    note: null,
  };
}

/** A save refused: the version named, the current one (which stays), the value now and the one tried. */
export function settingConflictEntry(
  actor: string,
  key: SettingKey,
  namedVersion: number,
  current: StoredSetting | null,
  attempt: unknown,
): NewHistoryEntry {
  return {
    actor,
    entity: 'setting',
    layer: null,
    entityId: key,
    action: 'conflict',
    versionBefore: namedVersion,
    versionAfter: current?.version ?? 0,
    before: current ? { value: current.value } : null,
    after: { value: attempt },
    note: 'update',
  };
}

/** A setting never saved: version 0 of its default. */
export function unsavedSetting(key: SettingKey): StoredSetting {
  return { key, version: 0, value: SETTING_DEFAULTS[key], updatedAt: null, updatedBy: null };
}

export class SettingsTable {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      get: db.prepare<[string], Omit<SettingRow, 'value'> & { value: string }>(
        'SELECT key, version, value, updated_at, updated_by FROM settings WHERE key = ?',
      ),
      insert: db.prepare(
        'INSERT INTO settings (key, version, value, updated_at, updated_by) VALUES (@key, 1, @value, @at, @actor)',
      ),
      update: db.prepare(
        `UPDATE settings SET version = version + 1, value = @value, updated_at = @at, updated_by = @actor
         WHERE key = @key AND version = @expected`,
      ),
    };
  }

  get(key: SettingKey): StoredSetting | null {
    const row = this.statements.get.get(key);
    return row ? toStoredSetting({ ...row, value: JSON.parse(row.value) }) : null;
  }

  /** Inside the write's transaction: the save, or the conflict, with its history entry. */
  put(
    key: SettingKey,
    expectedVersion: number,
    value: unknown,
    actor: string,
    append: (entry: NewHistoryEntry) => void,
  ): SettingResult {
    const current = this.get(key);
    if ((current?.version ?? 0) !== expectedVersion) {
      append(settingConflictEntry(actor, key, expectedVersion, current, value));
      return { ok: false, reason: 'conflict', current: current ?? unsavedSetting(key) };
    }
    const row = {
      key,
      value: JSON.stringify(value),
      at: new Date().toISOString(),
      actor,
      expected: expectedVersion,
    };
    if (current) this.statements.update.run(row);
    else this.statements.insert.run(row);
    const saved = this.get(key) as StoredSetting;
    append(settingEntry(actor, current, saved));
    return { ok: true, setting: saved };
  }
}
