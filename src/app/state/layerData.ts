// A validated layer as the app keeps it: the collection for the map, an index by id for the inspector
// and search, and each feature's ellipsoidal area (computed once, from src/geo/area).
import type { Feature, FeatureCollection } from 'geojson';
import type { LayerId } from '../../domain/layers.ts';
import { geometryAreaM2 } from '../../geo/area.ts';

export const DATA_LAYERS = ['boundary', 'parks', 'newland', 'plots', 'projects'] as const;
export type DataLayerId = (typeof DATA_LAYERS)[number];

export interface LayerData {
  layer: LayerId;
  fileName: string;
  collection: FeatureCollection;
  byId: ReadonlyMap<string, Feature>;
  areaM2: ReadonlyMap<string, number>;
}

/** The id of a feature: `properties.id`, else the Feature's own `id`. */
export function featureId(feature: Feature): string | null {
  const fromProperties = feature.properties?.id;
  if (typeof fromProperties === 'string' || typeof fromProperties === 'number') return String(fromProperties);
  if (feature.id !== undefined) return String(feature.id);
  return null;
}

export function indexLayer(layer: LayerId, fileName: string, collection: FeatureCollection): LayerData {
  const byId = new Map<string, Feature>();
  const areaM2 = new Map<string, number>();
  for (const feature of collection.features) {
    const id = featureId(feature);
    if (id === null || byId.has(id)) continue;
    byId.set(id, feature);
    areaM2.set(id, geometryAreaM2(feature.geometry));
  }
  return { layer, fileName, collection, byId, areaM2 };
}
