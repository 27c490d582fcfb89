import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const GEODATA = 'geodata';

/**
 * The sample layers in geodata/*.geojson are served at the site root (/plots.geojson …) in dev and
 * copied into dist/ on build — only the layers, not the generator scripts beside them.
 */
function geodataLayers(): Plugin {
  const layerFiles = () => readdirSync(GEODATA).filter((name) => name.endsWith('.geojson'));
  return {
    name: 'land-atlas-geodata',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const name = decodeURIComponent((req.url ?? '').split('?')[0]?.slice(1) ?? '');
        if (!layerFiles().includes(name)) return next();
        res.setHeader('Content-Type', 'application/geo+json; charset=utf-8');
        res.end(readFileSync(join(GEODATA, name)));
      });
    },
    generateBundle() {
      for (const fileName of layerFiles()) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(join(GEODATA, fileName)) });
      }
    },
  };
}

export default defineConfig({
  plugins: [react(), geodataLayers()],
  publicDir: false,
  build: { outDir: 'dist', chunkSizeWarningLimit: 2500, sourcemap: false },
  // `npm run dev` serves the app; the API comes from the server (`npm start`, or tsx src/server/main.ts).
  server: { port: 5173, proxy: { '/api': 'http://localhost:8080' } },
});
