// The network slice: whether the browser is online, whether the layers shown came from this device's
// copy because the server could not be reached, and when the data shown was last known current (the
// status bar's 数据更新于 …). Kept up to date by src/app/state/session.ts.
import type { SliceCreator } from './slice.ts';

export interface NetworkState {
  online: boolean;
  /** The layers shown came from IndexedDB: the server could not be reached when they were loaded. */
  fromDevice: boolean;
  /** When the layers shown were last known to be the server's current ones (ms since the epoch). */
  dataAsOf: number | null;
}

export interface NetworkSlice {
  network: NetworkState;
  setNetwork(patch: Partial<NetworkState>): void;
}

export const createNetworkSlice: SliceCreator<NetworkSlice> = (set) => ({
  network: {
    online: typeof navigator === 'undefined' ? true : navigator.onLine,
    fromDevice: false,
    dataAsOf: null,
  },
  setNetwork: (patch) => set((state) => ({ network: { ...state.network, ...patch } })),
});
