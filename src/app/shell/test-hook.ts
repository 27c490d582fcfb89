// Handles for the end-to-end tests, in test builds only (`npm run build:test`, i.e. `vite build --mode e2e`):
// the MapLibre map and the store on `window.__landAtlas`, the store's drawing slice on `window.__landAtlasZones`,
// the outbox on `window.__landAtlasOutbox`.
// Vite writes the mode into the bundle as a string, so in any other build (`npm run build`, `npm start`,
// `npm run dev`) the test below is constant, the bundler drops the assignments, and the bundle names
// neither hook (tests/project/test-hooks.test.ts).
import type { Map as MapLibreMap } from 'maplibre-gl';
import { outboxView, submit } from '../outbox/outbox.ts';
import type { DrawingState } from '../state/drawing-slice.ts';
import { useAtlas } from '../state/store.ts';

export interface LandAtlasTestHook {
  map: MapLibreMap | null;
  store: typeof useAtlas;
}

declare global {
  interface Window {
    __landAtlas?: LandAtlasTestHook;
    __landAtlasZones?: { getState(): DrawingState };
    /** The outbox (bench/outbox.ts queues writes through it as the forms do). */
    __landAtlasOutbox?: { submit: typeof submit; view: typeof outboxView };
  }
}

export function exposeTestHook(map: MapLibreMap | null): void {
  if (import.meta.env.MODE !== 'e2e') return;
  window.__landAtlas = { map, store: useAtlas };
  window.__landAtlasZones = { getState: () => useAtlas.getState().drawing };
  window.__landAtlasOutbox = { submit, view: outboxView };
}
