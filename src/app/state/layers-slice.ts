// The layers slice: every layer as validated from the server (zones included), what failed to load and
// why, and what is derived from the layers once per load rather than while rendering: where the parks'
// names go, the parks each plot, project and new-land parcel lies in, and what each park holds. One
// feature the server sends back updates its own entries, not the whole.

import type { Feature, FeatureCollection, Point } from 'geojson';
import { applyFeatureChanges } from '../../domain/feature-changes.ts';
import { featureId } from '../../domain/feature-id.ts';
import { isTileable, type TileableLayerId } from '../../domain/layers.ts';
import { labelPoints } from '../../geo/labelPoint.ts';
import type { Problem } from '../../geo/problems.ts';
import {
  type ParkHolding,
  type ParksOf,
  parkHoldings,
  parksOfAll,
  parksOfOne,
  prepareParks,
} from '../../geo/relate.ts';
import { type FetchedFeature, fetchedReady, type TileEdits } from './fetched-feature.ts';
import {
  type LayerData,
  type StoredLayerId,
  type TiledLayers,
  withFeaturePut,
  withFeatureRemoved,
} from './layer-data.ts';
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

/** What is derived from the layers once per load (and per feature put), for the map and the panels. */
export interface LayerDerived {
  /** Where each park's name is drawn (a point well inside it). */
  parkLabels: FeatureCollection<Point> | null;
  /**
   * Where each plot's id is drawn: one point per plot, so a plot across a tile boundary is labelled once
   * (a symbol layer on the polygons labels each tile's piece).
   */
  plotLabels: FeatureCollection<Point> | null;
  /** By layer: the parks each feature lies in (first) or crosses. */
  parksOf: Partial<Record<RelatedLayerId, ParksOf>>;
  /** By layer: what each park holds (count, area, planned investment), by park id. */
  holdings: Partial<Record<RelatedLayerId, ReadonlyMap<string, ParkHolding>>>;
}

export type StoredLayers = Partial<Record<StoredLayerId, LayerData>>;

export interface LayersSlice {
  layers: StoredLayers;
  /** The layers drawn from vector tiles (too large to hold whole): not in `layers`. */
  tiled: TiledLayers;
  /** The selected feature of a tiled layer, fetched by id (src/app/state/select-by-id.ts). */
  fetched: FetchedFeature | null;
  /** By tiled layer: what was edited in this session, for the map to repaint at once and reload tiles. */
  tileEdits: Partial<Record<TileableLayerId, TileEdits>>;
  reports: FileReport[];
  loading: boolean;
  /** Counts whole loads (not single features put): what is built once per load follows it. */
  loadCount: number;
  derived: LayerDerived;
  /** Bumped after a write that does not change a feature's version (a photo): its records are re-read. */
  recordsRevision: number;
  setLoaded(layers: StoredLayers, reports: FileReport[], tiled?: TiledLayers): void;
  /**
   * Puts the server's copy of one feature (after an edit, an inspection, a zone saved) in its layer; of
   * a tiled layer, in the fetched copy (when it is that one) and in the layer's edits.
   */
  putFeature(layer: StoredLayerId, feature: Feature): void;
  setFetched(fetched: FetchedFeature | null): void;
  removeFeature(layer: StoredLayerId, id: string): void;
  bumpRecords(): void;
}

const isRelated = (layer: StoredLayerId): layer is RelatedLayerId =>
  (RELATED_LAYERS as readonly string[]).includes(layer);

