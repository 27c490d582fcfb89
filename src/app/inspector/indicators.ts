// The figures that make a plot low-efficiency, against the identification rules in force (set by an
// administrator, src/domain/rules.ts; the defaults until the server's arrive): each rule the plot can
// be judged on with its figure, its bar and whether it fails it, whether the plot's recorded reasons
// cite it, and whether its status disagrees with the rules.
import type { LowEfficiencyReason } from '../../domain/layers.ts';
import { evaluateRules, type IdentificationRules, type RuleKey, ruleFigures } from '../../domain/rules.ts';

export interface Indicator {
  key: RuleKey;
  value: number;
  /** The bar: a minimum, or for `idle` the most years allowed. */
  threshold: number;
  /** The land-use class whose bar applied (FAR and density). */
  landUseClass?: string;
  /** True when the plot fails the rule. */
  below: boolean;
  /** True when the plot's recorded reasons name this rule. */
  cited: boolean;
}

export interface PlotIndicators {
  measured: Indicator[];
  /** Reasons no rule judges here (stopped, overdue, eliminated industry, or a rule without the figure). */
  otherReasons: string[];
  /** The status disagrees with the rules (in the campaign but failing none, or completed but failing one). */
  disagrees: boolean;
}

/** The reason a failed rule corresponds to, where the data model has one. */
const RULE_REASON: Partial<Record<RuleKey, LowEfficiencyReason>> = {
  far: 'low-far',
  buildingDensity: 'low-density',
  taxPerMu: 'low-tax',
  idle: 'idle',
};

/** The plot's figures against the rules in force, and the reasons that carry no figure. */
export function plotIndicators(
  properties: Record<string, unknown>,
  rules: IdentificationRules,
  today: string,
): PlotIndicators {
  const reasons = Array.isArray(properties.reasons) ? properties.reasons.map(String) : [];
  const measured: Indicator[] = ruleFigures(properties, rules, today).map((figure) => {
    const reason = RULE_REASON[figure.rule];
    return {
      key: figure.rule,
      value: figure.value,
      threshold: figure.bar,
      ...(figure.landUseClass !== undefined ? { landUseClass: figure.landUseClass } : {}),
      below: figure.fails,
      cited: reason !== undefined && reasons.includes(reason),
    };
  });
  const judgedReasons = new Set<string>(measured.flatMap((each) => RULE_REASON[each.key] ?? []));
  return {
    measured,
    otherReasons: reasons.filter((reason) => !judgedReasons.has(reason)),
    disagrees: evaluateRules(properties, rules, today).disagrees,
  };
}
