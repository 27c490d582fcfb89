// Builds the sample layers of geodata/ (boundary, parks, plots, projects, newland) from a fixed seed:
// `npx tsx geodata/build-sample.ts`. Same code, same files, byte for byte. Also rewrites the list of
// deliberate anomalies in geodata/README.md, between its `anomalies` markers.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { featureCollectionText } from './geojson-text.ts';
import { heshanBoundary } from './heshan.ts';
import { Occupancy } from './placement.ts';
import { createRandom, seedFrom } from './random.ts';
import { buildNewLand, manufacturingShare } from './sample-newland.ts';
import { buildParks } from './sample-parks.ts';
import { buildPlots, type SamplePlots } from './sample-plots.ts';
import { buildProjects, placeProjectSites, planProjects } from './sample-projects.ts';

export const SAMPLE_SEED = 'heshan-2023';

export const SAMPLE_COUNTS = {
  plots: { inParks: 252, inTowns: 76, overlaps: 8, crossings: 6 },
  otherProjects: 35,
  newland: { inParks: 142, outside: 38 },
} as const;

export function buildSample() {
  // Each layer draws from its own stream, so changing one layer leaves the others as they were.
  const stream = (name: string) => createRandom(seedFrom(`${SAMPLE_SEED}/${name}`));
  const { feature: boundary, report } = heshanBoundary();
  const parks = buildParks(stream('parks'), boundary.geometry);
  const occupancy = new Occupancy();
  const projectRandom = stream('projects');
  const plans = planProjects(projectRandom, SAMPLE_COUNTS.otherProjects);
  const sites = placeProjectSites(projectRandom, plans, parks, boundary.geometry, occupancy);
  const plots = buildPlots(stream('plots'), boundary.geometry, parks, occupancy, SAMPLE_COUNTS.plots);
  const newland = buildNewLand(stream('newland'), boundary.geometry, parks, occupancy, SAMPLE_COUNTS.newland);
  const projects = buildProjects(projectRandom, plans, sites, parks, boundary.geometry, occupancy);
  return { boundary, report, parks, plots, projects, newland };
}

const START = '<!-- anomalies:start -->';
const END = '<!-- anomalies:end -->';

export function anomaliesMarkdown(plots: SamplePlots): string {
  const lines = [
    START,
    `Deliberate overlaps (${plots.overlaps.length}; each plot on the left overlaps the one on the right, and only it):`,
    '',
    ...plots.overlaps.map(([plot, other]) => `- overlap: ${plot} × ${other}`),
    '',
    `Deliberate park-edge crossings (${plots.crossings.length}; part inside the park, part outside):`,
    '',
    ...plots.crossings.map(([plot, park]) => `- crossing: ${plot} / ${park}`),
    END,
  ];
  return lines.join('\n');
}

function main(): void {
  const started = Date.now();
  const sample = buildSample();
  const dir = fileURLToPath(new URL('.', import.meta.url));
  const write = (name: string, text: string) => {
    writeFileSync(`${dir}${name}`, text);
    console.log(`${name}: ${(text.length / 1024).toFixed(0)} KB`);
  };
  write('boundary.geojson', featureCollectionText([sample.boundary]));
  write('parks.geojson', featureCollectionText(sample.parks));
  write('plots.geojson', featureCollectionText(sample.plots.plots));
  write('projects.geojson', featureCollectionText(sample.projects));
  write('newland.geojson', featureCollectionText(sample.newland));
  const readmePath = `${dir}README.md`;
  const readme = readFileSync(readmePath, 'utf8');
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < 0) throw new Error(`${readmePath}: the ${START} … ${END} markers are missing`);
  writeFileSync(
    readmePath,
    readme.slice(0, from) + anomaliesMarkdown(sample.plots) + readme.slice(to + END.length),
  );
  console.log('boundary cleaning:', JSON.stringify(sample.report));
  console.log(
    `plots ${sample.plots.plots.length}, projects ${sample.projects.length}, newland ${sample.newland.length},` +
      ` manufacturing share ${(manufacturingShare(sample.newland) * 100).toFixed(1)}%, ${Date.now() - started} ms`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
