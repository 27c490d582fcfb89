// Benchmark of the format readers (issue 13): 100 000 generated plots (--plots N) written once as a
// zipped Shapefile (GBK, 3° zone 38 with the zone prefix: decoding and projection both exercised), as a
// CSV with a WKT column (UTF-8 with BOM, as Excel saves it) and, the reference, as GeoJSON; then each
// read by readLayerFile in a fresh process, three times: time (median) and the process's peak RSS.
//   npx tsx bench/formats.ts [--plots N]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FeatureCollection } from 'geojson';
import { generate } from '../geodata/generate.ts';
import { readLayerFileSync, writeLayerFile } from '../src/formats/index.ts';
import { argument } from './support/timing.ts';

const readArgument = process.argv.indexOf('--read');
if (readArgument >= 0) {
  // The child: read one file, report time and peak memory as JSON.
  const file = process.argv[readArgument + 1] as string;
  const bytes = new Uint8Array(readFileSync(file));
  const started = performance.now();
  const result = readLayerFileSync([{ name: file, bytes }]);
  const ms = performance.now() - started;
  console.log(
    JSON.stringify({
      ms,
      features: result.features.length,
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    }),
  );
  process.exit(0);
}

const plots = argument('plots', 100_000);
const dir = mkdtempSync(join(tmpdir(), 'atlas-bench-formats-'));
const { plotsText } = generate({ plots, zones: 0, seed: '1' });
const features = (JSON.parse(plotsText) as FeatureCollection).features;
const files = {
  GeoJSON: join(dir, 'plots.geojson'),
  'Shapefile (GBK, zone 38)': join(dir, 'plots.zip'),
  'CSV (WKT, UTF-8 BOM)': join(dir, 'plots.csv'),
};
writeFileSync(files.GeoJSON, plotsText);
writeFileSync(
  files['Shapefile (GBK, zone 38)'],
  writeLayerFile(features, 'shp', { name: 'plots', encoding: 'gbk', crs: 'EPSG:4526' }).bytes,
);
writeFileSync(files['CSV (WKT, UTF-8 BOM)'], writeLayerFile(features, 'csv', { name: 'plots' }).bytes);

interface Run {
  ms: number;
  features: number;
  peakRssMb: number;
}

function read(file: string): Run {
  const child = spawnSync(process.execPath, ['--import', 'tsx', 'bench/formats.ts', '--read', file], {
    encoding: 'utf8',
  });
  if (child.status !== 0) throw new Error(`reading ${file}: ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').at(-1) as string) as Run;
}

console.log(
  `Reading ${plots.toLocaleString('en')} plots with readLayerFile, each in a fresh process (median of 3):`,
);
const results = Object.entries(files).map(([name, file]) => {
  const runs = [read(file), read(file), read(file)].sort((a, b) => a.ms - b.ms);
  const median = runs[1] as Run;
  if (median.features !== plots) throw new Error(`${name}: ${median.features} features, not ${plots}`);
  return { name, mb: statSync(file).size / 1e6, ...median };
});
const reference = results[0] as (typeof results)[number];
for (const { name, mb, ms, peakRssMb } of results)
  console.log(
    `  ${name.padEnd(26)} ${mb.toFixed(1).padStart(6)} MB file  ${(ms / 1000).toFixed(2).padStart(6)} s (${(ms / reference.ms).toFixed(2)}× GeoJSON)  peak RSS ${peakRssMb.toFixed(0)} MB (${(peakRssMb / reference.peakRssMb).toFixed(2)}×)`,
  );
