// Benchmark of the analysis panel's report (src/geo/analysis.ts, the function the analysis worker runs)
// on the sample layers of geodata/:
//   npx tsx bench/analysis.ts [--runs N]
// Prints the time to prepare the layers (once per load in the worker) and of the analysis itself over
// repeated runs (median, min, max, after warm-up runs). The budget is 200 ms for the analysis here.
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection } from 'geojson';
import { prepareAnalysis, runAnalysis } from '../src/geo/analysis.ts';

function features(name: string): Feature[] {
  const text = readFileSync(new URL(`../geodata/${name}.geojson`, import.meta.url), 'utf8');
  return (JSON.parse(text) as FeatureCollection).features;
}

function argument(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : Number.NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const runs = argument('runs', 30);
const layers = {
  plots: features('plots'),
  parks: features('parks'),
  newland: features('newland'),
  projects: features('projects'),
};

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

const prepareTimes: number[] = [];
const runTimes: number[] = [];
let overlaps = 0;
let share: number | null = null;
for (let i = 0; i < runs + 3; i++) {
  const t0 = performance.now();
  const prepared = prepareAnalysis(layers);
  const t1 = performance.now();
  const result = runAnalysis(prepared);
  const t2 = performance.now();
  if (i >= 3) {
    prepareTimes.push(t1 - t0);
    runTimes.push(t2 - t1);
  }
  overlaps = result.overlaps.length;
  share = result.share?.overall.share ?? null;
}

const ms = (value: number) => `${value.toFixed(1)} ms`;
console.log(
  `sample: ${layers.plots.length} plots, ${layers.parks.length} parks, ${layers.newland.length} new-land parcels, ${layers.projects.length} projects`,
);
console.log(`prepare (once per load): median ${ms(median(prepareTimes))}`);
console.log(
  `analysis: median ${ms(median(runTimes))}, min ${ms(Math.min(...runTimes))}, max ${ms(Math.max(...runTimes))} over ${runs} runs (budget 200 ms)`,
);
console.log(
  `found ${overlaps} plot overlaps; overall manufacturing share ${((share ?? 0) * 100).toFixed(1)}%`,
);
