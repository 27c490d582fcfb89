// The UI slice: the language, what is shown (layer visibility, the plot colour mode, the basemap, the
// layer drawer on a tablet) and the one selection — a feature of a layer or a zone of the drawing tool.
// Hiding a layer drops a selection in it, so the two live in one slice.

import type { BasemapId } from '../../domain/basemaps.ts';
import type { Lang } from '../../domain/i18n.ts';
import { langFromSearch } from '../i18n/i18n.ts';
import type { DataLayerId } from './layer-data.ts';
import { SELECT_NONE, type Selection, selectionAfterLayerHidden } from './selection.ts';
import type { SliceCreator } from './slice.ts';

/** How plots are coloured; 'deadline' colours projects by their next milestone too (按期限着色). */
export type PlotColourMode = 'status' | 'grade' | 'deadline';

export interface UiSlice {
  lang: Lang;
  visibility: Record<DataLayerId, boolean>;
  plotColourMode: PlotColourMode;
  basemap: BasemapId;
  tiandituKey: string | null;
  selection: Selection;
  /** The layer drawer on a tablet (always shown on a desktop). */
  layerPanelOpen: boolean;
  setLang(lang: Lang): void;
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
  zones: true,
  newland: true,
  plots: true,
  projects: true,
};

export const createUiSlice: SliceCreator<UiSlice> = (set) => ({
  lang: typeof window === 'undefined' ? 'zh' : langFromSearch(window.location.search),
  visibility: { ...INITIAL_VISIBILITY },
  plotColourMode: 'status',
  basemap: 'none',
  tiandituKey: null,
  selection: SELECT_NONE,
  layerPanelOpen: false,
  setLang: (lang) => set({ lang }),
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
});
