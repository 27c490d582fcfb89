// The one store of app state: validated layers, what failed to load and why, layer visibility, the plot
// colour mode, the basemap, the language and the selection. Camera state stays with the map.

import { useMemo } from 'react';
import { create } from 'zustand';
import type { BasemapId } from '../../domain/basemaps.ts';
import type { Lang } from '../../domain/i18n.ts';
import type { Problem } from '../../geo/validate.ts';
import { langFromSearch } from '../i18n/i18n.ts';
import type { DataLayerId, LayerData } from './layer-data.ts';
import { SELECT_NONE, type Selection, selectionAfterLayerHidden } from './selection.ts';

export type PlotColourMode = 'status' | 'grade';

/** What loading one file gave: its problems (errors stop the layer), or why it could not be read. */
export interface FileReport {
  layer: DataLayerId;
  fileName: string;
  ok: boolean;
  problems: Problem[];
  /** Set when the file could not be fetched at all (e.g. `HTTP 404`). */
  fetchError: string | null;
}

export interface AtlasState {
  lang: Lang;
  layers: Partial<Record<DataLayerId, LayerData>>;
  reports: FileReport[];
  loading: boolean;
  visibility: Record<DataLayerId, boolean>;
  plotColourMode: PlotColourMode;
  basemap: BasemapId;
  tiandituKey: string | null;
  selection: Selection;
  /** The layer drawer on a tablet (always shown on a desktop). */
  layerPanelOpen: boolean;
  setLang(lang: Lang): void;
  setLoaded(layers: Partial<Record<DataLayerId, LayerData>>, reports: FileReport[]): void;
  setVisible(layer: DataLayerId, visible: boolean): void;
  setPlotColourMode(mode: PlotColourMode): void;
  setBasemap(basemap: BasemapId): void;
  select(selection: Selection): void;
  clearSelection(): void;
  setLayerPanelOpen(open: boolean): void;
}

const INITIAL_VISIBILITY: Record<DataLayerId, boolean> = {
  boundary: true,
  parks: true,
  newland: true,
  plots: true,
  projects: true,
};

export const useAtlas = create<AtlasState>()((set) => ({
  lang: typeof window === 'undefined' ? 'zh' : langFromSearch(window.location.search),
  layers: {},
  reports: [],
  loading: true,
  visibility: { ...INITIAL_VISIBILITY },
  plotColourMode: 'status',
  basemap: 'none',
  tiandituKey: null,
  selection: SELECT_NONE,
  layerPanelOpen: false,
  setLang: (lang) => set({ lang }),
  setLoaded: (layers, reports) => set({ layers, reports, loading: false }),
  setVisible: (layer, visible) =>
    set((state) => ({
      visibility: { ...state.visibility, [layer]: visible },
      selection: visible ? state.selection : selectionAfterLayerHidden(state.selection, layer),
    })),
  setPlotColourMode: (plotColourMode) => set({ plotColourMode }),
  setBasemap: (basemap) => set({ basemap }),
  select: (selection) => set({ selection }),
  clearSelection: () => set({ selection: SELECT_NONE }),
  setLayerPanelOpen: (layerPanelOpen) => set({ layerPanelOpen }),
}));

/** The selected feature and its layer data, or null. */
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
