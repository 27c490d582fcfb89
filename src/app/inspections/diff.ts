// Pure helpers for the change history and the conflict dialog: which properties an entry changed,
// from what to what (never raw JSON on screen), and local times as `YYYY-MM-DD HH:mm`.
import { PROPERTY_LABELS } from '../../domain/labels.ts';
import { applyMergePatch } from '../../domain/merge-patch.ts';
import { sameValue } from '../../domain/three-way-merge.ts';
import type { HistoryEntry } from '../../domain/wire.ts';

export interface FieldChange {
  name: string;
  before: unknown;
  after: unknown;
}

export type EntryView =
  | { kind: 'changes'; fields: FieldChange[]; geometryChanged: boolean }
  | { kind: 'created' | 'deleted'; fields: FieldChange[]; geometryChanged: boolean };

const KNOWN_ORDER = Object.keys(PROPERTY_LABELS);
const IGNORED = new Set(['version']);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function rank(name: string): number {
  const index = KNOWN_ORDER.indexOf(name);
  return index === -1 ? KNOWN_ORDER.length : index;
}

/** The properties that differ between two property sets, in the inspector's order; `version` aside. */
export function diffProperties(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): FieldChange[] {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (name) => !IGNORED.has(name),
  );
  return names
    .filter((name) => !sameValue(before[name], after[name]))
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
    .map((name) => ({ name, before: before[name], after: after[name] }));
}

function propertiesIn(side: unknown): Record<string, unknown> {
  return isRecord(side) && isRecord(side.properties) ? side.properties : {};
}

/** What one history entry of a feature did, as field changes. */
export function describeEntry(entry: HistoryEntry): EntryView {
  const before = propertiesIn(entry.before);
  const after = propertiesIn(entry.after);
  const geometryChanged =
    isRecord(entry.before) &&
    isRecord(entry.after) &&
    'geometry' in entry.after &&
    !sameValue(entry.before.geometry, entry.after.geometry);
  if (entry.action === 'conflict') {
    // after is what the caller tried: a property patch, or an inspection's status and mode.
    const attempt = isRecord(entry.after) ? entry.after : {};
    if (isRecord(attempt.inspection)) {
      const tried: Record<string, unknown> = { ...before, status: attempt.inspection.status };
      if (attempt.inspection.mode !== undefined) tried.mode = attempt.inspection.mode;
      return { kind: 'changes', fields: diffProperties(before, tried), geometryChanged: false };
    }
    const patch = isRecord(attempt.properties) ? attempt.properties : {};
    const tried = applyMergePatch(before, patch);
    return { kind: 'changes', fields: diffProperties(before, tried), geometryChanged: 'geometry' in attempt };
  }
  if (entry.before === null && entry.after !== null) {
    return { kind: 'created', fields: diffProperties({}, after), geometryChanged: false };
  }
  if (entry.after === null && entry.before !== null) {
    return { kind: 'deleted', fields: diffProperties(before, {}), geometryChanged: false };
  }
  return { kind: 'changes', fields: diffProperties(before, after), geometryChanged };
}

/** `2026-11-28 14:05` in local time; the input as it is when it is not a date. */
export function formatWhen(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Today as `YYYY-MM-DD` in local time. */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
