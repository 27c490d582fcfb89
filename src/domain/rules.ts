// Rules that identify low-efficiency industrial plots (低效工业用地认定标准), set by an administrator and
// kept on the server with their history: minimum floor-area ratio and building density by land-use
// class, minimum tax and output per 亩, and the years a plot may stand idle. Pure: a plot's properties,
// the rules and today in; the rules it fails, with its figure and the bar, out.
//
// A bar by land-use class is keyed by a code prefix; the longest prefix that starts the plot's landUse
// wins (`100103` uses a bar for `100103`, else `1001`, else `10`). A plot whose class has no bar, or that
// lacks the figure, is not judged on that rule (it neither fails nor passes it). A rule set to null is off.
import { z } from 'zod';
import { daysBetween, isIsoDate } from './dates.ts';

const bar = z.number().finite().nonnegative();
const barsByClass = z.record(
  z.string().regex(/^\d{2}(\d{2}){0,2}$/, 'must be a land-use code prefix of 2, 4 or 6 digits'),
  bar,
);

export const identificationRules = z.strictObject({
  /** Minimum 容积率 by land-use class. */
  farMin: barsByClass,
  /** Minimum 建筑密度 (0–1) by land-use class. */
  buildingDensityMin: barsByClass,
  /** Minimum 亩均税收, 万元/亩/年; null: off. */
  taxPerMuMin: bar.nullable(),
  /** Minimum 亩均产值, 万元/亩/年; null: off. */
  outputPerMuMin: bar.nullable(),
  /** A plot idle (`idleSince`) this many years or more fails; null: off. */
  idleYearsMax: bar.nullable(),
});
export type IdentificationRules = z.infer<typeof identificationRules>;

/**
 * Defaults (our choice, from PRODUCT.md): FAR 1.0 for industry (national minimums are mostly 0.6–1.0;
 * 0.8 for logistics), building density 30%, tax 5.5 万元/亩 (the post-rectification target seen in
 * Heshan), output per 亩 off until the bureau sets its bar, idle one full year (闲置土地处置办法).
 */
export const DEFAULT_RULES: IdentificationRules = {
  farMin: { '1001': 1.0, '1101': 0.8 },
  buildingDensityMin: { '1001': 0.3, '1101': 0.3 },
  taxPerMuMin: 5.5,
  outputPerMuMin: null,
  idleYearsMax: 1,
};

export const RULE_KEYS = ['far', 'buildingDensity', 'taxPerMu', 'outputPerMu', 'idle'] as const;
export type RuleKey = (typeof RULE_KEYS)[number];

export interface RuleFailure {
  rule: RuleKey;
  /** The plot's figure (years idle for `idle`). */
  value: number;
  /** The bar it is held to (a minimum; for `idle`, the most years allowed). */
  bar: number;
  /** The class prefix whose bar applied (FAR and density only). */
  landUseClass?: string;
}

export interface RulesVerdict {
  failures: RuleFailure[];
  /** Rules the plot could be judged on (it has the figure and a bar applies). */
  judged: RuleKey[];
  /**
   * The status disagrees with the rules: a plot in the campaign (not 已完成) that fails no rule it was
   * judged on, or a completed plot that still fails one.
   */
  disagrees: boolean;
}

function barFor(bars: Record<string, number>, landUse: unknown): { prefix: string; bar: number } | null {
  if (typeof landUse !== 'string') return null;
  for (let length = landUse.length; length >= 2; length--) {
    const prefix = landUse.slice(0, length);
    const value = bars[prefix];
    if (value !== undefined) return { prefix, bar: value };
  }
  return null;
}

function figure(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Whole years (to 2 decimals) from `since` to `today`, or null without a date. */
export function yearsSince(since: unknown, today: string): number | null {
  if (typeof since !== 'string' || !isIsoDate(since)) return null;
  return Math.round((daysBetween(since, today) / 365.25) * 100) / 100;
}

/** A rule a plot was judged on: its figure, the bar, and whether it fails it. */
export interface RuleFigure extends RuleFailure {
  fails: boolean;
}

/** Every rule a plot can be judged on (it has the figure and a bar applies), with its figure and bar. */
export function ruleFigures(
  properties: Record<string, unknown>,
  rules: IdentificationRules,
  today: string,
): RuleFigure[] {
  const figures: RuleFigure[] = [];
  const byClass = (rule: 'far' | 'buildingDensity', bars: Record<string, number>) => {
    const value = figure(properties[rule]);
    const applied = barFor(bars, properties.landUse);
    if (value === null || applied === null) return;
    figures.push({ rule, value, bar: applied.bar, landUseClass: applied.prefix, fails: value < applied.bar });
  };
  const minimum = (rule: 'taxPerMu' | 'outputPerMu', min: number | null) => {
    const value = figure(properties[rule]);
    if (value === null || min === null) return;
    figures.push({ rule, value, bar: min, fails: value < min });
  };
  byClass('far', rules.farMin);
  byClass('buildingDensity', rules.buildingDensityMin);
  minimum('taxPerMu', rules.taxPerMuMin);
  minimum('outputPerMu', rules.outputPerMuMin);
  const idleYears = yearsSince(properties.idleSince, today);
  if (idleYears !== null && rules.idleYearsMax !== null) {
    figures.push({
      rule: 'idle',
      value: idleYears,
      bar: rules.idleYearsMax,
      fails: idleYears >= rules.idleYearsMax,
    });
  }
  return figures;
}

/** Which rules a plot fails, with its figures and the bars. */
export function evaluateRules(
  properties: Record<string, unknown>,
  rules: IdentificationRules,
  today: string,
): RulesVerdict {
  const figures = ruleFigures(properties, rules, today);
  const failures: RuleFailure[] = figures
    .filter((each) => each.fails)
    .map(({ fails: _fails, ...failure }) => failure);
  const judged = figures.map((each) => each.rule);
  const completed = properties.status === 'completed';
  const disagrees = judged.length > 0 && (completed ? failures.length > 0 : failures.length === 0);
  return { failures, judged, disagrees };
}
