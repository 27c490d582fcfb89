import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { TABLE_CACHE, TILE_CACHE } from './src/app/state/response-cache.ts';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
const COMPRESSIBLE_FILE = /\.(?:js|mjs|css|html|svg|json|txt|webmanifest)$/;

/**
 * Writes a .br (brotli, quality 11) and a .gz (gzip, level 9) beside every text file of the build, small
 * ones too (index.html is asked for by every visit), so that the server sends them as they are
 * (src/server/app.ts, @fastify/static `preCompressed`) instead of compressing the same bytes for every
 * request. Runs after every other plugin has written its files (the service worker and the web app
 * manifest of vite-plugin-pwa are written in its closeBundle), so they are compressed too.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'land-atlas-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const root = outDir;
        const files = (await readdir(root, { recursive: true })).filter((file) =>
          COMPRESSIBLE_FILE.test(file),
        );
        await Promise.all(
          files.map(async (file) => {
            const path = join(root, file);
            const content = await readFile(path);
            const [br, gz] = await Promise.all([
              brotli(content, {
                params: {
                  [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                  [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
                },
              }),
              gzipped(content, { level: constants.Z_BEST_COMPRESSION }),
            ]);
            await Promise.all([writeFile(`${path}.br`, br), writeFile(`${path}.gz`, gz)]);
          }),
        );
      },
    },
  };
}

// The layers are data behind a session: the app loads them from the API (/api/layers/…), and neither
// the dev server nor the build (dist/) serves or ships a copy of geodata/.
//
// The app is an installable web app (vite-plugin-pwa, Workbox): the manifest (name, icons from public/icons,
// made by scripts/make-icons.mjs), and a service worker (sw.js, registered by src/app/shell/pwa.ts) that
// precaches the app shell — index.html, every script and stylesheet including the lazily loaded ones and
// the workers (MapLibre's among them), the icons — so that after one online visit the app opens with no
// network. The style needs no glyphs, sprites or fonts from a server (src/app/map/styles.ts). The layers
// are not the service worker's: they stay in IndexedDB (src/app/state/layer-cache.ts). Vector tiles already
// seen are kept in a runtime cache (network first, the cache when offline) that signing out empties. Only
// GETs are ever cached: a write always goes to the network.
const pwa = VitePWA({
  registerType: 'autoUpdate',
  injectRegister: false,
  manifestFilename: 'manifest.webmanifest',
  // The icons and the manifest are precached once, by the glob below and by the plugin itself.
  includeManifestIcons: false,
  manifest: {
    id: '/',
    name: '鹤山市土地一张图 · Land Atlas',
    short_name: '土地一张图',
    description: '鹤山市土地一张图：产业园区、低效工业用地、重点项目与新增建设用地。Heshan Land Atlas.',
    lang: 'zh-CN',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    theme_color: '#0d3b66',
    background_color: '#0d3b66',
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  },
  workbox: {
    globPatterns: ['**/*.{js,mjs,css,html,png}'],
    globIgnores: ['**/*.geojson'],
    // MapLibre's chunk is about 1 MB; nothing of the shell may be left out for its size.
    maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
    navigateFallback: 'index.html',
    navigateFallbackDenylist: [/^\/api\//],
    cleanupOutdatedCaches: true,
    clientsClaim: true,
    skipWaiting: true,
    runtimeCaching: [
      {
        urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/api/tiles/'),
        method: 'GET',
        handler: 'NetworkFirst',
        options: {
          cacheName: TILE_CACHE,
          expiration: { maxEntries: 4000, maxAgeSeconds: 14 * 24 * 3600 },
          cacheableResponse: { statuses: [200, 204] },
        },
      },
      {
        // The data tables' rows and the bounds of their filters, as last read online (an Excel workbook
        // is not kept: it is made on the server, and only online). Network first: online, always fresh.
        urlPattern: ({ url, sameOrigin }) =>
          sameOrigin && url.pathname.startsWith('/api/table/') && !url.pathname.endsWith('.xlsx'),
        method: 'GET',
        handler: 'NetworkFirst',
        options: {
          cacheName: TABLE_CACHE,
          expiration: { maxEntries: 200, maxAgeSeconds: 14 * 24 * 3600 },
          cacheableResponse: { statuses: [200] },
        },
      },
    ],
  },
});

export default defineConfig({
  plugins: [react(), pwa, precompress()],
  // Only the icons of the web app manifest: the layers are never files of the build.
  publicDir: 'public',
  build: { outDir: 'dist', chunkSizeWarningLimit: 2500, sourcemap: false },
  // `npm run dev` serves the app; the API comes from the server (`npm start`, or tsx src/server/main.ts).
  server: { port: 5173, proxy: { '/api': 'http://localhost:8080' } },
});
