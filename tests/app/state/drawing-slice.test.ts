// The store's drawing slice: the list follows the history's present step, and signing out forgets the
// session.
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { presentZones } from '../../../src/app/state/drawing-slice.ts';
import { useAtlas } from '../../../src/app/state/store.ts';
import { DEFAULT_ZONE_ATTRIBUTES } from '../../../src/domain/zone.ts';
import { geometryAreaM2 } from '../../../src/geo/area.ts';

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

function record(drawId: string) {
  return {
    drawId,
    serverId: null,
    version: null,
    attributes: { ...DEFAULT_ZONE_ATTRIBUTES, name: drawId },
    geometry: square(0),
    savedGeometry: null,
    savedAttributes: null,
  };
}

describe('drawing slice', () => {
  it('lists the zones of the present step with its outlines, and forgets them on reset', () => {
    const state = useAtlas.getState();
    state.setRecord(record('a'));
    state.setRecord(record('b'));
    state.dispatchHistory({ type: 'commit', snapshot: [{ id: 'a', geometry: square(5) }] });
    state.dispatchHistory({
      type: 'commit',
      snapshot: [
        { id: 'a', geometry: square(5) },
        { id: 'b', geometry: square(9) },
      ],
    });
    let zones = presentZones(useAtlas.getState().drawing);
    expect(zones.map((zone) => [zone.drawId, zone.geometry])).toEqual([
      ['a', square(5)],
      ['b', square(9)],
    ]);
    const areas = useAtlas.getState().drawing.areasM2;
    expect(Object.keys(areas)).toEqual(['a', 'b']);
    expect(areas.a).toBeCloseTo(geometryAreaM2(square(5)), 6);
    useAtlas.getState().dispatchHistory({ type: 'undo' });
    expect(Object.keys(useAtlas.getState().drawing.areasM2)).toEqual(['a']);
    zones = presentZones(useAtlas.getState().drawing);
    expect(zones.map((zone) => zone.drawId)).toEqual(['a']);
    useAtlas.getState().setZoneAttributes('a', { notes: '备注' });
    expect(useAtlas.getState().drawing.records.a?.attributes.notes).toBe('备注');

    useAtlas.getState().setDrawing({ snapping: false, open: true });
    useAtlas.getState().resetDrawing();
    const after = useAtlas.getState().drawing;
    expect(after.records).toEqual({});
    expect(after.history).toEqual({ past: [], present: [], future: [] });
    expect(after.open).toBe(false);
    // Snapping is the person's preference, not session data: it stays.
    expect(after.snapping).toBe(false);
    expect(presentZones(after)).toEqual([]);
  });

  it('a note such as 已保存（版本 1） goes once the zones change again; an error stays', () => {
    const state = useAtlas.getState();
    state.setRecord(record('c'));
    state.setDrawing({
      message: { kind: 'info', text: { zh: '已保存（版本 1）', en: 'Saved (version 1)' } },
    });
    state.setZoneAttributes('c', { name: '新名称' });
    expect(useAtlas.getState().drawing.message).toBeNull();
    state.setDrawing({
      message: { kind: 'info', text: { zh: '已保存（版本 2）', en: 'Saved (version 2)' } },
    });
    state.dispatchHistory({ type: 'commit', snapshot: [{ id: 'c', geometry: square(3) }] });
    expect(useAtlas.getState().drawing.message).toBeNull();
    const error = { kind: 'error' as const, text: { zh: '保存失败', en: 'Not saved' } };
    state.setDrawing({ message: error });
    state.dispatchHistory({ type: 'commit', snapshot: [{ id: 'c', geometry: square(4) }] });
    expect(useAtlas.getState().drawing.message).toEqual(error);
  });
});
