// The one write path of the app. Every change a person makes is an intent (what they want, from which
// version, with an id that makes a retry idempotent) handed to `transact`; intents are sent one at a
// time, in the order they were made, and each ends saved or in a conflict, or fails with an ApiError.
// The offline outbox will keep the same intents in IndexedDB and replay them through this path.
//
// A 409 is not shown as it is: it is merged three ways (src/domain/three-way-merge.ts) against the
// version the person started from. Fields only they changed are applied to the current version, fields
// only others changed are kept, and the edit is sent again without asking; only fields both sides
// changed differently come back as a conflict, each with who changed the other side and when (from
// the feature's history). `resolve` then sends the person's choice for those fields.

import type { Geometry } from 'geojson';
import type { SettingKey } from '../../domain/settings.ts';
import {
  type ChangedBy,
  type FieldConflict,
  lastChangedBy,
  mergePatchBetween,
  threeWayMerge,
} from '../../domain/three-way-merge.ts';
import {
  type ApiFeature,
  conflictBody,
  type HistoryEntry,
  type Photo,
  type RecordedInspection,
  type StoredSetting,
} from '../../domain/wire.ts';
import { ApiError } from './client.ts';
import {
  createFeature,
  deleteFeature,
  getFeatureHistory,
  type NewInspection,
  patchFeature,
  putSetting,
  recordInspection,
  uploadPhoto,
} from './endpoints.ts';

type Properties = Record<string, unknown>;

/**
 * Plot or zone attributes changed from the version on screen (`base`), as a merge patch. A change of
 * outline is the pseudo-field `geometry` in both `base` and `changes`, so it merges like any field.
 */
export interface EditIntent {
  kind: 'edit-feature';
  id: string;
  layer: string;
  featureId: string;
  base: Properties;
  changes: Properties;
}

/** An inspection, which also sets the plot's status (and mode) from the version on screen. */
export interface InspectionIntent {
  kind: 'record-inspection';
  id: string;
  base: Properties;
  input: NewInspection;
}

/** A new feature of a drawn layer (a zone). */
export interface CreateIntent {
  kind: 'create-feature';
  id: string;
  layer: string;
  properties: Properties;
  geometry: Geometry;
}

/** A feature deleted from the version on screen. */
export interface DeleteIntent {
  kind: 'delete-feature';
  id: string;
  layer: string;
  featureId: string;
  version: number;
}

/** A photo of a recorded inspection (named by its id, or by the client id it is recorded with). */
export interface PhotoIntent {
  kind: 'add-photo';
  id: string;
  inspectionId: string;
  /** A Blob, not a File, so that it keeps in IndexedDB everywhere; its name travels beside it. */
  file: Blob;
  name: string;
}

/**
 * A setting's whole new value from the version on screen (admins: the rules, the durations). A stale
 * version is not merged: the server's 409 reaches the form, which shows the current values.
 */
export interface SettingIntent {
  kind: 'put-setting';
  id: string;
  key: SettingKey;
  version: number;
  value: unknown;
}

/** What the three-way merge applies to: the intents that change a feature from a version. */
type MergeableIntent = EditIntent | InspectionIntent;

export type Intent = MergeableIntent | CreateIntent | DeleteIntent | PhotoIntent | SettingIntent;

export interface Conflict {
  /** Only the fields both sides changed, to different values. */
  fields: FieldConflict[];
  /** Fields only the person changed: saved whatever is chosen for `fields`. */
  mine: string[];
  /** Fields only others changed: kept. */
  theirs: string[];
  /** The version the person started from. */
  startedFrom: number;
  /** Who changed each of those fields on the server, and when (absent when history does not say). */
  changedBy: Record<string, ChangedBy>;
  /** The feature as it is now on the server. */
  current: ApiFeature;
  /** The person's intent, rebased onto `current` with every field that merged. */
  intent: MergeableIntent;
}

