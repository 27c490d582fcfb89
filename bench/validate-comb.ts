// Benchmark of validation against shapes made to be slow (issue 8, item 5): comb-shaped polygons of
// 40 000 and 400 000 vertices whose teeth all span the same longitudes (bench/support/comb.ts), valid
// and with one tooth twisted, through the whole validator as the server and the CLI call it
// (validateGeoJsonText). The reference, on the same data in the same run, is the former quadratic
// self-intersection search (bench/support/quadratic-kinks.ts), run on the 40 000-vertex combs only: on
// 400 000 it would take about a hundred times as long. Goals: 40 000 ≤ 1 s, 400 000 ≤ 10 s.
//   npx tsx bench/validate-comb.ts

import { analyseRings } from '../src/geo/kinks.ts';
import { validateGeoJsonText } from '../src/geo/validate.ts';
import { combGeoJsonText, combRing } from './support/comb.ts';
import { quadraticRingContacts } from './support/quadratic-kinks.ts';

function best(runs: number, work: () => void): number {
  let fastest = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    work();
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

const GOALS_MS: Record<number, number> = { 40000: 1_000, 400000: 10_000 };
let failed = false;
console.log('comb                     validate (best of 3)  ring search  reference (quadratic)  ratio');
for (const vertices of [40_000, 400_000]) {
  for (const crossed of [false, true]) {
    const text = combGeoJsonText(vertices, crossed);
    const { ring } = combRing(vertices, crossed);
    let ok = false;
    const validateMs = best(3, () => {
      ok = validateGeoJsonText(text, { fileName: 'comb.geojson' }).ok;
    });
    if (ok === crossed) throw new Error(`the ${crossed ? 'crossed' : 'valid'} comb was judged wrongly`);
    const searchMs = best(3, () => analyseRings([ring], 3));
    let reference = 'not run';
    let ratio = '';
    if (vertices <= 40_000) {
      const started = performance.now();
      const contacts = quadraticRingContacts([ring], 3);
      const referenceMs = performance.now() - started;
      const ours = analyseRings([ring], 3).contacts;
      if (JSON.stringify(contacts) !== JSON.stringify(ours)) throw new Error('the reference disagrees');
      reference = `${referenceMs.toFixed(0)} ms`;
      ratio = `${(referenceMs / searchMs).toFixed(0)}× faster`;
    }
    const goal = GOALS_MS[vertices] as number;
    if (validateMs > goal) failed = true;
    const name = `${vertices.toLocaleString('en')} ${crossed ? 'one crossing' : 'valid'}`;
    console.log(
      `${name.padEnd(25)}${`${validateMs.toFixed(0)} ms`.padStart(9)} (goal ${goal} ms)${`${searchMs.toFixed(0)} ms`.padStart(13)}${reference.padStart(23)}  ${ratio}`,
    );
    console.log(`${''.padEnd(25)}file ${(text.length / 1024).toFixed(0)} KB`);
  }
}
if (failed) {
  console.error('a comb took longer than its goal');
  process.exitCode = 1;
}
