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
import { LAYER_IDS, PLOT_STATUSES, PROJECT_STAGES, RECTIFICATION_MODES } from './layers.ts';
import { isoDate } from './schemas.ts';
import { SEARCH_LAYERS, SEARCH_LIMIT_MAX, SEARCH_QUERY_MAX } from './search.ts';
import { SETTING_KEYS } from './settings.ts';
import { TABLE_LAYERS, type TableRow } from './table-filter.ts';

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

/**
 * GET /api/settings/:key — one administrator's setting (src/domain/settings.ts) with its version: 0
 * while it was never saved (the value is then the default), and who saved it last, when.
 */
export const storedSetting = z.object({
  key: z.enum(SETTING_KEYS),
  version: z.number().int().min(0),
  value: z.unknown(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type StoredSetting = z.infer<typeof storedSetting>;

/** The body of PUT /api/settings/:key: the whole new value, from the version it was edited from. */
export const settingPut = z.strictObject({ version: z.number().int().min(0), value: z.unknown() });

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

/** A named mapping of a file's fields to a layer's properties, kept on the server (import screen). */
export const importPresetMapping = z.strictObject({
  fields: z.record(z.string().max(64), z.string().max(256)),
  defaults: z.record(z.string().max(64), z.string().max(1024)),
});
export const importPresetName = z.string().trim().min(1).max(64);
/** PUT /api/import-presets/:layer/:name: the mapping; the answer and the list carry who saved it, when. */
export const importPreset = z.object({
  layer: z.enum(LAYER_IDS),
  name: z.string(),
  mapping: importPresetMapping,
  updatedBy: z.string(),
  updatedAt: z.string(),
});
export type ImportPreset = z.infer<typeof importPreset>;
/** GET /api/import-presets?layer=: the layer's presets by name. */
export const importPresetList = z.object({ presets: z.array(importPreset) });

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

/**
 * Where the inspector stood when recording: the device's position (degrees, CGCS2000 ≈ WGS84), its
 * accuracy radius in metres and when it was taken (ISO 8601 with an offset).
 */
export const inspectionPosition = z.strictObject({
  lon: z.number().min(-180).max(180),
  lat: z.number().min(-90).max(90),
  accuracy: z.number().min(0).max(1_000_000),
  time: z.iso.datetime({ offset: true }),
});
export type InspectionPosition = z.infer<typeof inspectionPosition>;

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
  /** Where the inspector stood (null: no position was had, GPS off). */
  position: inspectionPosition.nullable(),
  /** Why it was saved without proof of presence (no position, poor accuracy, far from the plot). */
  positionNote: z.string().nullable(),
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
  /** Where the inspector stood when recording. */
  position: inspectionPosition.optional(),
  /** Why it is saved without proof of presence (the app asks for it: no position, poor accuracy, far). */
  positionNote: z.string().trim().min(1, 'must not be empty').max(2_000).optional(),
});

// ---------------------------------------------------------------------------------------------------
// History

export const HISTORY_ENTITIES = ['feature', 'inspection', 'user', 'layer', 'setting'] as const;
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

// ---------------------------------------------------------------------------------------------------
// Questions the server answers over the whole layers (the large ones are not in the browser): search,
// the analysis, what each park holds

const box = z.tuple([z.number(), z.number(), z.number(), z.number()]);

/**
 * GET /api/search?q=&limit=&layers=: `q` 1–256 characters, `limit` 1–50 (20), `layers` a comma list of
 * searchable layers (all four when absent). Matches are ranked and ordered by src/domain/search.ts.
 */
export const searchQuery = z.strictObject({
  q: z.string().min(1).max(SEARCH_QUERY_MAX),
  limit: z
    .string()
    .regex(/^[1-9]\d{0,1}$/, 'must be a whole number from 1 to 50')
    .transform(Number)
    .pipe(z.number().max(SEARCH_LIMIT_MAX, `at most ${SEARCH_LIMIT_MAX}`))
    .optional(),
  layers: z
    .string()
    .transform((value) => value.split(','))
    .pipe(z.array(z.enum(SEARCH_LAYERS)).min(1))
    .optional(),
});

export const searchAnswer = z.object({
  matches: z.array(
    z.object({
      layer: z.enum(SEARCH_LAYERS),
      id: z.string(),
      /** 0 exact, 1 prefix, 2 substring. */
      rank: z.number().int().min(0).max(2),
      /** What the title and subtitle are made of: name, enterprise, landUse, year (those it has). */
      properties: z.record(z.string(), z.unknown()),
      /** West, south, east, north; null without a geometry. */
      bbox: box.nullable(),
    }),
  ),
});
export type SearchAnswer = z.infer<typeof searchAnswer>;

export const countArea = z.object({ count: z.number(), areaM2: z.number() });
const parkPlots = z.object({
  key: z.string(),
  name: z.string(),
  total: countArea,
  byStatus: z.record(z.string(), countArea),
  byGrade: z.record(z.string(), countArea),
});
const shareTotals = z.object({
  totalM2: z.number(),
  manufacturingM2: z.number(),
  infrastructureM2: z.number(),
  otherM2: z.number(),
  share: z.number().nullable(),
  target: z.number(),
  meetsTarget: z.boolean().nullable(),
});
const shareGroup = shareTotals.extend({ key: z.string(), name: z.string() });

/** The analysis report (src/geo/analysis.ts AnalysisResult): plain JSON already, no Map in it. */
export const analysisResult = z.object({
  plotsByPark: z.object({ parks: z.array(parkPlots), all: parkPlots }),
  overlaps: z.array(z.object({ a: z.string(), b: z.string(), m2: z.number() })),
  share: z
    .object({
      overall: shareTotals,
      byYear: z.array(shareGroup),
      byPark: z.array(shareGroup),
      byTown: z.array(shareGroup),
    })
    .nullable(),
  pipeline: z.object({
    stages: z.array(
      z.object({
        stage: z.enum(PROJECT_STAGES),
        count: z.number(),
        plannedYi: z.number(),
        completedYi: z.number(),
        reached: z.number(),
      }),
    ),
    signed: z.number(),
    plannedYi: z.number(),
    completedYi: z.number(),
    rates: z.array(
      z.object({
        stage: z.enum(['listed', 'delivered', 'started', 'registered']),
        reached: z.number(),
        of: z.number(),
        rate: z.number().nullable(),
      }),
    ),
    unstaged: z.number(),
  }),
  counts: z.object({ plots: z.number(), parks: z.number(), newland: z.number(), projects: z.number() }),
});

/** The revisions of the layers an answer was computed from. */
const revisions = z.record(z.string(), z.string());

/** GET /api/analysis: the report of the layers at these revisions, and how long the server took (ms). */
export const analysisAnswer = z.object({ revisions, ms: z.number(), result: analysisResult });
export type AnalysisAnswer = z.infer<typeof analysisAnswer>;

/** GET /api/analysis/overlap?a=&b=: the shared geometry of two plots, with its box; null when none. */
export const overlapQuery = z.strictObject({ a: featureId, b: featureId });
export const overlapAnswer = z.object({
  shape: z
    .object({
      feature: z.object({
        type: z.literal('Feature'),
        id: z.string(),
        properties: z.object({ a: z.string(), b: z.string() }),
        geometry: z.union([
          z.object({ type: z.literal('Polygon'), coordinates: z.array(z.array(z.array(z.number()))) }),
          z.object({
            type: z.literal('MultiPolygon'),
            coordinates: z.array(z.array(z.array(z.array(z.number())))),
          }),
        ]),
      }),
      bbox: box,
    })
    .nullable(),
});
export type OverlapAnswer = z.infer<typeof overlapAnswer>;

const holding = z.object({ park: z.string(), count: z.number(), areaM2: z.number(), investment: z.number() });

/**
 * GET /api/holdings: what each park holds of plots, projects and new land (features that lie in or
 * cross it): count, area (m²), planned investment (projects); one row per park holding anything.
 */
export const holdingsAnswer = z.object({
  revisions,
  ms: z.number(),
  holdings: z.object({ plots: z.array(holding), projects: z.array(holding), newland: z.array(holding) }),
});
export type HoldingsAnswer = z.infer<typeof holdingsAnswer>;

/** GET /api/table/:layer: every row of a layer's data table (src/domain/table-filter.ts). */
export const tableAnswer = z.object({
  layer: z.enum(TABLE_LAYERS),
  /** The revisions of the layers the rows were computed from. */
  revisions: z.record(z.string(), z.string()),
  rows: z.array(
    z.object({
      id: z.string(),
      properties: z.record(z.string(), z.unknown()),
      park: z.string().nullable(),
      areaM2: z.number(),
      lastInspection: z.string().nullable(),
    }),
  ),
});
export type TableAnswer = z.infer<typeof tableAnswer> & { rows: TableRow[] };

/** GET /api/table/:layer/bounds?<filter>: how many rows the filter keeps, and the box around them. */
export const tableBounds = z.object({
  layer: z.enum(TABLE_LAYERS),
  count: z.number().int().nonnegative(),
  /** West, south, east, north (degrees); null when the filter keeps no feature with a position. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).readonly().nullable(),
});
export type TableBounds = z.infer<typeof tableBounds>;