/** Every relation of the layers to the parks: the one geometric pass, once per load. */
function derivedOf(layers: StoredLayers): LayerDerived {
  const relations: LayerDerived = {
    parkLabels: null,
    plotLabels: layers.plots ? labelPoints(layers.plots.collection) : null,
    parksOf: {},
    holdings: {},
  };
  if (!layers.parks) return relations;
  relations.parkLabels = labelPoints(layers.parks.collection);
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
function derivedAfterPut(
  relations: LayerDerived,
  layers: StoredLayers,
  layer: RelatedLayerId,
  feature: Feature,
): LayerDerived {
  const data = layers[layer];
  const id = featureId(feature);
  if (!layers.parks || !data || id === null) return relations;
  const parksOf = new Map(relations.parksOf[layer]);
  parksOf.set(id, parksOfOne(feature, prepareParks(layers.parks.collection.features)));
  return {
    ...relations,
    parksOf: { ...relations.parksOf, [layer]: parksOf },
    holdings: { ...relations.holdings, [layer]: parkHoldings(data.byId, parksOf, data.areaM2) },
  };
}

/**
 * The plot labels after one plot was put: its label point moves only when its outline did (an
 * attribute edit, the usual case, leaves the labels as they are, so the map keeps its label tiles).
 */
function withPlotLabel(derived: LayerDerived, before: LayerData, feature: Feature): LayerDerived {
  const id = featureId(feature);
  const old = id === null ? undefined : before.byId.get(id);
  if (!derived.plotLabels || (old && JSON.stringify(old.geometry) === JSON.stringify(feature.geometry)))
    return derived;
  const label = labelPoints({ type: 'FeatureCollection', features: [feature] }).features;
  const features = applyFeatureChanges(derived.plotLabels.features, {
    put: label,
    removed: label.length === 0 && id !== null ? [id] : [],
  });
  return { ...derived, plotLabels: { type: 'FeatureCollection', features } };
}

/** The state after the server's copy of one feature of a tiled layer came back. */
function tiledPut(state: LayersSlice, layer: TileableLayerId, feature: Feature): Partial<LayersSlice> {
  const id = featureId(feature);
  if (id === null) return {};
  const before = state.tileEdits[layer];
  const properties = new Map(before?.properties);
  properties.set(id, { ...(feature.properties ?? {}) });
  const { fetched } = state;
  return {
    tileEdits: { ...state.tileEdits, [layer]: { epoch: (before?.epoch ?? 0) + 1, properties } },
    ...(fetched && fetched.layer === layer && fetched.id === id
      ? { fetched: fetchedReady(layer, id, feature, state.layers.parks) }
      : {}),
  };
}

/** The layer data a session starts with, and is put back to when it ends (session.ts). */
export function emptyLayerData(): Pick<
  LayersSlice,
  'layers' | 'tiled' | 'fetched' | 'tileEdits' | 'reports' | 'loading'
> {
  return { layers: {}, tiled: {}, fetched: null, tileEdits: {}, reports: [], loading: true };
}

export const createLayersSlice: SliceCreator<LayersSlice> = (set) => ({
  ...emptyLayerData(),
  loadCount: 0,
  derived: { parkLabels: null, plotLabels: null, parksOf: {}, holdings: {} },
  recordsRevision: 0,
  setLoaded: (layers, reports, tiled = {}) =>
    set((state) => ({
      layers,
      tiled,
      fetched: null,
      tileEdits: {},
      reports,
      loading: false,
      loadCount: state.loadCount + 1,
      derived: derivedOf(layers),
    })),
  putFeature: (layer, feature) =>
    set((state) => {
      const data = state.layers[layer];
      if (!data) return isTileable(layer) && state.tiled[layer] ? tiledPut(state, layer, feature) : {};
      const layers = { ...state.layers, [layer]: withFeaturePut(data, feature) };
      let derived =
        layer === 'parks'
          ? derivedOf(layers)
          : isRelated(layer)
            ? derivedAfterPut(state.derived, layers, layer, feature)
            : state.derived;
      if (layer === 'plots') derived = withPlotLabel(derived, data, feature);
      return { layers, derived };
    }),
  removeFeature: (layer, id) =>
    set((state) => {
      const data = state.layers[layer];
      if (!data) return {};
      const layers = { ...state.layers, [layer]: withFeatureRemoved(data, id) };
      return {
        layers,
        derived: isRelated(layer) || layer === 'parks' ? derivedOf(layers) : state.derived,
      };
    }),
  setFetched: (fetched) => set({ fetched }),
  bumpRecords: () => set((state) => ({ recordsRevision: state.recordsRevision + 1 })),
});
