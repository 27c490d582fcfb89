// `atlas area FILE [--json]`: validate, then the ellipsoidal area of each feature in input order.
// A bare geometry or a lone Feature counts as one feature with index 0; non-polygons have area 0.
import type { GeoJSON } from 'geojson';
import { featureIdValue } from '../../domain/feature-id.ts';
import { areaFigures, formatHa, formatM2, formatMu } from '../../domain/units.ts';
import { geometryAreaM2 } from '../../geo/area.ts';
import { parseArgs } from '../args.ts';
import { type FeatureId, featuresOf, idText } from '../features.ts';
import {
  checkFile,
  EXIT_INVALID,
  EXIT_OK,
  type Output,
  printProblems,
  readChoices,
  UsageError,
} from '../io.ts';

export interface FeatureArea {
  index: number;
  id: FeatureId;
  m2: number;
  mu: number;
  ha: number;
}

export function featureAreas(geojson: GeoJSON): FeatureArea[] {
  return featuresOf(geojson).map((feature, index) => ({
    index,
    id: featureIdValue(feature),
    ...areaFigures(geometryAreaM2(feature.geometry)),
  }));
}

export function runArea(args: readonly string[], output: Output): number {
  const options = parseArgs(args, ['lang', 'layer', 'json', 'from', 'encoding']);
  if (options.files.length !== 1)
    throw new UsageError('area needs exactly one FILE', 'area 需要恰好一个文件');
  const file = options.files[0] as string;
  const report = checkFile(file, options.layer ?? null, readChoices(options.values));
  printProblems(file, report, options.lang, output);
  if (!report.ok || !report.geojson) return EXIT_INVALID;
  for (const area of featureAreas(report.geojson)) {
    if (options.json) {
      output.out(JSON.stringify({ index: area.index, id: area.id, m2: area.m2, mu: area.mu, ha: area.ha }));
    } else {
      output.out(
        `${area.index} ${idText(area.id)} ${formatMu(area.m2)} ${formatHa(area.m2, 'zh')} ${formatM2(area.m2)}`,
      );
    }
  }
  return EXIT_OK;
}
