// The pointer slice: the map's live readout for the status bar, the pointer's position (or the centre,
// on touch) and the metres per pixel. It changes on every frame of a pan; components read it with narrow
// selectors, so only the status bar renders again.
import type { SliceCreator } from './slice.ts';

export interface PointerState {
  lngLat: [number, number] | null;
  /** 'cursor' while a mouse is over the map; 'centre' otherwise (touch has no hover). */
  source: 'cursor' | 'centre';
  metresPerPixel: number | null;
  /** The map's centre as last seen: shown again when the pointer leaves the map. */
  centre: [number, number] | null;
}

export interface PointerSlice {
  pointer: PointerState;
  setPointer(lngLat: [number, number] | null): void;
  setView(centre: [number, number], metresPerPixel: number): void;
}

export const createPointerSlice: SliceCreator<PointerSlice> = (set) => ({
  pointer: { lngLat: null, source: 'centre', metresPerPixel: null, centre: null },
  setPointer: (lngLat) =>
    set(({ pointer }) => ({
      pointer: lngLat
        ? { ...pointer, lngLat, source: 'cursor' }
        : { ...pointer, lngLat: pointer.centre, source: 'centre' },
    })),
  setView: (centre, metresPerPixel) =>
    set(({ pointer }) => ({
      pointer:
        pointer.source === 'cursor'
          ? { ...pointer, metresPerPixel, centre }
          : { ...pointer, lngLat: centre, metresPerPixel, centre },
    })),
});
