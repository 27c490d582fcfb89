// The figures that make a plot low-efficiency, against the bars PRODUCT.md names: FAR against a 1.0
// minimum, building density against 30%, tax per mu against the 5.5 万元/亩 post-rectification target.
import type { LowEfficiencyReason } from '../../domain/layers.ts';

const FAR_MINIMUM = 1.0;
const DENSITY_MINIMUM = 0.3;
const TAX_PER_MU_BAR = 5.5;

export type IndicatorKey = 'far' | 'buildingDensity' | 'taxPerMu';

export interface Indicator {
  key: IndicatorKey;
  reason: LowEfficiencyReason;
  value: number;
  threshold: number;
  /** True when the figure is under its bar. */
  below: boolean;
  /** True when the plot's recorded reasons name this indicator. */
  cited: boolean;
}

export interface PlotIndicators {
  measured: Indicator[];
  /** Reasons without a figure here (idle, stopped, overdue, eliminated industry). */
  otherReasons: string[];
}

const MEASURED: { key: IndicatorKey; reason: LowEfficiencyReason; threshold: number }[] = [
  { key: 'far', reason: 'low-far', threshold: FAR_MINIMUM },
  { key: 'buildingDensity', reason: 'low-density', threshold: DENSITY_MINIMUM },
  { key: 'taxPerMu', reason: 'low-tax', threshold: TAX_PER_MU_BAR },
];

/** The plot's measured indicators against their bars, and the reasons that carry no figure. */
export function plotIndicators(properties: Record<string, unknown>): PlotIndicators {
  const reasons = Array.isArray(properties.reasons) ? properties.reasons.map(String) : [];
  const measured: Indicator[] = [];
  for (const { key, reason, threshold } of MEASURED) {
    const value = properties[key];
    if (typeof value !== 'number' || !Number.isFinite(value)) continue;
    measured.push({
      key,
      reason,
      value,
      threshold,
      below: value < threshold,
      cited: reasons.includes(reason),
    });
  }
  const measuredReasons = new Set<string>(MEASURED.map((entry) => entry.reason));
  return { measured, otherReasons: reasons.filter((reason) => !measuredReasons.has(reason)) };
}
