// The shapes of the API's answers the app relies on, checked with zod as they arrive (client.ts).
// Objects are loose: a newer server may add fields; what is named here must be there.
import { z } from 'zod';
import { bilingual } from '../../domain/i18n.ts';
import { inspection } from '../../domain/wire.ts';

export const errorBody = z.looseObject({ error: z.string(), message: bilingual });

export const feature = z.looseObject({
  type: z.literal('Feature'),
  id: z.union([z.string(), z.number()]),
  properties: z.looseObject({ id: z.string(), version: z.number().int().min(1) }),
  geometry: z.looseObject({ type: z.string() }).nullable(),
});
export type ApiFeature = z.infer<typeof feature>;

export const recordedInspection = inspection.extend({ plot: feature });
export type RecordedInspection = z.infer<typeof recordedInspection>;

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
