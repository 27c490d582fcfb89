import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);
const COMPRESSIBLE_FILE = /\.(?:js|mjs|css|html|svg|json|txt)$/;

/**
 * Writes a .br (brotli, quality 11) and a .gz (gzip, level 9) beside every text file of the build, small
 * ones too (index.html is asked for by every visit), so that the server sends them as they are
 * (src/server/app.ts, @fastify/static `preCompressed`) instead of compressing the same bytes for every
 * request.
 */
function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'land-atlas-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async writeBundle() {
      const root = outDir;
      const files = (await readdir(root, { recursive: true })).filter((file) => COMPRESSIBLE_FILE.test(file));
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
  };
}

// The layers are data behind a session: the app loads them from the API (/api/layers/…), and neither
// the dev server nor the build (dist/) serves or ships a copy of geodata/.
export default defineConfig({
  plugins: [react(), precompress()],
  publicDir: false,
  build: { outDir: 'dist', chunkSizeWarningLimit: 2500, sourcemap: false },
  // `npm run dev` serves the app; the API comes from the server (`npm start`, or tsx src/server/main.ts).
  server: { port: 5173, proxy: { '/api': 'http://localhost:8080' } },
});
