// The layers slice: every layer as validated from the server (zones included), what failed to load and
// why, and what is derived from the layers once per load rather than while rendering — the parks each
// plot, project and new-land parcel lies in, and what each park holds. One feature the server sends back
// updates one entry of each, not the whole.

import type { Feature } from 'geojson';
import { featureId } from '../../domain/feature-id.ts';
import {
  type ParkHolding,
  type ParksOf,
  parkHoldings,
  parksOfAll,
  parksOfOne,
  prepareParks,
} from '../../geo/relate.ts';
import type { Problem } from '../../geo/validate.ts';
import { type LayerData, type StoredLayerId, withFeaturePut, withFeatureRemoved } from './layer-data.ts';
import type { SliceCreator } from './slice.ts';

/** What loading one file gave: its problems (errors stop the layer), or why it could not be read. */
export interface FileReport {
  layer: StoredLayerId;
  fileName: string;
  ok: boolean;
  problems: Problem[];
  /** Set when the file could not be fetched at all (e.g. `HTTP 404`). */
  fetchError: string | null;
}

/** The layers whose features are related to the parks. */
export const RELATED_LAYERS = ['plots', 'projects', 'newland'] as const;
export type RelatedLayerId = (typeof RELATED_LAYERS)[number];

export interface ParkRelations {
  /** By layer: the parks each feature lies in (first) or crosses. */
  parksOf: Partial<Record<RelatedLayerId, ParksOf>>;
  /** By layer: what each park holds (count, area, planned investment), by park id. */
  holdings: Partial<Record<RelatedLayerId, ReadonlyMap<string, ParkHolding>>>;
}

export type StoredLayers = Partial<Record<StoredLayerId, LayerData>>;

export interface LayersSlice {
  layers: StoredLayers;
  reports: FileReport[];
  loading: boolean;
  /** Counts whole loads (not single features put): what is built once per load follows it. */
  loadCount: number;
  relations: ParkRelations;
  /** Bumped after a write that does not change a feature's version (a photo): its records are re-read. */
  recordsRevision: number;
  setLoaded(layers: StoredLayers, reports: FileReport[]): void;
  /** Puts the server's copy of one feature (after an edit, an inspection, a zone saved) in its layer. */
  putFeature(layer: StoredLayerId, feature: Feature): void;
  removeFeature(layer: StoredLayerId, id: string): void;
  bumpRecords(): void;
}

const isRelated = (layer: StoredLayerId): layer is RelatedLayerId =>
  (RELATED_LAYERS as readonly string[]).includes(layer);

/** Every relation of the layers to the parks: the one geometric pass, once per load. */
function relationsOf(layers: StoredLayers): ParkRelations {
  const relations: ParkRelations = { parksOf: {}, holdings: {} };
  if (!layers.parks) return relations;
  const parks = prepareParks(layers.parks.collection.features);
  for (const layer of RELATED_LAYERS) {
    const data = layers[layer];
    if (!data) continue;
    const parksOf = parksOfAll(data.collection.features, parks);
    relations.parksOf[layer] = parksOf;
    relations.holdings[layer] = parkHoldings(data.byId, parksOf, data.areaM2);
  }
  return relations;
}

/** The relations after one feature of a related layer changed: its own parks are tested again. */
function relationsAfterPut(
  relations: ParkRelations,
  layers: StoredLayers,
  layer: RelatedLayerId,
  feature: Feature,
): ParkRelations {
  const data = layers[layer];
  const id = featureId(feature);
  if (!layers.parks || !data || id === null) return relations;
  const parksOf = new Map(relations.parksOf[layer]);
  parksOf.set(id, parksOfOne(feature, prepareParks(layers.parks.collection.features)));
  return {
    parksOf: { ...relations.parksOf, [layer]: parksOf },
    holdings: { ...relations.holdings, [layer]: parkHoldings(data.byId, parksOf, data.areaM2) },
  };
}

export const createLayersSlice: SliceCreator<LayersSlice> = (set) => ({
  layers: {},
  reports: [],
  loading: true,
  loadCount: 0,
  relations: { parksOf: {}, holdings: {} },
  recordsRevision: 0,
  setLoaded: (layers, reports) =>
    set((state) => ({
      layers,
      reports,
      loading: false,
      loadCount: state.loadCount + 1,
      relations: relationsOf(layers),
    })),
  putFeature: (layer, feature) =>
    set((state) => {
      const data = state.layers[layer];
      if (!data) return {};
      const layers = { ...state.layers, [layer]: withFeaturePut(data, feature) };
      const relations =
        layer === 'parks'
          ? relationsOf(layers)
          : isRelated(layer)
            ? relationsAfterPut(state.relations, layers, layer, feature)
            : state.relations;
      return { layers, relations };
    }),
  removeFeature: (layer, id) =>
    set((state) => {
      const data = state.layers[layer];
      if (!data) return {};
      const layers = { ...state.layers, [layer]: withFeatureRemoved(data, id) };
      return {
        layers,
        relations: isRelated(layer) || layer === 'parks' ? relationsOf(layers) : state.relations,
      };
    }),
  bumpRecords: () => set((state) => ({ recordsRevision: state.recordsRevision + 1 })),
});
