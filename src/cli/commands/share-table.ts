// The human form of `atlas share`: a table in 亩 (one row overall, or one per group then the overall
// row), the share as a percentage and ✔/✘ against the target; then the total in 公顷 and m².
import type { Lang } from '../../domain/i18n.ts';
import { formatHa, formatM2, formatMu, formatNumber, M2_PER_MU } from '../../domain/units.ts';
import { OUTSIDE, type ShareGroup, type ShareReport, type ShareTotals, UNKNOWN } from '../../geo/share.ts';
import { formatTable } from '../table.ts';

export const BREAKDOWNS = ['year', 'park', 'town'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export function groupsOf(report: ShareReport, by: Breakdown): ShareGroup[] {
  return by === 'year' ? report.byYear : by === 'park' ? report.byPark : report.byTown;
}

const percent = (fraction: number) => `${formatNumber(fraction * 100, 1)}%`;

function groupLabel(group: ShareGroup, by: Breakdown, lang: Lang): string {
  const zh = lang === 'zh';
  if (group.key === OUTSIDE) return zh ? '园区外' : 'outside the parks';
  if (group.key === UNKNOWN) {
    if (by === 'year') return zh ? '年份不详' : 'year unknown';
    return zh ? '镇街不详' : 'town unknown';
  }
  return group.name === group.key ? group.key : `${group.name} (${group.key})`;
}

function row(label: string, totals: ShareTotals): string[] {
  const mu = (m2: number) => formatNumber(m2 / M2_PER_MU);
  return [
    label,
    mu(totals.totalM2),
    mu(totals.manufacturingM2),
    mu(totals.infrastructureM2),
    mu(totals.otherM2),
    totals.share === null ? '—' : percent(totals.share),
    totals.meetsTarget === null ? '—' : totals.meetsTarget ? '✔' : '✘',
  ];
}

export function shareTable(report: ShareReport, by: Breakdown | undefined, lang: Lang): string[] {
  const zh = lang === 'zh';
  const { overall } = report;
  const target = percent(overall.target).replace('.0%', '%');
  const header = zh
    ? [
        by === 'year' ? '年份' : by === 'park' ? '园区' : by === 'town' ? '镇街' : '',
        '合计 亩',
        '制造业 亩',
        '基础设施 亩',
        '其他 亩',
        '制造业占比',
        `目标 ${target}`,
      ]
    : [
        by ?? '',
        'total 亩',
        'manufacturing 亩',
        'infrastructure 亩',
        'other 亩',
        'share',
        `target ${target}`,
      ];
  const groups = by === undefined ? [] : groupsOf(report, by);
  const rows = groups.map((group) => row(groupLabel(group, by as Breakdown, lang), group));
  rows.push(row(zh ? '合计' : 'all', overall));
  const lines = formatTable(header, rows);
  const total = `${formatMu(overall.totalM2)} = ${formatHa(overall.totalM2, lang)} = ${formatM2(overall.totalM2)}`;
  lines.push(
    zh
      ? `新增建设用地合计 ${total}；制造业占比 = 制造业 ÷（合计 − 基础设施）。`
      : `New construction land in all: ${total}; share = manufacturing ÷ (total − infrastructure).`,
  );
  if (by === 'park') {
    lines.push(
      zh
        ? '按园区：地块在各园区内的部分计入该园区，其余计入“园区外”。'
        : 'By park: the part of each parcel inside a park counts for that park, the rest for "outside the parks".',
    );
  }
  return lines;
}
