// The session's undo/redo reducer.
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  canRedo,
  canUndo,
  HISTORY_LIMIT,
  initialHistory,
  type ZoneSnapshot,
  zoneHistoryReducer,
} from '../../src/domain/zone-history.ts';

const square = (x: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, 0],
      [x + 1, 0],
      [x + 1, 1],
      [x, 0],
    ],
  ],
});
const snap = (...xs: number[]): ZoneSnapshot => xs.map((x, i) => ({ id: `z${i}`, geometry: square(x) }));

describe('zoneHistoryReducer', () => {
  it('undoes and redoes commits in order, and a new commit drops the redo branch', () => {
    let h = initialHistory();
    expect(canUndo(h)).toBe(false);
    h = zoneHistoryReducer(h, { type: 'commit', snapshot: snap(1) });
    h = zoneHistoryReducer(h, { type: 'commit', snapshot: snap(2) });
    h = zoneHistoryReducer(h, { type: 'commit', snapshot: snap(2, 5) });
    expect(h.present).toEqual(snap(2, 5));
    h = zoneHistoryReducer(h, { type: 'undo' });
    expect(h.present).toEqual(snap(2));
    h = zoneHistoryReducer(h, { type: 'undo' });
    expect(h.present).toEqual(snap(1));
    expect(canRedo(h)).toBe(true);
    h = zoneHistoryReducer(h, { type: 'redo' });
    expect(h.present).toEqual(snap(2));
    h = zoneHistoryReducer(h, { type: 'commit', snapshot: snap(7) });
    expect(canRedo(h)).toBe(false);
    h = zoneHistoryReducer(h, { type: 'undo' });
    expect(h.present).toEqual(snap(2));
  });

  it('ignores a commit that changes nothing, and undo/redo at the ends', () => {
    const start = zoneHistoryReducer(initialHistory(), { type: 'commit', snapshot: snap(1) });
    expect(zoneHistoryReducer(start, { type: 'commit', snapshot: snap(1) })).toBe(start);
    const empty = initialHistory();
    expect(zoneHistoryReducer(empty, { type: 'undo' })).toBe(empty);
    expect(zoneHistoryReducer(empty, { type: 'redo' })).toBe(empty);
  });

  it('keeps at most HISTORY_LIMIT steps back, and reset starts afresh', () => {
    let h = initialHistory();
    for (let i = 0; i < HISTORY_LIMIT + 20; i++)
      h = zoneHistoryReducer(h, { type: 'commit', snapshot: snap(i) });
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    h = zoneHistoryReducer(h, { type: 'reset', snapshot: snap(3) });
    expect(h).toEqual({ past: [], present: snap(3), future: [] });
  });
});
