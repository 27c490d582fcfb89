// Benchmark of the overlap engine on coincident polygons (issue 8, item 10): one layer of 41 copies of
// the Heshan outline (1 767 vertices; 820 pairs, each pair the same polygon twice), against the same
// outline in 41 slightly shifted copies (820 ordinary overlapping pairs), in the same run. Goal:
// coincident pairs cost no more than ordinary ones (they cost 40 ms a pair before).
//   npx tsx bench/overlap-coincident.ts
import type { Feature, Geometry, Polygon } from 'geojson';
import { findOverlaps } from '../src/geo/overlap.ts';
import { copiesOfOutline, heshanOutline } from './support/outline-copies.ts';

const outline = heshanOutline();
const identical = copiesOfOutline(41, outline);
const shifted: Feature<Geometry>[] = identical.map((feature, i) => ({
  ...feature,
  geometry: {
    type: 'Polygon',
    coordinates: outline.coordinates.map((ring) =>
      ring.map(([x, y]) => [(x as number) + i * 0.00037, (y as number) + i * 0.00021]),
    ),
  } satisfies Polygon,
}));

function time(layer: Feature<Geometry>[]): { ms: number; pairs: number } {
  let fastest = Number.POSITIVE_INFINITY;
  let pairs = 0;
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    pairs = findOverlaps(layer).length;
    fastest = Math.min(fastest, performance.now() - started);
  }
  return { ms: fastest, pairs };
}

const same = time(identical);
const moved = time(shifted);
const perPair = (r: { ms: number; pairs: number }) => r.ms / r.pairs;
console.log(
  `41 identical outlines: ${same.pairs} pairs in ${same.ms.toFixed(0)} ms (${perPair(same).toFixed(2)} ms a pair)`,
);
console.log(
  `41 shifted outlines:   ${moved.pairs} pairs in ${moved.ms.toFixed(0)} ms (${perPair(moved).toFixed(2)} ms a pair)`,
);
console.log(
  `coincident / ordinary per pair: ${(perPair(same) / perPair(moved)).toFixed(2)} (goal ≤ 1; 40 ms a pair before)`,
);
if (same.pairs !== 820 || moved.pairs !== 820) {
  console.error('expected 820 pairs in each layer');
  process.exitCode = 1;
}
