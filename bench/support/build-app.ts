// The app's test build (`vite build --mode e2e`: the production build plus the `window.__landAtlas` hook
// the benchmarks drive the page by) into a folder of the benchmark's own, so a benchmark never uses, or
// overwrites, the dist/ of the checkout.
import { spawnSync } from 'node:child_process';

export function buildTestApp(outDir: string): void {
  console.log('building the app (vite build --mode e2e)…');
  const built = spawnSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--mode',
      'e2e',
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    { stdio: 'inherit' },
  );
  if (built.status !== 0) throw new Error('vite build failed');
}
