// What a vector tile keeps of a feature, shared by the tiles cut in the tile worker (tile-index.ts) and
// those PostgreSQL cuts with ST_AsMVT (store/postgres.ts), so both serve the same properties.
import { projectDueDates, STAGE_PLANNED_PROPERTY } from '../../domain/deadlines.ts';
import { type LayerId, PROJECT_STAGES, STAGE_DATE_PROPERTY } from '../../domain/layers.ts';

/**
 * The properties a tile keeps: what the map's styles, filters and labels read (src/app/map/styles.ts),
 * the id first. Everything else (findings, notes, reasons, figures) the inspector fetches with the
 * feature (GET /api/features/:layer/:id); arrays, objects and nulls are never kept.
 */
export const TILE_PROPERTIES: Record<LayerId, readonly string[]> = {
  boundary: ['id', 'name'],
  parks: ['id', 'name', 'kind'],
  plots: ['id', 'status', 'grade', 'landUse', 'mode', 'town', 'deadline'],
  // earliestDue, nextDue, reachedAll: derived (derivedTileProperties), for 按期限着色.
  projects: ['id', 'name', 'stage', 'parkId', 'earliestDue', 'nextDue', 'reachedAll'],
  newland: ['id', 'landUse', 'year', 'supply'],
  zones: ['id', 'name', 'mode', 'plannedLandUse'],
};

/**
 * Properties a tile carries that the feature does not hold itself, computed from it the same way by
 * the tile worker (here) and PostGIS (DERIVED_PROPERTIES_SQL): a project's due dates
 * (domain/deadlines.ts projectDueDates), which do not depend on today — the map compares them with
 * today's date in its style expression — so a tile stays the same for a layer revision.
 */
export function derivedTileProperties(
  layer: LayerId,
  properties: Record<string, unknown> | null,
): Record<string, unknown> {
  if (layer !== 'projects' || !properties) return {};
  const { earliestDue, nextDue, reachedAll } = projectDueDates(properties);
  return { earliestDue, nextDue, reachedAll };
}

/**
 * derivedTileProperties in SQL over the jsonb `properties` of alias `f`, for the layer `$1` (an object
 * merged over the stored properties; nulls are dropped, as the worker drops them). Dates in the
 * store are validated YYYY-MM-DD, so text order is date order (least() skips nulls).
 */
export const DERIVED_PROPERTIES_SQL = (() => {
  const actual = (stage: (typeof PROJECT_STAGES)[number]) => `f.properties->>'${STAGE_DATE_PROPERTY[stage]}'`;
  const planned = (stage: (typeof PROJECT_STAGES)[number]) =>
    `f.properties->>'${STAGE_PLANNED_PROPERTY[stage]}'`;
  const unreachedPlanned = PROJECT_STAGES.map(
    (stage) => `CASE WHEN ${actual(stage)} IS NULL THEN ${planned(stage)} END COLLATE "C"`,
  );
  const next = `CASE ${PROJECT_STAGES.map((stage) => `WHEN ${actual(stage)} IS NULL THEN ${planned(stage)}`).join(' ')} END`;
  const reachedAll = PROJECT_STAGES.map((stage) => `${actual(stage)} IS NOT NULL`).join(' AND ');
  return `CASE WHEN $1 = 'projects' THEN jsonb_strip_nulls(jsonb_build_object(
      'earliestDue', least(${unreachedPlanned.join(', ')}),
      'nextDue', ${next},
      'reachedAll', ${reachedAll})) ELSE '{}'::jsonb END`;
})();

/**
 * The density layer: dots of one tile in the same density cell and alike in `alike` (what the dots are
 * coloured and filtered by first, src/app/map/styles.ts) are sent as one point carrying `count`, at
 * their mean position, with the most common value of each `mostly` property (ties: the first in code
 * order) and the earliest of each `earliest` date — as tippecanoe's clustering does, so a county view carries some thousands of points, not
 * 100 000. A dot alone in its group stays as it is, with its id and properties.
 */
export interface Density {
  alike: readonly string[];
  mostly: readonly string[];
  /** Dates (YYYY-MM-DD) of which a group keeps the earliest: the most urgent deadline among its dots. */
  earliest: readonly string[];
}

export const DENSITY: Record<LayerId, Density> = {
  boundary: { alike: [], mostly: [], earliest: [] },
  parks: { alike: ['kind'], mostly: [], earliest: [] },
  plots: { alike: ['status'], mostly: ['grade'], earliest: ['deadline'] },
  projects: { alike: ['stage'], mostly: [], earliest: ['earliestDue', 'nextDue'] },
  newland: { alike: ['landUse'], mostly: [], earliest: [] },
  zones: { alike: ['mode'], mostly: [], earliest: [] },
};

/** The density cell in tile units (of 4096): 64 is 8 px of a 512-px tile. */
export const DENSITY_CELL = 64;
