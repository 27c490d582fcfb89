// Units of land administration: 亩 (mu), 公顷 (ha) and m², and how areas are written in reports.
import type { Lang } from './i18n.ts';

export const M2_PER_MU = 2000 / 3;
export const M2_PER_HA = 10_000;

export interface AreaFigures {
  m2: number;
  mu: number;
  ha: number;
}

export function areaFigures(m2: number): AreaFigures {
  return { m2, mu: m2 / M2_PER_MU, ha: m2 / M2_PER_HA };
}

const numberFormats = new Map<number, Intl.NumberFormat>();

/** Thousands separators and a fixed number of decimals: `12,345.67`. */
export function formatNumber(value: number, decimals = 2): string {
  let format = numberFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: decimals,
      maximumFractionDigits: decimals,
    });
    numberFormats.set(decimals, format);
  }
  return format.format(value);
}

/** `123.45 亩`, `0.82 公顷`, `5,432.10 m²` — the unit names stay Chinese-first as on survey papers. */
export function formatMu(m2: number): string {
  return `${formatNumber(m2 / M2_PER_MU)} 亩`;
}

export function formatHa(m2: number, lang: Lang = 'zh'): string {
  return `${formatNumber(m2 / M2_PER_HA, 4)} ${lang === 'zh' ? '公顷' : 'ha'}`;
}

export function formatM2(m2: number): string {
  return `${formatNumber(m2)} m²`;
}
