// What an import changes, decided the same way by both stores: which features are unchanged, which
// would revert a newer edit (conflicts), the next version of each changed one, what `replace` deletes,
// and the history entries, in the order they are written. The store then writes the plan in its
// transaction. `R` is how the store holds a stored feature while comparing (SQLite: the row's text,
// so an unchanged feature is never parsed; PostgreSQL: the parsed feature).
import type { LayerId } from '../../domain/layers.ts';
import { importDiffEntry, type NewHistoryEntry } from './history.ts';
import { nextFeature } from './rows.ts';
import type { ImportConflict, ImportedFeature, ImportSummary, StoredFeature } from './types.ts';

export type ImportMode = 'replace' | 'merge' | 'seed';

export type ImportPlan =
  | { ok: false; conflicts: ImportConflict[]; refusal: NewHistoryEntry }
  | {
      ok: true;
      summary: ImportSummary;
      conflicts: ImportConflict[];
      /** New features, in the file's order. */
      inserts: StoredFeature[];
      /** The next versions of changed features. */
      updates: { feature: StoredFeature; current: StoredFeature }[];
      /** Ids of the stored features `replace` removes. */
      deletes: string[];
      /** The import's one entry (the layer's), written first: its seq names each diff. */
      entry: NewHistoryEntry;
      /** Per changed feature, what changed (history.ts importDiffEntry), in the order they happened. */
      diffs: NewHistoryEntry[];
    };

export interface ImportRequest {
  layer: LayerId;
  features: ImportedFeature[];
  mode: ImportMode;
  actor: string;
  onConflict: 'refuse' | 'overwrite';
}

export function planImport<R>(
  { layer, features, mode, actor, onConflict }: ImportRequest,
  existing: Map<string, R>,
  stored: (row: R) => StoredFeature,
  unchanged: (row: R, content: ImportedFeature) => boolean,
): ImportPlan {
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, deleted: 0, overwritten: 0 };
  const changes: { content: ImportedFeature; current: StoredFeature | undefined }[] = [];
  const conflicts: ImportConflict[] = [];
  for (const content of features) {
    const row = existing.get(content.properties.id);
    if (row !== undefined && unchanged(row, content)) {
      summary.unchanged++;
      continue;
    }
    const current = row === undefined ? undefined : stored(row);
    if (current && mode !== 'seed' && content.version !== null && content.version < current.version) {
      conflicts.push({
        id: current.id,
        importedVersion: content.version,
        storedVersion: current.version,
        updatedBy: current.updatedBy,
        updatedAt: current.updatedAt,
      });
    }
    changes.push({ content, current });
  }
  if (conflicts.length > 0 && onConflict === 'refuse') {
    const refusal: NewHistoryEntry = {
      ...importEntry(actor, layer, mode),
      action: 'conflict',
      after: { conflicts: conflicts.length, first: conflicts.slice(0, 20) },
      note: `${mode} refused: ${conflicts.length} of ${features.length} features changed since the file was exported`,
    };
    return { ok: false, conflicts, refusal };
  }
  const conflicting = new Map(conflicts.map((conflict) => [conflict.id, conflict]));
  const inserts: StoredFeature[] = [];
  const updates: { feature: StoredFeature; current: StoredFeature }[] = [];
  const diffs: NewHistoryEntry[] = [];
  for (const { content, current } of changes) {
    if (!current) {
      const feature = nextFeature(layer, content, 1, actor);
      inserts.push(feature);
      if (mode !== 'seed') diffs.push(importDiffEntry(actor, 'import-create', null, feature));
      summary.created++;
      continue;
    }
    const feature = nextFeature(layer, content, current.version + 1, actor);
    updates.push({ feature, current });
    const conflict = conflicting.get(current.id);
    const note = conflict
      ? `overwrote version ${conflict.storedVersion} with an import of version ${conflict.importedVersion}`
      : null;
    diffs.push(importDiffEntry(actor, 'import-update', current, feature, note));
    summary.updated++;
    if (conflict) summary.overwritten++;
  }
  const deletes: string[] = [];
  if (mode === 'replace') {
    const seen = new Set(features.map((content) => content.properties.id));
    for (const [id, row] of existing) {
      if (seen.has(id)) continue;
      deletes.push(id);
      diffs.push(importDiffEntry(actor, 'import-delete', stored(row), null));
      summary.deleted++;
    }
  }
  // A seed is each feature's version 1: one layer entry says so instead of one per feature.
  const entry: NewHistoryEntry = {
    ...importEntry(actor, layer, mode),
    after: { ...summary, diffs: diffs.length },
    note: `${mode}: ${features.length} features`,
  };
  return { ok: true, summary, conflicts, inserts, updates, deletes, entry, diffs };
}

function importEntry(actor: string, layer: LayerId, mode: ImportMode) {
  return {
    actor,
    entity: 'layer' as const,
    layer,
    entityId: layer,
    action:
      mode === 'seed'
        ? ('seed' as const)
        : mode === 'replace'
          ? ('import-update' as const)
          : ('import-create' as const),
    versionBefore: null,
    versionAfter: null,
    before: null,
  };
}
