// `atlas overlap A [B] [--json]`: validate, then every pair of features sharing a positive area, sorted by
// A's index then B's, with that area (the overlap engine of src/geo/overlap.ts: touching is no overlap;
// points and lines take part in no pair). With one file, the pairs i < j within it.

import { featureIdValue } from '../../domain/feature-id.ts';
import { formatM2, formatMu } from '../../domain/units.ts';
import { findOverlaps } from '../../geo/overlap.ts';
import { parseArgs } from '../args.ts';
import { type AnyFeature, featuresOf, idText } from '../features.ts';
import {
  checkFile,
  EXIT_INVALID,
  EXIT_OK,
  type Output,
  printProblems,
  readChoices,
  UsageError,
} from '../io.ts';

export function runOverlap(args: readonly string[], output: Output): number {
  const options = parseArgs(args, ['lang', 'layer', 'json', 'from', 'encoding']);
  if (options.files.length < 1 || options.files.length > 2) {
    throw new UsageError('overlap needs one FILE or two (A B)', 'overlap 需要一个或两个文件（A B）');
  }
  // Every file is checked before giving up, so one run shows all that is wrong.
  const layers: AnyFeature[][] = [];
  let invalid = false;
  for (const file of options.files) {
    const report = checkFile(file, options.layer ?? null, readChoices(options.values));
    printProblems(file, report, options.lang, output);
    if (!report.ok || !report.geojson) invalid = true;
    else layers.push(featuresOf(report.geojson));
  }
  if (invalid) return EXIT_INVALID;
  const [layerA, layerB] = layers as [AnyFeature[], AnyFeature[] | undefined];
  const other = layerB ?? layerA;
  const pairs = findOverlaps(layerA, layerB);
  for (const { a, b, m2 } of pairs) {
    const aId = featureIdValue(layerA[a] as AnyFeature);
    const bId = featureIdValue(other[b] as AnyFeature);
    if (options.json) output.out(JSON.stringify({ a, b, aId, bId, m2 }));
    else output.out(`${a} ${idText(aId)} × ${b} ${idText(bId)} ${formatMu(m2)} (${formatM2(m2)})`);
  }
  if (!options.json) {
    const count = pairs.length;
    output.err(
      options.lang === 'zh' ? `共 ${count} 对重叠。` : `${count} overlapping pair${count === 1 ? '' : 's'}.`,
    );
  }
  return EXIT_OK;
}
