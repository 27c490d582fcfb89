// The one store of app state (zustand), made of slices: the layers (zones included) and what is derived
// from them once per load, the UI and the one selection, the session, the analysis run, the pointer
// readout and the zone-drawing session. Each slice is a file beside this one, written against its own
// fields only (src/app/state/slice.ts). Components read with narrow selectors; actions outside React
// (the write path, the workers' clients, the drawing tool) use `useAtlas.getState()`. Camera state
// stays with the map (its position lives in the address).

import { useMemo } from 'react';
import { create } from 'zustand';
import { type AnalysisSlice, createAnalysisSlice } from './analysis-slice.ts';
import { createDrawingSlice, type DrawingSlice } from './drawing-slice.ts';
import { createLayersSlice, type LayersSlice } from './layers-slice.ts';
import { createPointerSlice, type PointerSlice } from './pointer-slice.ts';
import { createSessionSlice, type SessionSlice } from './session-slice.ts';
import { createUiSlice, type UiSlice } from './ui-slice.ts';

export type AtlasState = LayersSlice & UiSlice & SessionSlice & AnalysisSlice & PointerSlice & DrawingSlice;

export const useAtlas = create<AtlasState>()((set, get) => ({
  ...createLayersSlice(set, get),
  ...createUiSlice(set, get),
  ...createSessionSlice(set, get),
  ...createAnalysisSlice(set, get),
  ...createPointerSlice(set, get),
  ...createDrawingSlice(set, get),
}));

/** The selected feature and its layer data, or null (nothing, or a zone, is selected). */
function selectedFeature(state: Pick<AtlasState, 'layers' | 'selection'>) {
  const { selection } = state;
  if (selection.kind !== 'feature') return null;
  const data = state.layers[selection.layer];
  const feature = data?.byId.get(selection.id);
  if (!data || !feature) return null;
  return { layer: selection.layer, id: selection.id, feature, data };
}

/** The selected feature, recomputed only when the layers or the selection change. */
export function useSelectedFeature() {
  const layers = useAtlas((state) => state.layers);
  const selection = useAtlas((state) => state.selection);
  return useMemo(() => selectedFeature({ layers, selection }), [layers, selection]);
}
