import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The layers are data behind a session: the app loads them from the API (/api/layers/…), and neither
// the dev server nor the build (dist/) serves or ships a copy of geodata/.
export default defineConfig({
  plugins: [react()],
  publicDir: false,
  build: { outDir: 'dist', chunkSizeWarningLimit: 2500, sourcemap: false },
  // `npm run dev` serves the app; the API comes from the server (`npm start`, or tsx src/server/main.ts).
  server: { port: 5173, proxy: { '/api': 'http://localhost:8080' } },
});
