// A validated layer as the app keeps it: the collection for the map, an index by id for the inspector
// and search, and each feature's ellipsoidal area (computed once, from src/geo/area).
import type { Feature, FeatureCollection } from 'geojson';
import { featureId } from '../../domain/feature-id.ts';
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
