// Benchmark of the zone readout (src/geo/zone-readout.ts, what the zone worker runs on every pointer
// move while a vertex is dragged), with 2 000 and 20 000 generated plots (geodata/generate.ts) plus the
// sample parks and new land:
//   npx tsx bench/zone-readout.ts [--updates N]
// For each size: the time to prepare the layers (once per load in the worker), then the readout of a
// generated zone whose first vertex moves a little on each update (median, p95 and max per update).
// Goals on the development machine: under 16 ms (2 000 plots) and 50 ms (20 000 plots) per update.
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection, Polygon, Position } from 'geojson';
import { generate } from '../geodata/generate.ts';
import { prepareZoneContext, zoneReadout } from '../src/geo/zone-readout.ts';

function features(name: string): Feature[] {
  const text = readFileSync(new URL(`../geodata/${name}.geojson`, import.meta.url), 'utf8');
  return (JSON.parse(text) as FeatureCollection).features;
}

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const updates = argument('updates', 400);
const parks = features('parks');
const newland = features('newland');

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] as number;
};

for (const [plotCount, goalMs] of [
  [2_000, 16],
  [20_000, 50],
] as const) {
  const generated = generate({ plots: plotCount, zones: 20, seed: 'bench-zone' });
  const plots = (JSON.parse(generated.plotsText) as FeatureCollection).features;
  const zones = (JSON.parse(generated.zonesText) as FeatureCollection).features;
  const t0 = performance.now();
  const context = prepareZoneContext({ plots, parks, newland });
  const prepareMs = performance.now() - t0;

  const times: number[] = [];
  let touched = 0;
  for (let u = 0; u < updates + 20; u++) {
    const zone = zones[u % zones.length] as Feature<Polygon>;
    const ring = (zone.geometry.coordinates[0] as Position[]).map((p) => [...p]);
    // Drag the first vertex (and so the closing one) a few metres further on each update.
    const step = (u % 50) * 2e-5;
    const first = ring[0] as number[];
    const moved = [(first[0] as number) + step, (first[1] as number) + step / 2];
    ring[0] = moved;
    ring[ring.length - 1] = moved;
    const geometry: Polygon = { type: 'Polygon', coordinates: [ring] };
    const start = performance.now();
    const readout = zoneReadout(context, geometry);
    const elapsed = performance.now() - start;
    if (u >= 20) {
      times.push(elapsed);
      touched += readout.plots.length;
    }
  }
  const median = percentile(times, 0.5);
  console.log(
    `${plotCount.toLocaleString('en-US')} plots: prepare ${prepareMs.toFixed(0)} ms once; per update ` +
      `median ${median.toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms, max ` +
      `${Math.max(...times).toFixed(2)} ms over ${updates} updates (${(touched / updates).toFixed(1)} plots ` +
      `per zone); goal < ${goalMs} ms: ${median < goalMs ? 'met' : 'NOT met'}`,
  );
}
