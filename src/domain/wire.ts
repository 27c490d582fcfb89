// Shapes of the API both sides hold to, as zod schemas, each defined once here: the app checks the
// server's answers with them as they arrive (src/app/api), the server validates the requests it reads
// with them, and the server's types derive from them (src/server/store/types.ts, rows.ts, routes/*), so
// a field renamed on one side fails to compile on the other (and tests/server/wire.test.ts parses real
// answers with them). The server does not parse its own answers: the types are its check.
// Objects are z.object: a newer server may add fields (they are dropped on parse); what is named here
// must be there. A feature's properties and geometry are loose: they are the layer's, checked elsewhere.
import type { Geometry } from 'geojson';
import { z } from 'zod';
import { FEATURE_ID_RULE, isFeatureId } from './feature-id.ts';
import { bilingual } from './i18n.ts';
import { LAYER_IDS, PLOT_STATUSES, RECTIFICATION_MODES } from './layers.ts';
import { isoDate } from './schemas.ts';

export const ROLES = ['viewer', 'inspector', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

// ---------------------------------------------------------------------------------------------------
// Refusals

/** Every refusal of the API: a code for programs and a message for people, and details beside them. */
export const errorBody = z.object({ error: z.string(), message: bilingual });
export type ErrorBody = z.infer<typeof errorBody>;

// ---------------------------------------------------------------------------------------------------
// Accounts and sessions

/** Who is signed in and what they may do: the answer of /api/login, /api/me and POST /api/setup. */
export const me = z.object({
  user: z.object({ username: z.string(), role: z.enum(ROLES) }),
  can: z.object({
    inspect: z.boolean(),
    editLayers: z.array(z.string()),
    createLayers: z.array(z.string()),
    import: z.boolean(),
    manageUsers: z.boolean(),
  }),
});
export type Me = z.infer<typeof me>;

/** /api/settings: what the server's administrator set that the app needs (a session is required). */
export const settings = z.object({
  /** The bureau's Tianditu key; null when none is set (Tianditu basemaps are then not offered). */
  tiandituKey: z.string().nullable(),
});
export type Settings = z.infer<typeof settings>;

/** /api/session: never a 401; whether this browser has a session, who it is, whether setup is needed. */
export const session = z.union([
  z.object({ signedIn: z.literal(false), setupNeeded: z.boolean() }),
  me.extend({ signedIn: z.literal(true), setupNeeded: z.boolean() }),
]);
export type Session = z.infer<typeof session>;

/** The body of POST /api/login. */
export const loginRequest = z.strictObject({
  username: z.string().max(64),
  password: z.string().max(1024),
});

/** An account as the admin API (/api/users) sends it; the server keeps its password hash beside it. */
export const user = z.object({
  username: z.string(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** GET /api/users. */
export const userList = z.object({ users: z.array(user) });
export type UserList = z.infer<typeof userList>;

// ---------------------------------------------------------------------------------------------------
// Features

/** Any id the store can hold (src/domain/feature-id.ts: 1–128 characters, …), in a path or a body. */
export const featureId = z.string().refine(isFeatureId, FEATURE_ID_RULE);

/**
 * A geometry in a request: the sender types it as GeoJSON; here only that it is an object with a type
 * (its shape is the layer validator's to judge, src/server/feature-check.ts), hence the cast.
 */
const geometryIn = z
  .looseObject({ type: z.string() })
  .transform((value) => value as unknown as Geometry) as unknown as z.ZodType<Geometry, Geometry>;

/**
 * GET /api/layers: every layer, how many features it holds at which revision, and how the browser gets
 * it: whole (GET /api/layers/:layer, GeoJSON) or as vector tiles (GET /api/tiles/:layer/{z}/{x}/{y})
 * when it is a tileable layer above the server's threshold.
 */
export const layerManifest = z.object({
  layers: z.array(
    z.object({
      id: z.enum(LAYER_IDS),
      count: z.number().int().min(0),
      revision: z.string(),
      served: z.enum(['geojson', 'tiles']),
    }),
  ),
  tileThreshold: z.number().int().min(0),
});
export type LayerManifest = z.infer<typeof layerManifest>;

/** A feature as the API sends it (RFC 7946): `properties.id` and the version the server keeps. */
export const feature = z.object({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]),
  properties: z.looseObject({ id: z.string(), version: z.number().int().min(1) }),
  geometry: z.looseObject({ type: z.string() }).nullable(),
});
export type ApiFeature = z.infer<typeof feature>;

/** The most features GET /api/layers/:layer/features sends at once (its default `limit`). */
export const FEATURES_IN_BOX_LIMIT = 5000;

/**
 * GET /api/layers/:layer/features?bbox=west,south,east,north&limit=N: the features whose bounding box
 * meets the box, whole; `truncated` when more matched than `limit` (which ones were sent is the
 * server's choice).
 */
export const featuresInBox = z.object({
  type: z.literal('FeatureCollection'),
  features: z.array(feature),
  truncated: z.boolean(),
});
export type FeaturesInBoxAnswer = z.infer<typeof featuresInBox>;

/** PATCH /api/features/:layer/:id: a merge patch of the properties from `version`, a new outline if given. */
export const featurePatch = z.strictObject({
  version: z.number().int().min(1),
  properties: z.record(z.string(), z.unknown()),
  geometry: geometryIn.optional(),
});

/** POST /api/features/:layer: a new feature of a drawn layer. */
export const featureCreate = z.strictObject({
  properties: z.record(z.string(), z.unknown()),
  geometry: geometryIn,
});

/** DELETE /api/features/:layer/:id?version=n: what was deleted. */
export const featureDeleted = z.object({
  deleted: z.string(),
  layer: z.enum(LAYER_IDS),
  version: z.number(),
});
export type FeatureDeleted = z.infer<typeof featureDeleted>;

/** The body of a 409 on a feature: the feature as it is now on the server. */
export const conflictBody = errorBody.extend({ error: z.literal('version-conflict'), current: feature });

/** An imported feature older than the stored one: importing it would revert a newer edit. */
export const importConflict = z.object({
  id: z.string(),
  importedVersion: z.number(),
  storedVersion: z.number(),
  updatedBy: z.string(),
  updatedAt: z.string(),
});

/** How many features an import changed, by kind. */
export const importSummary = z.object({
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  deleted: z.number(),
  /** Features changed since the file was exported whose newer version the import replaced anyway. */
  overwritten: z.number(),
});

/** POST /api/import/:layer: what the import did, and the validator's warnings (src/geo/validate). */
export const importReport = importSummary.extend({
  layer: z.enum(LAYER_IDS),
  /** The import's history entry: its per-feature diffs are listed by /api/history?layer=…&import=seq. */
  historySeq: z.number(),
  mode: z.enum(['replace', 'merge']),
  overwrote: z.array(importConflict),
  problems: z.array(z.unknown()),
});
export type ImportReport = z.infer<typeof importReport>;

// ---------------------------------------------------------------------------------------------------
// Inspections and photos

/** A photo of an inspection as stored and sent (the server also keeps its file name and checksum). */
export const photoFields = z.object({
  id: z.string(),
  inspectionId: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  originalName: z.string().nullable(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
/** A photo as the API sends it: where to fetch the file. */
export const photo = photoFields.extend({ url: z.string() });
export type Photo = z.infer<typeof photo>;

/** An inspection record as stored and sent, without its photos. */
export const inspectionFields = z.object({
  id: z.string(),
  plotId: z.string(),
  date: z.string(),
  inspector: z.string(),
  findings: z.string(),
  status: z.enum(PLOT_STATUSES),
  mode: z.enum(RECTIFICATION_MODES).nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  /** The plot's version after this inspection updated it. */
  plotVersion: z.number(),
});
/** An inspection record as the API sends it. */
export const inspection = inspectionFields.extend({ photos: z.array(photo) });
export type Inspection = z.infer<typeof inspection>;

/** POST /api/inspections: the record, and the plot as the inspection left it. */
export const recordedInspection = inspection.extend({ plot: feature });
export type RecordedInspection = z.infer<typeof recordedInspection>;

/** GET /api/plots/:id/inspections. */
export const inspectionList = z.object({ plotId: z.string(), inspections: z.array(inspection) });
export type InspectionList = z.infer<typeof inspectionList>;

/** The body of POST /api/inspections. */
export const inspectionRequest = z.strictObject({
  plotId: featureId,
  date: isoDate,
  findings: z.string().trim().min(1, 'must not be empty').max(10_000),
  status: z.enum(PLOT_STATUSES),
  mode: z.enum(RECTIFICATION_MODES).optional(),
  notes: z.string().max(10_000).optional(),
  /** A client-made id (UUID) so that a retried upload from a tablet records the inspection once. */
  clientId: z.uuid().optional(),
  /** The plot version the inspector saw; when given, a stale one is a conflict. */
  plotVersion: z.number().int().min(1).optional(),
});

// ---------------------------------------------------------------------------------------------------
// History

export const HISTORY_ENTITIES = ['feature', 'inspection', 'user', 'layer'] as const;
export type HistoryEntity = (typeof HISTORY_ENTITIES)[number];
export const HISTORY_ACTIONS = [
  'seed',
  'create',
  'update',
  'delete',
  'import-create',
  'import-update',
  'import-delete',
  'inspection',
  'photo',
  'conflict',
] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/** One entry of the append-only history: who changed what, when, from what to what. */
export const historyEntry = z.object({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  entity: z.enum(HISTORY_ENTITIES),
  layer: z.string().nullable(),
  entityId: z.string(),
  action: z.enum(HISTORY_ACTIONS),
  versionBefore: z.number().nullable(),
  versionAfter: z.number().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  note: z.string().nullable(),
  /**
   * A feature's diff written by an import: the seq of that import's entry (entity 'layer'), which
   * lists its diffs (GET /api/history?layer=…&import=seq); null for every other entry.
   */
  importSeq: z.number().nullable().optional(),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

/** GET /api/history: newest first; `next` is the `before` of the next page, null on the last. */
export const historyPage = z.object({ entries: z.array(historyEntry), next: z.number().nullable() });
export type HistoryPage = z.infer<typeof historyPage>;
