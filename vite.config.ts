import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // geodata/ is served as static files so the app loads the same layers the CLI checks.
  publicDir: 'geodata',
  build: { outDir: 'dist', chunkSizeWarningLimit: 2500, sourcemap: false },
  server: { port: 5173 },
});
