// A feature of a tiled layer as the app holds it: one at a time, fetched by id (GET /api/features/…)
// when it is selected, because the browser never holds the whole layer. Its area and its parks are
// computed from the fetched geometry exactly as a loaded layer's are (src/geo/area, src/geo/relate).
import type { Feature } from 'geojson';
import type { Bilingual } from '../../domain/i18n.ts';
import type { TileableLayerId } from '../../domain/layers.ts';
import { geometryAreaM2 } from '../../geo/area.ts';
import { parksOfOne, prepareParks, type RelatedPark } from '../../geo/relate.ts';
import type { LayerData } from './layer-data.ts';

export type FetchedFeature =
  | { layer: TileableLayerId; id: string; status: 'loading' }
  | { layer: TileableLayerId; id: string; status: 'failed'; error: Bilingual }
  | {
      layer: TileableLayerId;
      id: string;
      status: 'ready';
      feature: Feature;
      areaM2: number;
      /** The parks it lies in (first) or crosses; null when no parks are loaded. */
      parks: readonly RelatedPark[] | null;
    };

export function fetchedReady(
  layer: TileableLayerId,
  id: string,
  feature: Feature,
  parks: LayerData | undefined,
): FetchedFeature {
  return {
    layer,
    id,
    status: 'ready',
    feature,
    areaM2: geometryAreaM2(feature.geometry),
    parks: parks ? parksOfOne(feature, prepareParks(parks.collection.features)) : null,
  };
}

/**
 * The edits of a tiled layer made in this session: each edited feature's latest properties (the map
 * shows their colours as feature state at once) and a count the map reloads the layer's tiles by.
 */
export interface TileEdits {
  epoch: number;
  properties: ReadonlyMap<string, Record<string, unknown>>;
}
