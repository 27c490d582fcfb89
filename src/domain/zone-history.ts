// Undo and redo over a whole editing session: a pure reducer over snapshots of every zone's outline
// (fed by the drawing tool's finish events). Each snapshot is a full state, so an undo restores exactly
// what was there, whatever the tool did in between.
import type { Polygon } from 'geojson';

export interface ZoneShape {
  /** The drawing tool's id of the feature. */
  id: string;
  geometry: Polygon;
}

export type ZoneSnapshot = readonly ZoneShape[];

export interface ZoneHistory {
  past: readonly ZoneSnapshot[];
  present: ZoneSnapshot;
  future: readonly ZoneSnapshot[];
}

export type ZoneHistoryAction =
  | { type: 'commit'; snapshot: ZoneSnapshot }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'reset'; snapshot: ZoneSnapshot };

/** How many steps back a session keeps; older ones are dropped. */
export const HISTORY_LIMIT = 200;

export function initialHistory(snapshot: ZoneSnapshot = []): ZoneHistory {
  return { past: [], present: snapshot, future: [] };
}

function sameSnapshot(a: ZoneSnapshot, b: ZoneSnapshot): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function zoneHistoryReducer(history: ZoneHistory, action: ZoneHistoryAction): ZoneHistory {
  switch (action.type) {
    case 'commit': {
      if (sameSnapshot(history.present, action.snapshot)) return history;
      const past = [...history.past, history.present].slice(-HISTORY_LIMIT);
      return { past, present: action.snapshot, future: [] };
    }
    case 'undo': {
      const previous = history.past[history.past.length - 1];
      if (previous === undefined) return history;
      return {
        past: history.past.slice(0, -1),
        present: previous,
        future: [history.present, ...history.future],
      };
    }
    case 'redo': {
      const [next, ...rest] = history.future;
      if (next === undefined) return history;
      return { past: [...history.past, history.present], present: next, future: rest };
    }
    case 'reset':
      return initialHistory(action.snapshot);
  }
}

export const canUndo = (history: ZoneHistory) => history.past.length > 0;
export const canRedo = (history: ZoneHistory) => history.future.length > 0;
