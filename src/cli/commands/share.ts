// `atlas share FILE [--json] [--target 0.8] [--parks PARKS] [--by year|park|town]`: the share of new
// construction land going to manufacturing (src/geo/share.ts; PRODUCT.md's rule: manufacturing ÷ (total −
// infrastructure)), overall or broken down. --json prints one line overall, or one line per group with
// --by (the group's key first); otherwise a table.

import { featureIdValue } from '../../domain/feature-id.ts';
import type { Lang } from '../../domain/i18n.ts';
import { DEFAULT_SHARE_RULE } from '../../domain/landuse.ts';
import { PROBLEM_CODES, type Problem } from '../../geo/problems.ts';
import { type ShareTotals, shareOfNewLand } from '../../geo/share.ts';
import { parseArgs } from '../args.ts';
import { type AnyFeature, featuresOf } from '../features.ts';
import {
  checkFile,
  EXIT_INVALID,
  EXIT_OK,
  type Output,
  printProblems,
  type ReadChoices,
  readChoices,
  UsageError,
} from '../io.ts';
import { BREAKDOWNS, type Breakdown, groupsOf, shareTable } from './share-table.ts';

function targetOption(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SHARE_RULE.target;
  const target = Number(value);
  if (value.trim() === '' || !Number.isFinite(target) || target <= 0 || target > 1) {
    throw new UsageError(
      `--target must be a fraction above 0 and at most 1 (e.g. 0.8 for 80%), not ${value}`,
      `--target 须为大于 0、不超过 1 的小数（如 0.8 表示 80%），而不是 ${value}`,
    );
  }
  return target;
}

function breakdownOption(value: string | undefined, parks: string | undefined): Breakdown | undefined {
  if (value === undefined) return undefined;
  if (!(BREAKDOWNS as readonly string[]).includes(value)) {
    throw new UsageError(
      `--by must be one of ${BREAKDOWNS.join(', ')}, not ${value}`,
      `--by 须为 ${BREAKDOWNS.join('、')} 之一，而不是 ${value}`,
    );
  }
  if (value === 'park' && parks === undefined) {
    throw new UsageError('--by park needs --parks PARKS.geojson', '--by park 需要 --parks 园区文件');
  }
  return value as Breakdown;
}

/** The report's figures with exactly the keys, in the order, that --json promises. */
function totalsJson(totals: ShareTotals): ShareTotals {
  const { totalM2, manufacturingM2, infrastructureM2, otherM2, share, target, meetsTarget } = totals;
  return { totalM2, manufacturingM2, infrastructureM2, otherM2, share, target, meetsTarget };
}

/** At most this many features without a land-use code are named; a count follows. */
const MAX_NAMED = 5;

/**
 * The share needs each parcel's land-use code and nothing else of a schema (unless --layer asks for
 * one): a polygon without a text `landUse` is an error naming it.
 */
function landUseProblems(features: readonly AnyFeature[]): Problem[] {
  const missing = features
    .map((feature, index) => ({ feature, index }))
    .filter(({ feature }) => {
      const type = feature.geometry?.type;
      const code = feature.properties?.landUse;
      return (
        (type === 'Polygon' || type === 'MultiPolygon') && (typeof code !== 'string' || code.trim() === '')
      );
    });
  const problems: Problem[] = missing.slice(0, MAX_NAMED).map(({ feature, index }) => ({
    severity: 'error',
    code: PROBLEM_CODES.propertySchema,
    message: {
      zh: '缺少用地用海分类代码 landUse（如 1001 工业用地）；占比计算需要每个地块的代码。请在 GIS 软件中添加此字段，或用 atlas convert 后改名。',
      en: 'the land-use code landUse (such as 1001, industrial) is missing; the share needs each parcel’s code. Add the field in the GIS software, or rename it after atlas convert.',
    },
    featureIndex: index,
    featureId: featureIdValue(feature),
    line: null,
  }));
  if (missing.length > MAX_NAMED)
    problems.push({
      severity: 'error',
      code: PROBLEM_CODES.moreProblems,
      message: {
        zh: `还有 ${missing.length - MAX_NAMED} 个地块缺少 landUse。`,
        en: `${missing.length - MAX_NAMED} more parcels lack landUse.`,
      },
      featureIndex: null,
      featureId: null,
      line: null,
    });
  return problems;
}

/** Reads and validates a file into its features; null (problems printed) when it is invalid. */
function readLayer(
  file: string,
  layer: Parameters<typeof checkFile>[1],
  lang: Lang,
  output: Output,
  choices: ReadChoices,
  needsLandUse: boolean,
) {
  const report = checkFile(file, layer, choices);
  if (report.ok && report.geojson && needsLandUse) {
    const problems = landUseProblems(featuresOf(report.geojson));
    if (problems.length > 0) {
      printProblems(
        file,
        { ok: false, geojson: null, problems: [...report.problems, ...problems] },
        lang,
        output,
      );
      return null;
    }
  }
  printProblems(file, report, lang, output);
  return report.ok && report.geojson ? featuresOf(report.geojson) : null;
}

export function runShare(args: readonly string[], output: Output): number {
  const options = parseArgs(args, ['lang', 'layer', 'json', 'target', 'parks', 'by', 'from', 'encoding']);
  if (options.files.length !== 1)
    throw new UsageError('share needs exactly one FILE', 'share 需要恰好一个文件');
  const target = targetOption(options.values.target);
  const parksFile = options.values.parks;
  const by = breakdownOption(options.values.by, parksFile);
  const file = options.files[0] as string;
  const choices = readChoices(options.values);
  // Only what the share needs is checked — geometry and landUse — unless --layer asks for a schema.
  const newland = readLayer(
    file,
    options.layer ?? null,
    options.lang,
    output,
    choices,
    options.layer === undefined,
  );
  // The parks need only their outlines (and ids to name them); read in the same system and encoding.
  const parks =
    parksFile === undefined ? undefined : readLayer(parksFile, null, options.lang, output, choices, false);
  if (!newland || parks === null) return EXIT_INVALID;
  const report = shareOfNewLand(newland, {
    rule: { ...DEFAULT_SHARE_RULE, target },
    ...(parks ? { parks: parks as AnyFeature[] } : {}),
  });
  if (options.json) {
    if (by === undefined) output.out(JSON.stringify(totalsJson(report.overall)));
    else {
      for (const group of groupsOf(report, by)) {
        output.out(JSON.stringify({ group: group.key, ...totalsJson(group) }));
      }
    }
  } else {
    for (const line of shareTable(report, by, options.lang)) output.out(line);
  }
  return EXIT_OK;
}
