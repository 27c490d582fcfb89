// `atlas area FILE [--json]`: validate, then the ellipsoidal area of each feature in input order.
// A bare geometry or a lone Feature counts as one feature with index 0; non-polygons have area 0.
import type { Feature, GeoJSON, Geometry } from 'geojson';
import { areaFigures, formatHa, formatM2, formatMu } from '../../domain/units.ts';
import { geometryAreaM2 } from '../../geo/area.ts';
import { displayText } from '../../geo/validate.ts';
import { parseArgs } from '../args.ts';
import { checkFile, EXIT_INVALID, EXIT_OK, type Output, printProblems, UsageError } from '../io.ts';

export interface FeatureArea {
  index: number;
  id: string | number | null;
  m2: number;
  mu: number;
  ha: number;
}

function idOf(feature: Feature): string | number | null {
  if (feature.id !== undefined) return feature.id;
  const id = feature.properties?.id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}

export function featureAreas(geojson: GeoJSON): FeatureArea[] {
  const one = (index: number, id: string | number | null, geometry: Geometry | null): FeatureArea => ({
    index,
    id,
    ...areaFigures(geometryAreaM2(geometry)),
  });
  switch (geojson.type) {
    case 'FeatureCollection':
      return geojson.features.map((feature, index) => one(index, idOf(feature), feature.geometry));
    case 'Feature':
      return [one(0, idOf(geojson), geojson.geometry)];
    default:
      return [one(0, null, geojson)];
  }
}

export function runArea(args: readonly string[], output: Output): number {
  const options = parseArgs(args, ['lang', 'layer', 'json']);
  if (options.files.length !== 1) throw new UsageError('area needs exactly one FILE');
  const file = options.files[0] as string;
  const report = checkFile(file, options.layer);
  printProblems(file, report, options.lang, output);
  if (!report.ok || !report.geojson) return EXIT_INVALID;
  for (const area of featureAreas(report.geojson)) {
    if (options.json) {
      output.out(JSON.stringify({ index: area.index, id: area.id, m2: area.m2, mu: area.mu, ha: area.ha }));
    } else {
      const id =
        area.id === null
          ? '-'
          : typeof area.id === 'number'
            ? String(area.id)
            : displayText(area.id).slice(1, -1);
      output.out(`${area.index} ${id} ${formatMu(area.m2)} ${formatHa(area.m2, 'zh')} ${formatM2(area.m2)}`);
    }
  }
  return EXIT_OK;
}
