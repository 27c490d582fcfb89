// A handle for the end-to-end tests: the MapLibre map and the store, on `window.__landAtlas`.
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useAtlas } from './state/store.ts';

export interface LandAtlasTestHook {
  map: MapLibreMap | null;
  store: typeof useAtlas;
}

declare global {
  interface Window {
    __landAtlas?: LandAtlasTestHook;
  }
}

export function exposeTestHook(map: MapLibreMap | null): void {
  window.__landAtlas = { map, store: useAtlas };
}
