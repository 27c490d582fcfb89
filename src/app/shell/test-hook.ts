// Handles for the end-to-end tests, in test builds only (`npm run build:test`, i.e. `vite build --mode e2e`):
// the MapLibre map and the store on `window.__landAtlas`, the zone tools' store on `window.__landAtlasZones`.
// Vite writes the mode into the bundle as a string, so in any other build (`npm run build`, `npm start`,
// `npm run dev`) the test below is constant, the bundler drops the assignments, and the bundle names
// neither hook (tests/project/test-hooks.test.ts).
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useAtlas } from '../state/store.ts';
import { useZones } from '../zones/panel/store.ts';

export interface LandAtlasTestHook {
  map: MapLibreMap | null;
  store: typeof useAtlas;
}

declare global {
  interface Window {
    __landAtlas?: LandAtlasTestHook;
    __landAtlasZones?: typeof useZones;
  }
}

export function exposeTestHook(map: MapLibreMap | null): void {
  if (import.meta.env.MODE !== 'e2e') return;
  window.__landAtlas = { map, store: useAtlas };
  window.__landAtlasZones = useZones;
}
