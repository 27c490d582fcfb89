// The one store of app state (zustand), made of slices: the layers (zones included) and what is derived
// from them once per load, the UI and the one selection, the session, the analysis run, the pointer
// readout, the zone-drawing session and the screens of the user menu (with the import's preview). Each
// slice is a file beside this one, written against its own fields only (src/app/state/slice.ts). Components read with narrow selectors; actions outside React
// (the write path, the workers' clients, the drawing tool) use `useAtlas.getState()`. Camera state
// stays with the map (its position lives in the address).

import type { Feature } from 'geojson';
import { useMemo } from 'react';
import { create } from 'zustand';
import type { Bilingual } from '../../domain/i18n.ts';
import { isTileable } from '../../domain/layers.ts';
import type { RelatedPark } from '../../geo/relate.ts';
import { type AnalysisSlice, createAnalysisSlice } from './analysis-slice.ts';
import { createDrawingSlice, type DrawingSlice } from './drawing-slice.ts';
import { createFieldSlice, type FieldSlice } from './field-slice.ts';
import type { DataLayerId } from './layer-data.ts';
import { createLayersSlice, type LayersSlice, RELATED_LAYERS, type RelatedLayerId } from './layers-slice.ts';
import { createNetworkSlice, type NetworkSlice } from './network-slice.ts';
import { createPointerSlice, type PointerSlice } from './pointer-slice.ts';
import { createScreensSlice, type ScreensSlice } from './screens-slice.ts';
import { createSessionSlice, type SessionSlice } from './session-slice.ts';
import { createTableSlice, type TableSlice } from './table-slice.ts';
import { createUiSlice, type UiSlice } from './ui-slice.ts';

export type AtlasState = LayersSlice &
  UiSlice &
  SessionSlice &
  AnalysisSlice &
  PointerSlice &
  DrawingSlice &
  NetworkSlice &
  FieldSlice &
  TableSlice &
  ScreensSlice;

export const useAtlas = create<AtlasState>()((set, get) => ({
  ...createLayersSlice(set, get),
  ...createUiSlice(set, get),
  ...createSessionSlice(set, get),
  ...createAnalysisSlice(set, get),
  ...createPointerSlice(set, get),
  ...createDrawingSlice(set, get),
  ...createNetworkSlice(set, get),
  ...createFieldSlice(set, get),
  ...createTableSlice(set, get),
  ...createScreensSlice(set, get),
}));

/** The selected feature, ready to show: of a loaded layer from the layer, of a tiled one as fetched. */
export interface SelectedFeature {
  layer: DataLayerId;
  id: string;
  feature: Feature;
  areaM2: number;
  /** The parks it lies in (first) or crosses; null when it is not related to parks or none are loaded. */
  parks: readonly RelatedPark[] | null;
}

/** What the inspector shows: nothing, a feature of a tiled layer being fetched or failed, or a feature. */
export type SelectedState =
  | { status: 'none' }
  | { status: 'loading'; layer: DataLayerId; id: string }
  | { status: 'failed'; layer: DataLayerId; id: string; error: Bilingual }
  | ({ status: 'ready' } & SelectedFeature);

const NONE: SelectedState = { status: 'none' };

const isRelated = (layer: string): layer is RelatedLayerId =>
  (RELATED_LAYERS as readonly string[]).includes(layer);

/** The selection as the inspector shows it (pure: the hooks below memoise it). */
export function selectedState(
  state: Pick<AtlasState, 'layers' | 'selection' | 'fetched' | 'derived' | 'tiled'>,
): SelectedState {
  const { selection, fetched } = state;
  if (selection.kind !== 'feature') return NONE;
  const { layer, id } = selection;
  const data = state.layers[layer];
  const feature = data?.byId.get(id);
  if (data && feature) {
    const parks =
      isRelated(layer) && state.layers.parks ? (state.derived.parksOf[layer]?.get(id) ?? []) : null;
    return { status: 'ready', layer, id, feature, areaM2: data.areaM2.get(id) ?? 0, parks };
  }
  if (!isTileable(layer) || !state.tiled[layer]) return NONE;
  if (!fetched || fetched.layer !== layer || fetched.id !== id) return { status: 'loading', layer, id };
  if (fetched.status === 'ready') {
    const { feature: fetchedFeature, areaM2, parks } = fetched;
    return { status: 'ready', layer, id, feature: fetchedFeature, areaM2, parks };
  }
  return fetched;
}

/** The selection as the inspector shows it, recomputed only when what it reads changes. */
export function useSelection(): SelectedState {
  const layers = useAtlas((state) => state.layers);
  const selection = useAtlas((state) => state.selection);
  const fetched = useAtlas((state) => state.fetched);
  const derived = useAtlas((state) => state.derived);
  const tiled = useAtlas((state) => state.tiled);
  return useMemo(
    () => selectedState({ layers, selection, fetched, derived, tiled }),
    [layers, selection, fetched, derived, tiled],
  );
}

/** The selected feature when it is at hand (a zone, nothing, or a fetch under way: null). */
export function useSelectedFeature(): SelectedFeature | null {
  const selected = useSelection();
  return selected.status === 'ready' ? selected : null;
}
