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
