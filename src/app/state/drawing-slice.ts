// The drawing slice: the zone tools' session — the zones drawn or loaded (by the drawing tool's feature
// id, with their server id and version once saved), the active tool, snapping, the undo/redo history, the
// live readout and what was refused or failed. The saved zones themselves are the `zones` layer of the
// layers slice; the selected zone is the one selection of the UI slice.

import type { Feature, Polygon } from 'geojson';
import type { Bilingual } from '../../domain/i18n.ts';
import type { ZoneAttributes, ZoneReadout } from '../../domain/zone.ts';
import {
  canRedo,
  canUndo,
  initialHistory,
  type ZoneHistory,
  type ZoneHistoryAction,
  zoneHistoryReducer,
} from '../../domain/zone-history.ts';
import { geometryAreaM2 } from '../../geo/area.ts';
import type { ZoneRefusal } from '../../geo/zone-validate.ts';
import type { SliceCreator } from './slice.ts';

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

export interface DrawingState {
  open: boolean;
  tool: ZoneTool;
  snapping: boolean;
  records: Record<string, ZoneRecord>;
  history: ZoneHistory;
  /** The ellipsoidal area of each zone of the present step, m², computed when the step is made. */
  areasM2: Record<string, number>;
  /** The zone being drawn or edited whose readout is shown, and that readout. */
  readoutId: string | null;
  readout: ZoneReadout | null;
  refusal: ZoneRefusal | null;
  message: ZoneMessage | null;
  /** The server's copy of a zone whose save was refused (409), offered in place of ours. */
  conflict: { drawId: string; current: Feature } | null;
  saving: boolean;
}

export interface DrawingSlice {
  drawing: DrawingState;
  setDrawing(patch: Partial<DrawingState>): void;
  setDrawingOpen(open: boolean): void;
  setTool(tool: ZoneTool): void;
  dispatchHistory(action: ZoneHistoryAction): void;
  setRecord(record: ZoneRecord): void;
  setZoneAttributes(drawId: string, attributes: Partial<ZoneAttributes>): void;
  /** Forgets the session's zones (signing out: the next person starts afresh); snapping stays. */
  resetDrawing(): void;
}

function emptyDrawing(snapping: boolean): DrawingState {
  return {
    open: false,
    tool: 'none',
    snapping,
    records: {},
    history: initialHistory(),
    areasM2: {},
    readoutId: null,
    readout: null,
    refusal: null,
    message: null,
    conflict: null,
    saving: false,
  };
}

/** A note such as 已保存（版本 1） is past once the zones change again; an error stays until replaced. */
const staleInfo = (message: ZoneMessage | null): ZoneMessage | null =>
  message?.kind === 'info' ? null : message;

export const createDrawingSlice: SliceCreator<DrawingSlice> = (set) => {
  const patch = (change: (drawing: DrawingState) => Partial<DrawingState>) =>
    set((state) => ({ drawing: { ...state.drawing, ...change(state.drawing) } }));
  return {
    drawing: emptyDrawing(true),
    setDrawing: (partial) => patch(() => partial),
    setDrawingOpen: (open) => patch(() => (open ? { open } : { open, tool: 'none' })),
    setTool: (tool) => patch(() => ({ tool, refusal: null })),
    dispatchHistory: (action) =>
      patch((drawing) => {
        const history = zoneHistoryReducer(drawing.history, action);
        const areasM2: Record<string, number> = {};
        for (const shape of history.present) areasM2[shape.id] = geometryAreaM2(shape.geometry);
        return { history, areasM2, message: staleInfo(drawing.message) };
      }),
    setRecord: (record) => patch((drawing) => ({ records: { ...drawing.records, [record.drawId]: record } })),
    setZoneAttributes: (drawId, attributes) =>
      patch((drawing) => {
        const record = drawing.records[drawId];
        if (!record) return {};
        const changed = { ...record, attributes: { ...record.attributes, ...attributes } };
        return { records: { ...drawing.records, [drawId]: changed }, message: staleInfo(drawing.message) };
      }),
    resetDrawing: () => patch((drawing) => emptyDrawing(drawing.snapping)),
  };
};

/** The zones present in the current step of the history, in drawing order, with their records. */
export function presentZones(drawing: Pick<DrawingState, 'history' | 'records'>): ZoneRecord[] {
  return drawing.history.present.flatMap((shape) => {
    const record = drawing.records[shape.id];
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
