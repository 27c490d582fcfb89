// What a vector tile keeps of a feature, shared by the tiles cut in the tile worker (tile-index.ts) and
// those PostgreSQL cuts with ST_AsMVT (store/postgres.ts), so both serve the same properties.
import type { LayerId } from '../../domain/layers.ts';

/**
 * The properties a tile keeps: what the map's styles, filters and labels read (src/app/map/styles.ts),
 * the id first. Everything else (findings, notes, reasons, figures) the inspector fetches with the
 * feature (GET /api/features/:layer/:id); arrays, objects and nulls are never kept.
 */
export const TILE_PROPERTIES: Record<LayerId, readonly string[]> = {
  boundary: ['id', 'name'],
  parks: ['id', 'name', 'kind'],
  plots: ['id', 'status', 'grade', 'landUse', 'mode', 'town', 'deadline'],
  projects: ['id', 'name', 'stage', 'parkId'],
  newland: ['id', 'landUse', 'year', 'supply'],
  zones: ['id', 'name', 'mode', 'plannedLandUse'],
};

/**
 * The density layer: dots of one tile in the same density cell and alike in `alike` (what the dots are
 * coloured and filtered by first, src/app/map/styles.ts) are sent as one point carrying `count`, at
 * their mean position, with the most common value of each `mostly` property (ties: the first in code
 * order) — as tippecanoe's clustering does, so a county view carries some thousands of points, not
 * 100 000. A dot alone in its group stays as it is, with its id and properties.
 */
export interface Density {
  alike: readonly string[];
  mostly: readonly string[];
}

export const DENSITY: Record<LayerId, Density> = {
  boundary: { alike: [], mostly: [] },
  parks: { alike: ['kind'], mostly: [] },
  plots: { alike: ['status'], mostly: ['grade'] },
  projects: { alike: ['stage'], mostly: [] },
  newland: { alike: ['landUse'], mostly: [] },
  zones: { alike: ['mode'], mostly: [] },
};

/** The density cell in tile units (of 4096): 64 is 8 px of a 512-px tile. */
export const DENSITY_CELL = 64;
