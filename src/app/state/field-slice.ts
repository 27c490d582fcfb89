// The field slice: the tablet in the field — the device's position (the locate control, the "which plot
// am I in" banner, the inspection form read it) and the height the bottom sheet stands at (the camera
// leaves that much of the map free).
import type { SliceCreator } from './slice.ts';

/** The device's position: degrees, the accuracy radius in metres, when it was taken (ISO 8601). */
export interface DevicePosition {
  lon: number;
  lat: number;
  accuracy: number;
  time: string;
}

/** Why there is no position: refused by the person, no fix to be had, no fix in time, no geolocation. */
export type LocateError = 'denied' | 'unavailable' | 'timeout' | 'unsupported';

/** off: no dot, no banner; shown: the dot and the banner; follow: the map keeps the dot in view. */
export type LocateMode = 'off' | 'shown' | 'follow';

/** The bottom sheet's heights on a tablet: a strip with the title, about half, nearly all the map. */
export const SHEET_SNAPS = ['peek', 'half', 'full'] as const;
export type SheetSnap = (typeof SHEET_SNAPS)[number];

/** The sheet's height at each snap, in CSS px, for a map area `areaHeight` tall (mirrors src/app/inspector/inspector.css). */
export function sheetHeightPx(snap: SheetSnap, areaHeight: number): number {
  if (snap === 'peek') return Math.min(SHEET_PEEK_PX, areaHeight);
  if (snap === 'half') return Math.round(areaHeight * SHEET_HALF);
  return Math.max(0, areaHeight - SHEET_FULL_GAP_PX);
}
/** The peek: the handle and the title. */
const SHEET_PEEK_PX = 124;
/** Half: a little over half, as the sheet always was. */
const SHEET_HALF = 0.55;
/** Full: all but a strip of map at the top (the map stays in sight, a reminder it is there). */
const SHEET_FULL_GAP_PX = 48;

export interface FieldSlice {
  locate: { mode: LocateMode; position: DevicePosition | null; error: LocateError | null };
  setLocateMode(mode: LocateMode): void;
  setDevicePosition(position: DevicePosition): void;
  setLocateError(error: LocateError | null): void;
  sheetSnap: SheetSnap;
  setSheetSnap(snap: SheetSnap): void;
  /** A recorded position shown on the map (an inspection's, from its record), or null. */
  markedPosition: DevicePosition | null;
  setMarkedPosition(position: DevicePosition | null): void;
}

export const createFieldSlice: SliceCreator<FieldSlice> = (set) => ({
  locate: { mode: 'off', position: null, error: null },
  setLocateMode: (mode) => set(({ locate }) => ({ locate: { ...locate, mode } })),
  setDevicePosition: (position) => set(({ locate }) => ({ locate: { ...locate, position, error: null } })),
  setLocateError: (error) => set(({ locate }) => ({ locate: { ...locate, error } })),
  sheetSnap: 'half',
  setSheetSnap: (sheetSnap) => set({ sheetSnap }),
  markedPosition: null,
  setMarkedPosition: (markedPosition) => set({ markedPosition }),
});