export type Outcome =
  | {
      status: 'saved';
      /** The feature as saved; null for a deletion or a photo. */
      feature: ApiFeature | null;
      /** Fields others had changed meanwhile, kept beside the person's own. */
      mergedTheirs: string[];
      inspection: RecordedInspection | null;
      photo: Photo | null;
      /** The setting as saved (a put-setting intent). */
      setting?: StoredSetting;
    }
  | { status: 'conflict'; conflict: Conflict };

const saved = (parts: Partial<Extract<Outcome, { status: 'saved' }>>): Outcome => ({
  status: 'saved',
  feature: null,
  mergedTheirs: [],
  inspection: null,
  photo: null,
  ...parts,
});

/** How many times an edit is merged again when the feature keeps changing under it. */
const MAX_MERGES = 3;

/** The properties an intent would leave on the feature. */
function wanted(intent: MergeableIntent): Properties {
  if (intent.kind === 'edit-feature') {
    const result: Properties = { ...intent.base };
    for (const [name, value] of Object.entries(intent.changes)) {
      if (value === null) delete result[name];
      else result[name] = value;
    }
    return result;
  }
  const { status, mode } = intent.input;
  return { ...intent.base, status, ...(mode !== undefined ? { mode } : {}) };
}

/** The fields of `current` the intent merges against: its properties, and its outline if the intent
 *  edits the outline too. */
function theirsOf(intent: MergeableIntent, current: ApiFeature): Properties {
  return 'geometry' in intent.base
    ? { ...current.properties, geometry: current.geometry }
    : current.properties;
}

/** The same intent, rebased onto `current` with the properties it should now leave there. */
function rebase(intent: MergeableIntent, current: ApiFeature, target: Properties): MergeableIntent {
  const theirs = theirsOf(intent, current);
  if (intent.kind === 'edit-feature') {
    return { ...intent, base: theirs, changes: mergePatchBetween(theirs, target) };
  }
  const { mode: _mode, ...rest } = intent.input;
  const mode = target.mode;
  return {
    ...intent,
    base: theirs,
    input: {
      ...rest,
      status: String(target.status ?? intent.input.status),
      ...(typeof mode === 'string' && mode !== theirs.mode ? { mode } : {}),
      plotVersion: current.properties.version,
    },
  };
}

// Every request carries the intent's id as its Idempotency-Key (src/server/idempotency.ts): a retry
// of a write whose answer was lost is answered as the first and writes nothing. A refused attempt (a
// 409) keeps no key on the server, so the rebased attempt may reuse it.
async function sendOnce(intent: Intent): Promise<Outcome> {
  const key = intent.id;
  switch (intent.kind) {
    case 'edit-feature': {
      const { geometry, ...properties } = intent.changes;
      const version = Number(intent.base.version);
      const feature = await patchFeature(
        intent.layer,
        intent.featureId,
        version,
        properties,
        geometry as Geometry,
        key,
      );
      return saved({ feature });
    }
    case 'record-inspection': {
      const inspection = await recordInspection(intent.input, key);
      return saved({ feature: inspection.plot, inspection });
    }
    case 'create-feature':
      return saved({ feature: await createFeature(intent.layer, intent.properties, intent.geometry, key) });
    case 'delete-feature':
      await deleteFeature(intent.layer, intent.featureId, intent.version, key);
      return saved({});
    case 'add-photo':
      return saved({ photo: await uploadPhoto(intent.inspectionId, intent.file, intent.name, key) });
    case 'put-setting':
      return saved({ setting: await putSetting(intent.key, intent.version, intent.value, key) });
  }
}

function conflictOf(error: unknown): ApiFeature | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const body = conflictBody.safeParse(error.body);
  return body.success ? body.data.current : null;
}

/** A history side's properties, with its outline as the pseudo-field `geometry` when it has one. */
function fieldsIn(side: unknown): Properties {
  if (typeof side !== 'object' || side === null) return {};
  const { properties, geometry } = side as { properties?: unknown; geometry?: unknown };
  const fields =
    typeof properties === 'object' && properties !== null ? { ...(properties as Properties) } : {};
  if (geometry !== undefined) fields.geometry = geometry;
  return fields;
}

