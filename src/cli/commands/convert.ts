// `atlas convert FILE [--from EPSG:N] [--encoding gbk|utf-8] --to geojson|shp|kml|csv|txt [-o OUT]
// [--zone EPSG:N] [--to-encoding utf-8|gbk]`: a file in any format src/formats reads, checked as GeoJSON
// in longitude/latitude (geometry only: no layer's schema), written in another. GeoJSON goes to standard
// output unless -o names a file: an RFC 7946 FeatureCollection in longitude/latitude, the attributes as
// the source named them (decoded), the features in source order. The other formats need -o. Problems
// are printed as `check` prints them (file, feature, what to do) and stop the conversion: exit 1.
import { writeFileSync } from 'node:fs';
import type { Feature } from 'geojson';
import { crsFromCode } from '../../formats/crs.ts';
import { FormatError, writeLayerFile } from '../../formats/index.ts';
import type { WriteFormat } from '../../formats/types.ts';
import { parseArgs } from '../args.ts';
import { featuresOf } from '../features.ts';
import {
  checkFile,
  EXIT_INVALID,
  EXIT_OK,
  formatErrorProblem,
  type Output,
  printProblems,
  readChoices,
  UsageError,
} from '../io.ts';

const FORMATS: readonly WriteFormat[] = ['geojson', 'shp', 'kml', 'csv', 'txt'];

/** The base name for the layer inside a zip and the TXT: the output file's name without its extension. */
function baseName(path: string): string {
  const name = path.split(/[\\/]/).pop() ?? 'layer';
  const dot = name.lastIndexOf('.');
  return (dot > 0 ? name.slice(0, dot) : name) || 'layer';
}

export function runConvert(args: readonly string[], output: Output): number {
  const options = parseArgs(args, ['lang', 'from', 'encoding', 'to', '-o', 'zone', 'to-encoding']);
  if (options.files.length !== 1)
    throw new UsageError('convert needs exactly one FILE', 'convert 需要恰好一个文件');
  const to = options.values.to;
  if (to === undefined)
    throw new UsageError(`convert needs --to ${FORMATS.join('|')}`, `convert 需要 --to ${FORMATS.join('|')}`);
  if (!(FORMATS as readonly string[]).includes(to))
    throw new UsageError(
      `--to must be one of ${FORMATS.join(', ')}, not ${to}`,
      `--to 须为 ${FORMATS.join('、')} 之一，而不是 ${to}`,
    );
  const target = options.values['-o'];
  if (target === undefined && to !== 'geojson')
    throw new UsageError(
      `--to ${to} needs -o OUT (only GeoJSON goes to standard output)`,
      `--to ${to} 需要 -o 输出文件（只有 GeoJSON 输出到标准输出）`,
    );
  const zone = options.values.zone;
  if (zone !== undefined) {
    const verdict = crsFromCode(zone);
    if (!verdict.ok)
      throw new UsageError(`--zone ${zone}: ${verdict.reason.en}`, `--zone ${zone}：${verdict.reason.zh}`);
  }
  const toEncoding = options.values['to-encoding'];
  if (toEncoding !== undefined && toEncoding !== 'utf-8' && toEncoding !== 'gbk')
    throw new UsageError(
      `--to-encoding must be utf-8 or gbk, not ${toEncoding}`,
      `--to-encoding 须为 utf-8 或 gbk，而不是 ${toEncoding}`,
    );
  const file = options.files[0] as string;
  const report = checkFile(file, null, readChoices(options.values));
  printProblems(file, report, options.lang, output);
  if (!report.ok || !report.geojson) return EXIT_INVALID;
  const features = featuresOf(report.geojson) as Feature[];
  let written: ReturnType<typeof writeLayerFile>;
  try {
    written = writeLayerFile(features, to as WriteFormat, {
      name: target === undefined ? baseName(file) : baseName(target),
      ...(zone !== undefined ? { crs: zone } : {}),
      ...(toEncoding !== undefined ? { encoding: toEncoding } : {}),
    });
  } catch (error) {
    if (!(error instanceof FormatError)) throw error;
    printProblems(
      file,
      { ok: false, geojson: null, problems: [formatErrorProblem(error)] },
      options.lang,
      output,
    );
    return EXIT_INVALID;
  }
  for (const warning of written.warnings)
    output.err(
      `${target ?? '-'}: ${options.lang === 'zh' ? '警告：' : 'warning: '}${warning.message[options.lang]}`,
    );
  if (target === undefined) {
    output.out(new TextDecoder().decode(written.bytes).replace(/\n$/, ''));
    return EXIT_OK;
  }
  writeFileSync(target, written.bytes);
  output.err(
    options.lang === 'zh'
      ? `已写出 ${target}（${features.length} 个要素）。`
      : `wrote ${target} (${features.length} feature${features.length === 1 ? '' : 's'}).`,
  );
  return EXIT_OK;
}
