import { describe, expect, it } from 'vitest';
import { bracketed, formatArea, formatValue, labelled } from '../../src/app/i18n/format.ts';
import { plotIndicators } from '../../src/app/inspector/indicators.ts';
import { DEFAULT_RULES, yearsSince } from '../../src/domain/rules.ts';

describe('formatValue', () => {
  it('writes money in 亿元, per-mu figures in 万元/亩 and density as a percentage', () => {
    expect(formatValue('investmentPlanned', 12.5, 'zh')).toBe('12.50 亿元');
    expect(formatValue('taxPerMu', 3.2, 'zh')).toBe('3.20 万元/亩');
    expect(formatValue('buildingDensity', 0.254, 'zh')).toBe('25.4%');
    expect(formatValue('far', 0.8, 'zh')).toBe('0.80');
  });

  it('labels vocabulary values and joins arrays', () => {
    expect(formatValue('status', 'rectifying', 'zh')).toBe('整治中');
    expect(formatValue('stage', 'listed', 'en')).toBe('Listed');
    expect(formatValue('reasons', ['low-far', 'idle'], 'zh')).toBe('容积率低、闲置');
    expect(formatValue('reasons', ['low-far', 'idle'], 'en')).toBe('Low floor-area ratio, Idle');
    expect(formatValue('leadIndustries', ['新材料', '电子信息'], 'zh')).toBe('新材料、电子信息');
  });

  it('names land-use codes and writes dates YYYY-MM-DD', () => {
    expect(formatValue('landUse', '100102', 'zh')).toBe('100102 二类工业用地');
    expect(formatValue('deadline', '2026-11-28', 'zh')).toBe('2026-11-28');
    expect(formatValue('signedOn', '2026-11-28T08:00:00Z', 'zh')).toBe('2026-11-28');
  });

  it('shows missing values as a dash, years without separators', () => {
    expect(formatValue('deadline', null, 'zh')).toBe('—');
    expect(formatValue('reasons', [], 'zh')).toBe('—');
    expect(formatValue('year', 2024, 'zh')).toBe('2024');
  });

  it('renders markup as the text it is', () => {
    expect(formatValue('enterprise', '<img src=x onerror=alert(1)>', 'zh')).toBe(
      '<img src=x onerror=alert(1)>',
    );
  });
});

describe('formatArea', () => {
  it('gives 亩 with thousands separators, then 公顷 and m²', () => {
    const area = formatArea(8_230_451, 'zh');
    expect(area.mu).toBe('12,345.68 亩');
    expect(area.ha).toBe('823.0451 公顷');
    expect(area.m2).toBe('8,230,451.00 m²');
    expect(formatArea(10_000, 'en').mu).toBe('15.00 mu');
  });
});

describe('plotIndicators', () => {
  const plot = {
    landUse: '100101',
    far: 0.6,
    buildingDensity: 0.35,
    taxPerMu: 2.1,
    status: 'identified',
    reasons: ['low-far', 'low-tax', 'idle'],
  };

  it('compares with the default rules: FAR 1.0 and density 30% for class 1001, tax per mu 5.5', () => {
    const { measured, otherReasons, disagrees } = plotIndicators(plot, DEFAULT_RULES, '2026-12-01');
    expect(measured.map((i) => [i.key, i.below, i.cited, i.threshold, i.landUseClass])).toEqual([
      ['far', true, true, 1, '1001'],
      ['buildingDensity', false, false, 0.3, '1001'],
      ['taxPerMu', true, true, 5.5, undefined],
    ]);
    expect(otherReasons).toEqual(['idle']);
    expect(disagrees).toBe(false);
  });

  it('follows the rules in force: a lower FAR bar passes the plot; an idle date is judged in years', () => {
    const rules = { ...DEFAULT_RULES, farMin: { '10': 0.5 }, taxPerMuMin: null };
    const idle = { ...plot, idleSince: '2025-06-01' };
    const { measured, otherReasons, disagrees } = plotIndicators(idle, rules, '2026-12-01');
    expect(measured.map((i) => [i.key, i.below, i.threshold])).toEqual([
      ['far', false, 0.5],
      ['buildingDensity', false, 0.3],
      ['idle', true, 1],
    ]);
    expect(measured[2]?.value).toBe(1.5);
    expect(yearsSince('2025-06-01', '2026-12-01')).toBe(1.5);
    expect(otherReasons).toEqual(['low-tax']);
    expect(disagrees).toBe(false);
    const { disagrees: passesAll } = plotIndicators(
      { ...plot, far: 1.5, taxPerMu: 9 },
      DEFAULT_RULES,
      '2026-12-01',
    );
    expect(passesAll).toBe(true);
  });

  it('skips figures that are missing', () => {
    expect(plotIndicators({ reasons: 'not a list' }, DEFAULT_RULES, '2026-12-01').measured).toEqual([]);
  });
});

describe('English figures and punctuation', () => {
  it('writes 万元/亩 and 亿元 as yuan, with English punctuation', () => {
    expect(formatValue('taxPerMu', 1.56, 'en')).toBe('15,600 yuan/mu');
    expect(formatValue('investmentPlanned', 12.5, 'en')).toBe('1,250 million yuan');
    expect(labelled('en', 'Zoom to', 'Zone 1')).toBe('Zoom to: Zone 1');
    expect(labelled('zh', '缩放至', '区域 1')).toBe('缩放至：区域 1');
    expect(bracketed('en', 'unsaved')).toBe(' (unsaved)');
    expect(bracketed('zh', '未保存')).toBe('（未保存）');
  });
});
