// The property schema of each layer (PRODUCT.md, data model), as zod schemas shared by the validator,
// the app and (later) the server. Unknown extra properties are allowed: a bureau's files carry more.
import { z } from 'zod';
import { ISO_DATE_PATTERN, isIsoDate } from './dates.ts';
import {
  LAND_SUPPLY,
  type LayerId,
  LOW_EFFICIENCY_REASONS,
  PLOT_GRADES,
  PLOT_STATUSES,
  PROJECT_STAGES,
  RECTIFICATION_MODES,
} from './layers.ts';

export const isoDate = z
  .string()
  .regex(ISO_DATE_PATTERN, 'must be a date written YYYY-MM-DD')
  .refine(isIsoDate, 'is not a real calendar date');
const optionalDate = isoDate.nullable().optional();
const id = z.string().min(1, 'must not be empty');
const text = z.string();
const landUseCode = z
  .string()
  .regex(/^\d{4}(\d{2})?$/, 'must be a land-use code of 4 or 6 digits, e.g. 1001');
const nonNegative = z.number().finite().nonnegative();

const boundaryProperties = z.looseObject({ id, name: text });

export const parkProperties = z.looseObject({
  id,
  name: text.min(1),
  kind: text,
  leadIndustries: z.array(text),
  plannedAreaHa: nonNegative.optional(),
});

export const plotProperties = z.looseObject({
  id,
  enterprise: text,
  town: text,
  landUse: landUseCode,
  far: nonNegative,
  buildingDensity: z.number().min(0).max(1),
  taxPerMu: nonNegative,
  outputPerMu: nonNegative,
  grade: z.enum(PLOT_GRADES),
  reasons: z.array(z.enum(LOW_EFFICIENCY_REASONS)),
  mode: z.enum(RECTIFICATION_MODES),
  status: z.enum(PLOT_STATUSES),
  deadline: optionalDate,
  /** Idle (闲置) since this date: the rules' idle years count from it. */
  idleSince: optionalDate,
});

export const projectProperties = z.looseObject({
  id,
  name: text.min(1),
  enterprise: text,
  industry: text,
  parkId: z.string().nullable().optional(),
  investmentPlanned: nonNegative,
  investmentCompleted: nonNegative,
  stage: z.enum(PROJECT_STAGES),
  signedOn: optionalDate,
  listedOn: optionalDate,
  deliveredOn: optionalDate,
  startedOn: optionalDate,
  producingOn: optionalDate,
  registeredOn: optionalDate,
  // Planned dates of the milestones (工期倒排; deadlines.ts STAGE_PLANNED_PROPERTY).
  signedPlanned: optionalDate,
  listedPlanned: optionalDate,
  deliveredPlanned: optionalDate,
  startedPlanned: optionalDate,
  producingPlanned: optionalDate,
  registeredPlanned: optionalDate,
});

export const newLandProperties = z.looseObject({
  id,
  landUse: landUseCode,
  year: z.number().int().min(1949).max(2100),
  supply: z.enum(LAND_SUPPLY).optional(),
});

export const zoneProperties = z.looseObject({
  id,
  name: text.min(1),
  mode: z.enum(RECTIFICATION_MODES),
  plannedLandUse: landUseCode,
  notes: text,
  createdBy: text,
  version: z.number().int().nonnegative(),
});

export type ParkProperties = z.infer<typeof parkProperties>;
export type PlotProperties = z.infer<typeof plotProperties>;
export type ProjectProperties = z.infer<typeof projectProperties>;
export type NewLandProperties = z.infer<typeof newLandProperties>;
export type ZoneProperties = z.infer<typeof zoneProperties>;

export const LAYER_PROPERTY_SCHEMAS: Record<LayerId, z.ZodType<{ id: string }>> = {
  boundary: boundaryProperties,
  parks: parkProperties,
  plots: plotProperties,
  projects: projectProperties,
  newland: newLandProperties,
  zones: zoneProperties,
};

/** Which geometry types a layer accepts. */
export const LAYER_GEOMETRY_TYPES: Record<LayerId, readonly string[]> = {
  boundary: ['Polygon', 'MultiPolygon'],
  parks: ['Polygon', 'MultiPolygon'],
  plots: ['Polygon', 'MultiPolygon'],
  projects: ['Point', 'Polygon', 'MultiPolygon'],
  newland: ['Polygon', 'MultiPolygon'],
  zones: ['Polygon', 'MultiPolygon'],
};
