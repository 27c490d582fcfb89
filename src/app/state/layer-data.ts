// A validated layer as the app keeps it: the collection for the map, an index by id for the inspector
// and search, and each feature's ellipsoidal area (computed once, from src/geo/area). One feature the
// server sent back (an edit, an inspection, a zone saved) replaces, adds or removes one entry.
import type { Feature, FeatureCollection } from 'geojson';
import type { FeatureChanges } from '../../domain/feature-changes.ts';
import { featureId } from '../../domain/feature-id.ts';
import type { LayerId, TileableLayerId } from '../../domain/layers.ts';
import { geometryAreaM2 } from '../../geo/area.ts';

/**
 * The layers the map draws, in drawing order, each with a toggle and a legend. The redevelopment zones
 * are one of them for every role (a light fill under the plots, their outline above them); planners
 * also edit them with the drawing tool.
 */
export const DATA_LAYERS = ['boundary', 'parks', 'zones', 'newland', 'plots', 'projects'] as const;
export type DataLayerId = (typeof DATA_LAYERS)[number];

/** Every layer the store holds: the drawn ones. All come from the server through the same validator. */
export const STORED_LAYERS: readonly DataLayerId[] = [...DATA_LAYERS];
export type StoredLayerId = (typeof STORED_LAYERS)[number];

/** A layer the browser does not hold whole: drawn from vector tiles, asked about feature by feature. */
export interface TiledLayer {
  count: number;
  revision: string;
}
export type TiledLayers = Partial<Record<TileableLayerId, TiledLayer>>;

export interface LayerData {
  layer: LayerId;
  fileName: string;
  collection: FeatureCollection;
  byId: ReadonlyMap<string, Feature>;
  areaM2: ReadonlyMap<string, number>;
}

/** Indexes a layer by id; each feature's area is measured unless given (as a cache kept it). */
export function indexLayer(
  layer: LayerId,
  fileName: string,
  collection: FeatureCollection,
  knownAreas?: ReadonlyMap<string, number>,
): LayerData {
  const byId = new Map<string, Feature>();
  const areaM2 = new Map<string, number>();
  for (const feature of collection.features) {
    const id = featureId(feature);
    if (id === null || byId.has(id)) continue;
    byId.set(id, feature);
    areaM2.set(id, knownAreas?.get(id) ?? geometryAreaM2(feature.geometry));
  }
  return { layer, fileName, collection, byId, areaM2 };
}

/**
 * The layer with one feature put in (the server's newer copy replaces the old one in place; a new one is
 * added at the end): new collection and index objects, so the map redraws it; the other features are
 * the same objects.
 */
export function withFeaturePut(data: LayerData, feature: Feature): LayerData {
  const id = featureId(feature);
  if (id === null) return data;
  const features = data.byId.has(id)
    ? data.collection.features.map((existing) => (featureId(existing) === id ? feature : existing))
    : [...data.collection.features, feature];
  const byId = new Map(data.byId);
  byId.set(id, feature);
  const areaM2 = new Map(data.areaM2);
  areaM2.set(id, geometryAreaM2(feature.geometry));
  return { ...data, collection: { ...data.collection, features }, byId, areaM2 };
}

/** The layer without one feature (a zone deleted); unchanged when it is not there. */
export function withFeatureRemoved(data: LayerData, id: string): LayerData {
  if (!data.byId.has(id)) return data;
  const features = data.collection.features.filter((feature) => featureId(feature) !== id);
  const byId = new Map(data.byId);
  byId.delete(id);
  const areaM2 = new Map(data.areaM2);
  areaM2.delete(id);
  return { ...data, collection: { ...data.collection, features }, byId, areaM2 };
}

/**
 * What changed between two states of one layer that share their unchanged feature objects (as
 * withFeaturePut and withFeatureRemoved leave them): compared by identity, one pass over the ids, no
 * geometry — what the map needs to update a source in place instead of re-tiling it.
 */
export function layerChanges(before: LayerData, after: LayerData): FeatureChanges {
  const put: Feature[] = [];
  const removed: string[] = [];
  for (const [id, feature] of after.byId) {
    if (before.byId.get(id) !== feature) put.push(feature);
  }
  for (const id of before.byId.keys()) {
    if (!after.byId.has(id)) removed.push(id);
  }
  return { put, removed };
}
