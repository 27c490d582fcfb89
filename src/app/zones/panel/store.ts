// The zone tools' own store: the zones of this session (saved or not) by the drawing tool's feature id,
// the active tool, snapping, the undo/redo history, the live readout and what was refused or failed.

import type { Feature, Polygon } from 'geojson';
import { create } from 'zustand';
import type { Bilingual } from '../../../domain/i18n.ts';
import type { ZoneAttributes, ZoneReadout } from '../../../domain/zone.ts';
import {
  canRedo,
  canUndo,
  initialHistory,
  type ZoneHistory,
  type ZoneHistoryAction,
  zoneHistoryReducer,
} from '../../../domain/zone-history.ts';
import type { ZoneRefusal } from '../../../geo/zone-validate.ts';

export type ZoneTool = 'none' | 'polygon' | 'rectangle' | 'freehand' | 'select' | 'delete-vertex';

const DRAWING_TOOLS: readonly ZoneTool[] = ['polygon', 'rectangle', 'freehand'];

export interface ZoneRecord {
  /** The drawing tool's feature id. */
  drawId: string;
  /** The server's id and version once saved; null before. */
  serverId: string | null;
  version: number | null;
  attributes: ZoneAttributes;
  geometry: Polygon;
  /** The outline as last saved (JSON), to tell whether it changed since. */
  savedGeometry: string | null;
  savedAttributes: string | null;
}

export interface ZoneMessage {
  kind: 'error' | 'info';
  text: Bilingual;
}

export interface ZonesState {
  open: boolean;
  tool: ZoneTool;
  snapping: boolean;
  records: Record<string, ZoneRecord>;
  history: ZoneHistory;
  selectedId: string | null;
  /** The zone being drawn or edited whose readout is shown, and that readout. */
  readoutId: string | null;
  readout: ZoneReadout | null;
  refusal: ZoneRefusal | null;
  message: ZoneMessage | null;
  /** The server's copy of a zone whose save was refused (409), offered in place of ours. */
  conflict: { drawId: string; current: Feature } | null;
  saving: boolean;
  loaded: boolean;
  setOpen(open: boolean): void;
  setTool(tool: ZoneTool): void;
  setSnapping(snapping: boolean): void;
  dispatchHistory(action: ZoneHistoryAction): void;
  setRecord(record: ZoneRecord): void;
  removeRecord(drawId: string): void;
  setAttributes(drawId: string, attributes: Partial<ZoneAttributes>): void;
}

/** The session's data, as at the start (and again after signing out: the next person starts afresh). */
const EMPTY_SESSION = {
  open: false,
  tool: 'none',
  records: {},
  history: initialHistory(),
  selectedId: null,
  readoutId: null,
  readout: null,
  refusal: null,
  message: null,
  conflict: null,
  saving: false,
  loaded: false,
} satisfies Partial<ZonesState>;

export function resetZones(): void {
  useZones.setState({ ...EMPTY_SESSION, history: initialHistory() });
}

export const useZones = create<ZonesState>()((set) => ({
  ...EMPTY_SESSION,
  snapping: true,
  history: initialHistory(),
  setOpen: (open) => set(open ? { open } : { open, tool: 'none' }),
  setTool: (tool) => set({ tool, refusal: null }),
  setSnapping: (snapping) => set({ snapping }),
  dispatchHistory: (action) => set((state) => ({ history: zoneHistoryReducer(state.history, action) })),
  setRecord: (record) => set((state) => ({ records: { ...state.records, [record.drawId]: record } })),
  removeRecord: (drawId) =>
    set((state) => {
      const { [drawId]: _removed, ...records } = state.records;
      return { records };
    }),
  setAttributes: (drawId, attributes) =>
    set((state) => {
      const record = state.records[drawId];
      if (!record) return {};
      return {
        records: {
          ...state.records,
          [drawId]: { ...record, attributes: { ...record.attributes, ...attributes } },
        },
      };
    }),
}));

/** The zones present in the current step of the history, in drawing order, with their records. */
export function presentZones(state: Pick<ZonesState, 'history' | 'records'>): ZoneRecord[] {
  return state.history.present.flatMap((shape) => {
    const record = state.records[shape.id];
    return record ? [{ ...record, geometry: shape.geometry }] : [];
  });
}

export function isDrawingTool(tool: ZoneTool): boolean {
  return DRAWING_TOOLS.includes(tool);
}

export const zoneHistoryFlags = (history: ZoneHistory) => ({
  undo: canUndo(history),
  redo: canRedo(history),
});
