import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, evaluateRules, identificationRules } from '../../src/domain/rules.ts';

const TODAY = '2026-12-01';
// HS-DX-0001 of the sample: FAR 0.56, density 20%, tax 3.97 万元/亩, class-3 industry, 整治中.
const PLOT = {
  id: 'HS-DX-0001',
  landUse: '100103',
  far: 0.56,
  buildingDensity: 0.2,
  taxPerMu: 3.97,
  outputPerMu: 41.5,
  status: 'rectifying',
};

describe('identification rules', () => {
  it('names each rule a plot fails with its figure and the bar (FAR and density by the 1001 class)', () => {
    const verdict = evaluateRules(PLOT, DEFAULT_RULES, TODAY);
    expect(verdict.failures).toEqual([
      { rule: 'far', value: 0.56, bar: 1, landUseClass: '1001' },
      { rule: 'buildingDensity', value: 0.2, bar: 0.3, landUseClass: '1001' },
      { rule: 'taxPerMu', value: 3.97, bar: 5.5 },
    ]);
    expect(verdict.judged).toEqual(['far', 'buildingDensity', 'taxPerMu']);
    expect(verdict.disagrees).toBe(false);
  });
  it('the longest class prefix wins, and a class without a bar is not judged', () => {
    const rules = { ...DEFAULT_RULES, farMin: { '1001': 1.0, '100103': 0.5 } };
    expect(evaluateRules(PLOT, rules, TODAY).failures.map((failure) => failure.rule)).not.toContain('far');
    const housing = evaluateRules({ ...PLOT, landUse: '0701' }, DEFAULT_RULES, TODAY);
    expect(housing.judged).toEqual(['taxPerMu']);
  });
  it('idle one full year fails; eleven months does not', () => {
    expect(evaluateRules({ idleSince: '2025-12-01' }, DEFAULT_RULES, TODAY).failures).toEqual([
      { rule: 'idle', value: 1, bar: 1 },
    ]);
    expect(evaluateRules({ idleSince: '2026-01-01' }, DEFAULT_RULES, TODAY).failures).toEqual([]);
  });
  it('the status disagrees: a campaign plot passing every rule, a completed plot still failing one', () => {
    const passing = { ...PLOT, far: 1.4, buildingDensity: 0.45, taxPerMu: 8 };
    expect(evaluateRules(passing, DEFAULT_RULES, TODAY).disagrees).toBe(true);
    expect(evaluateRules({ ...passing, status: 'completed' }, DEFAULT_RULES, TODAY).disagrees).toBe(false);
    expect(evaluateRules({ ...PLOT, status: 'completed' }, DEFAULT_RULES, TODAY).disagrees).toBe(true);
    expect(evaluateRules({ status: 'identified' }, DEFAULT_RULES, TODAY).disagrees).toBe(false);
  });
  it('refuses rules with a negative bar or a prefix that is not a code', () => {
    expect(identificationRules.safeParse({ ...DEFAULT_RULES, taxPerMuMin: -1 }).success).toBe(false);
    expect(identificationRules.safeParse({ ...DEFAULT_RULES, farMin: { industry: 1 } }).success).toBe(false);
    expect(identificationRules.safeParse(DEFAULT_RULES).success).toBe(true);
  });
});
