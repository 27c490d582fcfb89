// Benchmark of the overlap engine against the reference way (Turf's clipping behind a Flatbush index),
// on the seeded synthetic layers of geodata/generate.ts:
//   npx tsx bench/overlap.ts [--plots N] [--zones M] [--seed S] [--no-reference]
// Prints, from one run: both times, their ratio, whether the results agree (same pairs, areas within
// 1e-6 relative), and the time of plot-on-plot self overlap (ours and the reference).
import { bbox, featureCollection, intersect } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { generate } from '../geodata/generate.ts';
import { geometryAreaM2 } from '../src/geo/area.ts';
import { findOverlaps, OVERLAP_EPSILON_M2, type OverlapPair, type OverlapStats } from '../src/geo/overlap.ts';
import { compareOverlaps } from './compare.ts';

type PolygonFeature = Feature<Polygon | MultiPolygon>;

function argument(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? (process.argv[i + 1] as string) : fallback;
}

/** The reference: for each feature of A, candidates of B from the index, Turf's intersection, its area. */
function referenceOverlaps(layerA: PolygonFeature[], layerB?: PolygonFeature[]): OverlapPair[] {
  const other = layerB ?? layerA;
  const index = new Flatbush(other.length);
  for (const feature of other) {
    const [minX, minY, maxX, maxY] = bbox(feature);
    index.add(minX, minY, maxX, maxY);
  }
  index.finish();
  const pairs: OverlapPair[] = [];
  layerA.forEach((feature, a) => {
    const [minX, minY, maxX, maxY] = bbox(feature);
    const candidates = index.search(minX, minY, maxX, maxY).filter((b) => layerB || b > a);
    candidates.sort((x, y) => x - y);
    for (const b of candidates) {
      const shared = intersect(featureCollection([feature, other[b] as PolygonFeature]));
      const m2 = shared ? geometryAreaM2(shared.geometry) : 0;
      if (m2 > OVERLAP_EPSILON_M2) pairs.push({ a, b, m2 });
    }
  });
  return pairs;
}

function timed<T>(run: () => T): { result: T; ms: number } {
  const start = performance.now();
  const result = run();
  return { result, ms: performance.now() - start };
}

function report(
  label: string,
  ours: { result: OverlapPair[]; ms: number },
  stats: OverlapStats,
  ref?: { result: OverlapPair[]; ms: number },
) {
  console.log(
    `${label}: ours ${ours.ms.toFixed(0)} ms, ${ours.result.length} pairs, ${stats.candidates} candidates, ${stats.clipped} clipped by Turf`,
  );
  if (!ref) return;
  const agreement = compareOverlaps(ours.result, ref.result);
  console.log(
    `${label}: reference ${ref.ms.toFixed(0)} ms, ${ref.result.length} pairs; ours is ${(ref.ms / ours.ms).toFixed(1)}× faster`,
  );
  console.log(
    `${label}: ${agreement.agree ? 'AGREE' : 'DISAGREE'} (only ours ${agreement.onlyOurs.length}, only reference ${agreement.onlyReference.length}, worst relative area difference ${agreement.worstRelative.toExponential(2)}${agreement.worst ? ` at ${agreement.worst.a}×${agreement.worst.b} (${agreement.worst.m2.toPrecision(3)} m²)` : ''}, worst absolute ${agreement.worstAbsoluteM2.toExponential(2)} m²)`,
  );
}

const plotCount = Number(argument('plots', '100000'));
const zoneCount = Number(argument('zones', '1000'));
const seed = argument('seed', 'bench');
const withReference = !process.argv.includes('--no-reference');

const generated = timed(() => generate({ plots: plotCount, zones: zoneCount, seed }));
const plots = JSON.parse(generated.result.plotsText).features as PolygonFeature[];
const zones = JSON.parse(generated.result.zonesText).features as PolygonFeature[];
console.log(
  `${plots.length} plots, ${zones.length} zones (seed ${seed}), generated in ${generated.ms.toFixed(0)} ms`,
);

const zoneStats: OverlapStats = { candidates: 0, clipped: 0 };
const ours = timed(() => findOverlaps(plots, zones, { stats: zoneStats }));
const reference = withReference ? timed(() => referenceOverlaps(plots, zones)) : undefined;
report('plots × zones', ours, zoneStats, reference);

const selfStats: OverlapStats = { candidates: 0, clipped: 0 };
const oursSelf = timed(() => findOverlaps(plots, undefined, { stats: selfStats }));
const referenceSelf = withReference ? timed(() => referenceOverlaps(plots)) : undefined;
report('plots × plots', oursSelf, selfStats, referenceSelf);
