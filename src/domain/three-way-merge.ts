// The three-way merge of a refused edit (a 409): the person's version, the version both sides started
// from (base) and the one now on the server (theirs). A field only the person changed is applied; a
// field only others changed is kept as theirs; a field both changed to the same value is no conflict;
// only a field both changed to different values is asked about, with who changed the other side and
// when (from the feature's history). This is how QGIS's and Git's merges decide, and what the issue
// calls "never show what the person never touched".
//
// Fields are compared as JSON values (so ["a","b"] equals ["a","b"]); a missing field and null are the
// same (a merge patch's null removes a field). `geometry` may be passed as one more field.

export type Fields = Readonly<Record<string, unknown>>;

export interface FieldConflict {
  name: string;
  base: unknown;
  mine: unknown;
  theirs: unknown;
}

export interface ThreeWayMerge {
  /** Theirs with every field only the person changed applied: what to save when nothing conflicts. */
  merged: Record<string, unknown>;
  /** Fields only the person changed (applied in `merged`). */
  mine: string[];
  /** Fields only others changed (kept in `merged`). */
  theirs: string[];
  /** Fields both changed, to different values: the only ones to ask about. */
  conflicts: FieldConflict[];
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** Fields only the server sets (a client cannot change them): never merged, never reported. */
const SERVER_OWNED_FIELDS = ['version', 'id', 'createdBy'] as const;

/**
 * Merges `mine` and `theirs`, both descended from `base`. `ignore` names fields the server owns,
 * which are taken from theirs and never reported.
 */
export function threeWayMerge(
  base: Fields,
  mine: Fields,
  theirs: Fields,
  ignore: readonly string[] = SERVER_OWNED_FIELDS,
): ThreeWayMerge {
  const merged: Record<string, unknown> = { ...theirs };
  const result: ThreeWayMerge = { merged, mine: [], theirs: [], conflicts: [] };
  const names = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(theirs)]);
  for (const name of [...names].sort()) {
    if (ignore.includes(name)) continue;
    const changedByMe = !sameValue(base[name], mine[name]);
    const changedByThem = !sameValue(base[name], theirs[name]);
    if (changedByMe && changedByThem) {
      if (sameValue(mine[name], theirs[name])) continue;
      result.conflicts.push({ name, base: base[name], mine: mine[name], theirs: theirs[name] });
    } else if (changedByMe) {
      result.mine.push(name);
      if (mine[name] === undefined || mine[name] === null) delete merged[name];
      else merged[name] = mine[name];
    } else if (changedByThem) {
      result.theirs.push(name);
    }
  }
  return result;
}

/**
 * The merge patch (RFC 7396, one level) that turns `from` into `to`: changed fields with their new
 * value, removed fields as null. What the app sends after a merge, so the server applies only the
 * fields the person decided.
 */
export function mergePatchBetween(from: Fields, to: Fields, ignore: readonly string[] = SERVER_OWNED_FIELDS) {
  const patch: Record<string, unknown> = {};
  for (const name of new Set([...Object.keys(from), ...Object.keys(to)])) {
    if (ignore.includes(name) || sameValue(from[name], to[name])) continue;
    patch[name] = to[name] === undefined ? null : to[name];
  }
  return patch;
}

/** One change of a feature as history records it: who, when, and the properties before and after. */
export interface FieldChangeRecord {
  actor: string;
  at: string;
  versionAfter: number | null;
  before: Fields;
  after: Fields;
}

export interface ChangedBy {
  actor: string;
  at: string;
  version: number | null;
}

/**
 * Who last changed each of `fields` after version `sinceVersion`, from the feature's history (any
 * order). A field no entry after that version changed is absent from the answer.
 */
export function lastChangedBy(
  fields: readonly string[],
  history: readonly FieldChangeRecord[],
  sinceVersion: number,
): Record<string, ChangedBy> {
  const newestFirst = history
    .filter((entry) => entry.versionAfter !== null && entry.versionAfter > sinceVersion)
    .sort((a, b) => (b.versionAfter as number) - (a.versionAfter as number));
  const found: Record<string, ChangedBy> = {};
  for (const name of fields) {
    const entry = newestFirst.find((candidate) => !sameValue(candidate.before[name], candidate.after[name]));
    if (entry) found[name] = { actor: entry.actor, at: entry.at, version: entry.versionAfter };
  }
  return found;
}