/** Who changed the conflicting fields, from the feature's history; nothing if history cannot be read. */
async function whoChanged(
  layer: string,
  featureId: string,
  fields: readonly string[],
  sinceVersion: number,
): Promise<Record<string, ChangedBy>> {
  let entries: HistoryEntry[];
  try {
    entries = (await getFeatureHistory(layer, featureId)).entries;
  } catch {
    return {};
  }
  const changes = entries
    .filter((entry) => entry.action !== 'conflict')
    .map((entry) => ({
      actor: entry.actor,
      at: entry.at,
      versionAfter: entry.versionAfter,
      before: fieldsIn(entry.before),
      after: fieldsIn(entry.after),
    }));
  return lastChangedBy(fields, changes, sinceVersion);
}

function target(intent: MergeableIntent): { layer: string; featureId: string } {
  return intent.kind === 'edit-feature'
    ? { layer: intent.layer, featureId: intent.featureId }
    : { layer: 'plots', featureId: intent.input.plotId };
}

async function run(intent: Intent): Promise<Outcome> {
  if (intent.kind !== 'edit-feature' && intent.kind !== 'record-inspection') return sendOnce(intent);
  let attempt: MergeableIntent = intent;
  const mergedTheirs = new Set<string>();
  for (let merges = 0; ; merges++) {
    try {
      const outcome = await sendOnce(attempt);
      return outcome.status === 'saved' ? { ...outcome, mergedTheirs: [...mergedTheirs].sort() } : outcome;
    } catch (error) {
      const current = conflictOf(error);
      if (!current || merges >= MAX_MERGES) throw error;
      const merge = threeWayMerge(attempt.base, wanted(attempt), theirsOf(attempt, current));
      for (const name of merge.theirs) mergedTheirs.add(name);
      if (merge.conflicts.length > 0) {
        const { layer, featureId } = target(intent);
        const fields = merge.conflicts.map((field) => field.name);
        const changedBy = await whoChanged(layer, featureId, fields, Number(attempt.base.version));
        return {
          status: 'conflict',
          conflict: {
            fields: merge.conflicts,
            mine: merge.mine,
            theirs: [...mergedTheirs].sort(),
            startedFrom: Number(intent.base.version),
            changedBy,
            current,
            intent: rebase(attempt, current, merge.merged),
          },
        };
      }
      attempt = rebase(attempt, current, merge.merged);
    }
  }
}

/** Intents are sent one at a time, in the order they were made. */
let queue: Promise<unknown> = Promise.resolve();

export function transact(intent: Intent): Promise<Outcome> {
  const result = queue.then(() => run(intent));
  queue = result.catch(() => undefined);
  return result;
}

/**
 * The person's answer to a conflict: for each conflicting field, theirs or mine (`keepMine` lists the
 * fields where mine wins). The rest of the merge stands. Goes through the same path (and may meet a
 * newer conflict).
 */
export function resolve(conflict: Conflict, keepMine: readonly string[]): Promise<Outcome> {
  const next = resolvedIntent(conflict, keepMine);
  // Theirs for every field, and nothing else of the person's: the server's version stands as it is.
  if (!next) return Promise.resolve(saved({ feature: conflict.current }));
  return transact(next);
}

/**
 * The intent that carries the person's answer to a conflict (the same id), or null when there is
 * nothing left to send (theirs for every field, nothing else of theirs).
 */
export function resolvedIntent(conflict: Conflict, keepMine: readonly string[]): MergeableIntent | null {
  const target: Properties = { ...wanted(conflict.intent) };
  for (const field of conflict.fields) {
    const value = keepMine.includes(field.name) ? field.mine : field.theirs;
    if (value === undefined || value === null) delete target[field.name];
    else target[field.name] = value;
  }
  const next = rebase(conflict.intent, conflict.current, target);
  if (next.kind === 'edit-feature' && Object.keys(next.changes).length === 0) return null;
  return next;
}
