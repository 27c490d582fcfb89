// Attributes of low-efficiency plots, shared by the sample builder and the generator: figures drawn from
// skewed distributions, then the grade and the reasons derived from them so the two agree.

import type { LowEfficiencyReason, PlotGrade, PlotStatus, RectificationMode } from '../src/domain/layers.ts';
import type { PlotProperties } from '../src/domain/schemas.ts';
import type { Random } from './random.ts';

const TRADE_NAMES = [
  '华达',
  '富盈',
  '金鹏',
  '永昌',
  '兴业',
  '宏发',
  '德信',
  '联盛',
  '恒通',
  '鸿运',
  '骏威',
  '嘉华',
  '粤海',
  '天成',
  '立新',
  '明珠',
  '利源',
  '顺昌',
  '泰丰',
  '新港',
  '志高',
  '银河',
  '汇丰',
  '协和',
  '振兴',
  '荣泰',
  '安达',
  '捷成',
  '锦程',
  '优力',
  '众益',
  '鑫源',
  '广合',
  '万里',
  '创辉',
  '亿和',
  '昊达',
  '盈科',
  '腾龙',
  '嘉铭',
  '力嘉',
  '美雅',
  '宝丰',
  '新锐',
  '东成',
  '华锋',
  '祥和',
  '长荣',
  '海星',
  '伟业',
] as const;

const INDUSTRIES = [
  '五金制品',
  '塑料制品',
  '电子科技',
  '机械设备',
  '金属制品',
  '家具',
  '包装材料',
  '皮革制品',
  '鞋业',
  '卫浴洁具',
  '灯饰',
  '模具',
  '不锈钢制品',
  '电器',
  '建材',
  '纺织',
  '食品',
  '汽车配件',
  '电子',
  '印刷',
] as const;

/** Trades the campaign counts as eliminated or to be phased out (illustrative). */
const ELIMINATED_INDUSTRIES = ['印染', '陶瓷', '小化工', '铸造', '电镀'] as const;

function industryOf(random: Random, eliminated: boolean): string {
  return eliminated ? random.pick(ELIMINATED_INDUSTRIES) : random.pick(INDUSTRIES);
}

/** A plausible company name: 鹤山市华达五金制品有限公司. */
export function enterpriseName(random: Random, eliminated = false): string {
  const prefix = random.chance(0.85) ? '鹤山市' : random.pick(['广东', '江门市']);
  const suffix = random.chance(0.9) ? '有限公司' : '厂';
  return `${prefix}${random.pick(TRADE_NAMES)}${industryOf(random, eliminated)}${suffix}`;
}

/** Local per-mu grading by tax (万元/亩/年), illustrative thresholds. */
export function gradeForTax(taxPerMu: number): PlotGrade {
  if (taxPerMu >= 8) return 'A';
  if (taxPerMu >= 4) return 'B';
  if (taxPerMu >= 1.5) return 'C';
  return 'D';
}

const GRADE_ORDER = ['A', 'B', 'C', 'D'] as const;
const STATUSES: readonly PlotStatus[] = ['identified', 'inspected', 'rectifying', 'completed'];
const STATUS_WEIGHTS = [32, 28, 25, 15];
/** Below this tax per mu (万元/亩/年) a plot counts as low-tax (illustrative local bar). */
export const LOW_TAX_PER_MU = 3;

function round(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Since when an idle plot has stood idle: 8 months to 3 years before 2026-12-01, from its number (no
 * random draw, so the rest of the sample is unchanged) — some under the one-year rule, most over it.
 */
function idleSince(id: string): string {
  const number = Number(id.replace(/\D/g, '')) || 0;
  const day = Date.parse('2026-12-01T00:00:00Z') / 86_400_000 - 240 - ((number * 37) % 860);
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

function modeFor(random: Random, reasons: readonly LowEfficiencyReason[]): RectificationMode {
  if (reasons.includes('eliminated-industry')) return random.pick(['acquisition', 'redevelopment'] as const);
  if (reasons.includes('idle')) return random.pick(['acquisition', 'cooperation', 'acquisition'] as const);
  if (reasons.includes('stopped')) return random.pick(['cooperation', 'acquisition'] as const);
  if (reasons.includes('low-far'))
    return random.pick(['redevelopment', 'self-upgrade', 'self-upgrade'] as const);
  return random.pick(['self-upgrade', 'cooperation'] as const);
}

/** The attributes of one low-efficiency plot `id` in `town`. */
export function plotAttributes(random: Random, id: string, town: string): PlotProperties {
  const eliminated = random.chance(0.06);
  const landUse = random.weighted(['100101', '100102', '100103', '1101'], [40, 36, 17, 7]);
  const far = round(Math.min(1.6, Math.max(0.2, random.logNormal(0.72, 0.38, 0.2, 1.6))), 2);
  const buildingDensity = round(random.between(0.1, 0.6) ** 1.15 + 0.02, 2);
  const taxPerMu = round(random.logNormal(2.6, 0.75, 0.5, 12), 2);
  const outputPerMu = round(taxPerMu * random.between(9, 22), 1);
  let grade = gradeForTax(taxPerMu);
  if (random.chance(0.08)) {
    // Grading weighs more than tax (output, energy, pollution): now and then one class off.
    const index = GRADE_ORDER.indexOf(grade) + (random.chance(0.5) ? 1 : -1);
    grade = GRADE_ORDER[Math.min(3, Math.max(0, index))] ?? grade;
  }
  const reasons: LowEfficiencyReason[] = [];
  if (far < 0.8) reasons.push('low-far');
  if (buildingDensity < 0.3) reasons.push('low-density');
  if (taxPerMu < LOW_TAX_PER_MU) reasons.push('low-tax');
  if (random.chance(0.08)) reasons.push('idle');
  else if (random.chance(0.07)) reasons.push('stopped');
  if (random.chance(0.05)) reasons.push('overdue');
  if (eliminated) reasons.push('eliminated-industry');
  // A plot is on the list for a reason: when the figures give none, it is a late project.
  if (reasons.length === 0) reasons.push('overdue');
  const status = random.weighted(STATUSES, STATUS_WEIGHTS);
  const deadline =
    status === 'completed'
      ? isoDate(random.int(2024, 2026), random.int(1, 9), random.int(1, 28))
      : random.chance(0.88)
        ? isoDate(random.int(2026, 2027), random.int(1, 12), random.pick([10, 15, 20, 28]))
        : null;
  return {
    id,
    enterprise: enterpriseName(random, eliminated),
    town,
    landUse,
    far,
    buildingDensity,
    taxPerMu,
    outputPerMu,
    grade,
    reasons,
    mode: modeFor(random, reasons),
    status,
    ...(deadline ? { deadline } : {}),
    ...(reasons.includes('idle') ? { idleSince: idleSince(id) } : {}),
  };
}
