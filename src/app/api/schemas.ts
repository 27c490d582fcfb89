// The shapes of the API's answers the app relies on, checked with zod as they arrive (client.ts).
// Objects are loose: a newer server may add fields; what is named here must be there.
import { z } from 'zod';
import { bilingual } from '../../domain/i18n.ts';
import { PLOT_STATUSES, RECTIFICATION_MODES } from '../../domain/layers.ts';

export const errorBody = z.looseObject({ error: z.string(), message: bilingual });

export const ROLES = ['viewer', 'inspector', 'planner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const me = z.looseObject({
  user: z.looseObject({ username: z.string(), role: z.enum(ROLES) }),
  can: z.looseObject({
    inspect: z.boolean(),
    editLayers: z.array(z.string()),
    createLayers: z.array(z.string()),
    import: z.boolean(),
    manageUsers: z.boolean(),
  }),
});
export type Me = z.infer<typeof me>;

export const session = z.union([
  z.looseObject({ signedIn: z.literal(false), setupNeeded: z.boolean() }),
  me.extend({ signedIn: z.literal(true), setupNeeded: z.boolean() }),
]);

export const setupStatus = z.looseObject({ needed: z.boolean() });

export const feature = z.looseObject({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]),
  properties: z.looseObject({ id: z.string(), version: z.number().int().min(1) }),
  geometry: z.looseObject({ type: z.string() }).nullable(),
});
export type ApiFeature = z.infer<typeof feature>;

export const photo = z.looseObject({
  id: z.string(),
  inspectionId: z.string(),
  contentType: z.string(),
  sizeBytes: z.number(),
  originalName: z.string().nullable(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
  url: z.string(),
});
export type Photo = z.infer<typeof photo>;

export const inspection = z.looseObject({
  id: z.string(),
  plotId: z.string(),
  date: z.string(),
  inspector: z.string(),
  findings: z.string(),
  status: z.enum(PLOT_STATUSES),
  mode: z.enum(RECTIFICATION_MODES).nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  plotVersion: z.number(),
  photos: z.array(photo),
});
export type Inspection = z.infer<typeof inspection>;

export const recordedInspection = inspection.extend({ plot: feature });

export const inspectionList = z.looseObject({ plotId: z.string(), inspections: z.array(inspection) });

export const historyEntry = z.looseObject({
  seq: z.number(),
  at: z.string(),
  actor: z.string(),
  entity: z.string(),
  layer: z.string().nullable(),
  entityId: z.string(),
  action: z.string(),
  versionBefore: z.number().nullable(),
  versionAfter: z.number().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  note: z.string().nullable(),
});
export type HistoryEntry = z.infer<typeof historyEntry>;

export const historyPage = z.looseObject({
  entries: z.array(historyEntry),
  next: z.number().nullable(),
});

/** The body of a 409 on a feature: the feature as it is now on the server. */
export const conflictBody = z.looseObject({ error: z.literal('version-conflict'), current: feature });
