// How attribute values read in the inspector: dates YYYY-MM-DD, money in 亿元, per-mu figures in 万元/亩,
// density as a percentage, vocabulary values by their labels, arrays joined. Pure; returns text only.

import type { Lang } from '../../domain/i18n.ts';
import { valueLabel } from '../../domain/labels.ts';
import { landUseName } from '../../domain/landuse.ts';
import { areaFigures, formatNumber } from '../../domain/units.ts';

const MONEY = new Set(['investmentPlanned', 'investmentCompleted']);
const PER_MU = new Set(['taxPerMu', 'outputPerMu']);
const LAND_USE = new Set(['landUse', 'plannedLandUse']);
const DATE = /^\d{4}-\d{2}-\d{2}(T.*)?$/;

export const EMPTY_VALUE = '—';

export function formatMoneyYi(value: number, lang: Lang): string {
  // English has no 亿 (10⁸): millions of yuan read as they are written in English reports.
  return lang === 'zh' ? `${formatNumber(value)} 亿元` : `${formatNumber(value * 100, 0)} million yuan`;
}

export function formatPerMu(value: number, lang: Lang): string {
  // 万 (10⁴) has no English word: the yuan themselves, 1.56 万元/亩 → 15,600 yuan/mu.
  return lang === 'zh' ? `${formatNumber(value)} 万元/亩` : `${formatNumber(value * 10_000, 0)} yuan/mu`;
}

export function formatPercent(fraction: number): string {
  return `${formatNumber(fraction * 100, 1)}%`;
}

function joiner(lang: Lang): string {
  return lang === 'zh' ? '、' : ', ';
}

function formatScalar(name: string, value: unknown, lang: Lang): string {
  if (value === null || value === undefined || value === '') return EMPTY_VALUE;
  if (typeof value === 'boolean') return lang === 'zh' ? (value ? '是' : '否') : value ? 'yes' : 'no';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return EMPTY_VALUE;
    if (MONEY.has(name)) return formatMoneyYi(value, lang);
    if (PER_MU.has(name)) return formatPerMu(value, lang);
    if (name === 'buildingDensity') return formatPercent(value);
    if (name === 'far') return formatNumber(value);
    if (name === 'plannedAreaHa') return `${formatNumber(value)} ${lang === 'zh' ? '公顷' : 'ha'}`;
    if (name === 'year' || name === 'version' || Number.isInteger(value)) return String(value);
    return formatNumber(value);
  }
  if (typeof value === 'string') {
    if (LAND_USE.has(name)) return `${value} ${landUseName(value, lang)}`;
    if (DATE.test(value)) return value.slice(0, 10);
    return valueLabel(name, value, lang);
  }
  return JSON.stringify(value);
}

/** One attribute value as text for the inspector. */
export function formatValue(name: string, value: unknown, lang: Lang): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return EMPTY_VALUE;
    return value.map((item) => formatScalar(name, item, lang)).join(joiner(lang));
  }
  return formatScalar(name, value, lang);
}

export interface AreaText {
  mu: string;
  ha: string;
  m2: string;
}

/** `12,345.67 亩`, `823.0451 公顷`, `8,230,451.00 m²` from an area in m². */
export function formatArea(m2: number, lang: Lang): AreaText {
  const figures = areaFigures(m2);
  return {
    mu: `${formatNumber(figures.mu)} ${lang === 'zh' ? '亩' : 'mu'}`,
    ha: `${formatNumber(figures.ha, 4)} ${lang === 'zh' ? '公顷' : 'ha'}`,
    m2: `${formatNumber(figures.m2)} m²`,
  };
}

/** A label and its value, with the language's colon: 读数：区域 1 / Readout: Zone 1. */
export function labelled(lang: Lang, label: string, value: string): string {
  return lang === 'zh' ? `${label}：${value}` : `${label}: ${value}`;
}

/** A remark in brackets after a text, with the language's brackets: （未保存） / (unsaved). */
export function bracketed(lang: Lang, text: string): string {
  return lang === 'zh' ? `（${text}）` : ` (${text})`;
}
