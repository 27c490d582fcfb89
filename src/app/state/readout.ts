// The map's live readout for the status bar: the pointer's position (or the centre, on touch) and the
// metres per pixel. Kept apart from the app store because it changes on every frame of a pan.
import { create } from 'zustand';

export interface Readout {
  lngLat: [number, number] | null;
  /** 'cursor' while a mouse is over the map; 'centre' otherwise (touch has no hover). */
  source: 'cursor' | 'centre';
  metresPerPixel: number | null;
  setPointer(lngLat: [number, number] | null): void;
  setView(centre: [number, number], metresPerPixel: number): void;
}

export const useReadout = create<Readout>()((set, get) => ({
  lngLat: null,
  source: 'centre',
  metresPerPixel: null,
  setPointer: (lngLat) => set({ lngLat, source: lngLat ? 'cursor' : 'centre' }),
  setView: (centre, metresPerPixel) =>
    set(get().source === 'cursor' ? { metresPerPixel } : { lngLat: centre, metresPerPixel }),
}));
