// `atlas share FILE [--json] [--target 0.8] [--parks PARKS] [--by year|park|town]`: the share of new
// construction land going to manufacturing (src/geo/share.ts; PRODUCT.md's rule: manufacturing ÷ (total −
// infrastructure)), overall or broken down. --json prints one line overall, or one line per group with
// --by (the group's key first); otherwise a table.
import type { Lang } from '../../domain/i18n.ts';
import { DEFAULT_SHARE_RULE } from '../../domain/landuse.ts';
import { type ShareTotals, shareOfNewLand } from '../../geo/share.ts';
import { parseArgs } from '../args.ts';
import { type AnyFeature, featuresOf } from '../features.ts';
import { checkFile, EXIT_INVALID, EXIT_OK, type Output, printProblems, UsageError } from '../io.ts';
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

/** Reads and validates a file into its features; null (problems printed) when it is invalid. */
function readLayer(file: string, layer: Parameters<typeof checkFile>[1], lang: Lang, output: Output) {
  const report = checkFile(file, layer);
  printProblems(file, report, lang, output);
  return report.ok && report.geojson ? featuresOf(report.geojson) : null;
}

export function runShare(args: readonly string[], output: Output): number {
  const options = parseArgs(args, ['lang', 'layer', 'json', 'target', 'parks', 'by']);
  if (options.files.length !== 1)
    throw new UsageError('share needs exactly one FILE', 'share 需要恰好一个文件');
  const target = targetOption(options.values.target);
  const parksFile = options.values.parks;
  const by = breakdownOption(options.values.by, parksFile);
  const file = options.files[0] as string;
  const newland = readLayer(file, options.layer, options.lang, output);
  // The parks file is named by the user for what it is: its layer follows its own name, not --layer.
  const parks = parksFile === undefined ? undefined : readLayer(parksFile, undefined, options.lang, output);
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
