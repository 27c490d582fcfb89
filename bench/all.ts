// `npm run bench`: every benchmark of the project, one after another, each against its reference or goal
// on the same data in the same run. Figures go to the README with the machine they came from.
//   1. the overlap engine against Turf's intersect behind a Flatbush index (bench/overlap.ts);
//   2. the whole `atlas overlap` command on 100 000 plots × 1 000 zones, parsing and validation included;
//   3. the analysis the app's worker runs on the sample layers (bench/analysis.ts);
//   4. the zone readout while a vertex is dragged, with 2 000 and 20 000 plots (bench/zone-readout.ts);
//   5. validation of comb-shaped polygons of 40 000 and 400 000 vertices, made to be slow to check,
//      against the former quadratic search (bench/validate-comb.ts);
//   6. overlaps of 41 identical city outlines against 41 shifted ones (bench/overlap-coincident.ts);
//   7. the server's /api/health latency while it validates a comb import (bench/server-health.ts);
//   8. vector tiles over 100 000 plots, SQLite and PostgreSQL (when installed): edit → first tile after it,
//      time per tile at z12–16, tiles per second with 20 viewers at a time, the county view's bytes —
//      each path against the old full rebuild, in the same run (bench/tiles.ts);
//   9. the SQLite store's layer snapshot after one edit at 100 000 plots, against the full rebuild, and
//      /api/health meanwhile (bench/snapshot.ts);
//  10. a 300 000-plot (≈190 MB) import streamed and written on a worker thread while /api/health is
//      polled every 50 ms, beside the old path at 90 000 plots, a size it accepted (bench/import.ts);
//  11. search, the analysis and the parks' holdings answered by the server at 100 000 plots (the layers
//      served as tiles) against the same pure functions in process (bench/server-queries.ts);
//  12. the outbox: 200 inspections each with a 1 MB photo queued offline in Chromium, synced when the
//      network comes back, against the same sent directly online; the server's counts (bench/outbox.ts);
//  13. the built app in headless Chromium against a plain MapLibre page with the same plots, geojson and
//      tiles modes (bench/browser.ts): 20 000 plots unless `--browser-plots 100000,300000`
//      (`--browser-modes geojson,tiles`, `--browser-tile-threshold N` likewise);
//  14. the data table at 100 000 plots: the filter against a hand-written loop, filter change → painted
//      map against setFilter by hand, the Excel export of 100 000 rows against JSON and CSV (bench/table.ts);
//  13. the app offline: the service worker's precached app shell (KB raw, gzip, brotli) and the time to
//      open the app (page → map idle) offline against online, in the same run (bench/offline.ts);
//  14. the format readers: 100 000 plots read from a zipped GBK Shapefile in zone 38 and from a WKT CSV,
//      against the same plots read as GeoJSON, time and peak RSS (bench/formats.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';

const tsx = ['--import', 'tsx'];

function run(title: string, args: string[]): void {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(process.execPath, [...tsx, ...args], { stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${title}: exited with ${result.status ?? result.signal}`);
    process.exitCode = 1;
  }
}

function timeCommand(args: string[], runs: number): number[] {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    // As `npm run -s atlas` runs it, less npm's own start-up: the bundled command line, no tsx.
    const result = spawnSync(process.execPath, args, {
      stdio: ['ignore', openSync('/dev/null', 'w'), 'inherit'],
    });
    if (result.status !== 0) throw new Error(`atlas ${args.join(' ')} exited with ${result.status}`);
    times.push(performance.now() - started);
  }
  return times.sort((a, b) => a - b);
}

console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}`);
const passed = process.argv.slice(2);
/** The value of `--name` on this command line, or `fallback`. */
const option = (name: string, fallback: string) => {
  const i = passed.indexOf(`--${name}`);
  return i >= 0 && passed[i + 1] ? (passed[i + 1] as string) : fallback;
};
run('Overlap engine vs Turf intersect behind Flatbush', ['bench/overlap.ts', ...passed]);

const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-'));
try {
  const gen = spawnSync(
    process.execPath,
    [...tsx, 'geodata/generate.ts', '--plots', '100000', '--zones', '1000', '--out', dir],
    { stdio: 'inherit' },
  );
  if (gen.status !== 0) throw new Error('the generator failed');
  console.log('\n=== atlas overlap plots.geojson zones.geojson (100 000 × 1 000, whole command) ===');
  const times = timeCommand(
    ['scripts/atlas.mjs', 'overlap', join(dir, 'plots.geojson'), join(dir, 'zones.geojson'), '--json'],
    3,
  );
  console.log(
    `wall time over 3 runs: best ${(times[0] ?? 0).toFixed(0)} ms, median ${(times[1] ?? 0).toFixed(0)} ms (goal: 3 000 ms)`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}

run('Analysis of the sample layers (the worker’s function)', ['bench/analysis.ts']);
if (existsSync('bench/zone-readout.ts'))
  run('Zone readout while dragging a vertex', ['bench/zone-readout.ts']);
run('Validation of comb polygons (40 000 and 400 000 vertices) vs the former quadratic search', [
  'bench/validate-comb.ts',
]);
run('Overlap of coincident polygons (41 copies of the Heshan outline) vs ordinary pairs', [
  'bench/overlap-coincident.ts',
]);
run('Server health while a 40 000-vertex comb import is validated', ['bench/server-health.ts']);
run('Vector tiles over 100 000 plots: per-feature updates and ST_AsMVT vs the full rebuild', [
  'bench/tiles.ts',
]);
run('Layer snapshot after one edit at 100 000 plots vs the full rebuild', ['bench/snapshot.ts']);
run('Import of 300 000 plots, streamed and written off the request thread, vs the old path at 90 000', [
  'bench/import.ts',
]);
run('Search, analysis and holdings on the server at 100 000 plots vs in process', [
  'bench/server-queries.ts',
]);
run('Outbox: 200 inspections with a 1 MB photo queued offline, synced on reconnecting, vs sent directly', [
  'bench/outbox.ts',
]);
run('Browser: the app vs a plain MapLibre page with the same plots', [
  'bench/browser.ts',
  '--plots',
  option('browser-plots', '20000'),
  '--modes',
  option('browser-modes', 'geojson,tiles'),
  '--tile-threshold',
  option('browser-tile-threshold', '1000'),
]);
run('The app offline: the app shell’s precache size, and opening offline vs online', ['bench/offline.ts']);
run('The data table at 100 000 plots: filter, filter → painted map, Excel export of every row', [
  'bench/table.ts',
]);
run('Reading 100 000 plots as a Shapefile and as CSV vs as GeoJSON (time, peak RSS)', ['bench/formats.ts']);
