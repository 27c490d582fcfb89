// Entry point: mounts the app inside react-map-gl's MapProvider so panels can reach the map by id.
import './app/shell/zod-jitless.ts';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MapProvider } from 'react-map-gl/maplibre';
// The stylesheets' order is the cascade's: the shared pieces first, then each feature's (imported by its
// components inside App), the shell's frame last, so its rules win ties.
import './app/ui/ui.css';
import { App } from './app/shell/app.tsx';
import { registerServiceWorker } from './app/shell/pwa.ts';
// MapLibre's styles with the page, before ours (app.css overrides some), though its code comes later.
import 'maplibre-gl/dist/maplibre-gl.css';
import './app/shell/app.css';

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <MapProvider>
        <App />
      </MapProvider>
    </StrictMode>,
  );
}

// The app shell for offline use: registered after the first render, so it never delays the start.
registerServiceWorker();
