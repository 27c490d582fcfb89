// The import screen's presets in SQLite: a named mapping of a file's fields to a layer's properties,
// kept as JSON text, one per layer and name (migration 8). PostgreSQL keeps them in the same table with
// a jsonb column (postgres-schema.ts, migration 6; postgres.ts).
import type Database from 'better-sqlite3';
import type { LayerId } from '../../domain/layers.ts';
import { type ImportPreset, importPresetMapping } from '../../domain/wire.ts';

interface PresetRow {
  layer: string;
  name: string;
  mapping: string | ImportPreset['mapping'];
  updated_by: string;
  updated_at: string;
}

/** A row of either store as the API sends it (the mapping parsed in SQLite, jsonb already in PostgreSQL). */
export function toPreset(row: PresetRow): ImportPreset {
  return {
    layer: row.layer as LayerId,
    name: row.name,
    mapping: importPresetMapping.parse(
      typeof row.mapping === 'string' ? JSON.parse(row.mapping) : row.mapping,
    ),
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

export class ImportPresetsTable {
  private readonly sql;

  constructor(db: Database.Database) {
    this.sql = {
      list: db.prepare<[string], PresetRow>('SELECT * FROM import_presets WHERE layer = ? ORDER BY name'),
      save: db.prepare<[string, string, string, string, string], PresetRow>(
        `INSERT INTO import_presets (layer, name, mapping, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (layer, name) DO UPDATE SET mapping = excluded.mapping,
           updated_by = excluded.updated_by, updated_at = excluded.updated_at
         RETURNING *`,
      ),
      delete: db.prepare<[string, string]>('DELETE FROM import_presets WHERE layer = ? AND name = ?'),
    };
  }

  list(layer: LayerId): ImportPreset[] {
    return this.sql.list.all(layer).map(toPreset);
  }

  save(layer: LayerId, name: string, mapping: ImportPreset['mapping'], actor: string): ImportPreset {
    const row = this.sql.save.get(layer, name, JSON.stringify(mapping), actor, new Date().toISOString());
    if (!row) throw new Error('import_presets: the upsert returned no row');
    return toPreset(row);
  }

  delete(layer: LayerId, name: string): boolean {
    return this.sql.delete.run(layer, name).changes > 0;
  }
}
