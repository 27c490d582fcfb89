// The progress report (进度通报) as tables: one definition of the headers (with units), the row labels
// (words, not codes) and the figures, read by the report screen and by the Excel workbook alike, so the
// screen, the paper and the spreadsheet say the same thing. Areas in 亩, shares as fractions (shown as
// %), money in 亿元. Pure.

import type { z } from 'zod';
import type { Bilingual, Lang } from './i18n.ts';
import { valueLabel } from './labels.ts';
import { PLOT_STATUSES } from './layers.ts';
import type { progressReportSchema } from './report-wire.ts';
import { M2_PER_MU } from './units.ts';

type ProgressReport = z.infer<typeof progressReportSchema>;
type ReportRow = ProgressReport['all'];
type Pipeline = ProgressReport['pipeline'];

/** How a column's figures are written: Excel's number format and the screen's decimals follow it. */
export type ColumnKind = 'text' | 'count' | 'mu' | 'percent' | 'yi';

export interface ReportColumn {
  header: Bilingual;
  kind: ColumnKind;
}

export type ReportCell = string | number | null;

export interface ReportTable {
  /** The sheet's and the section's name. */
  id: 'town' | 'park' | 'share' | 'pipeline' | 'stages';
  title: Bilingual;
  columns: ReportColumn[];
  rows: ReportCell[][];
  /** The index of the whole city's row, or null when the table has none. */
  totalRow: number | null;
}

/** Excel's display format of each kind. */
export const NUMBER_FORMATS: Record<ColumnKind, string | undefined> = {
  text: undefined,
  count: '0',
  mu: '0.00',
  percent: '0.0%',
  yi: '0.00',
};

const OUTSIDE_PARKS: Bilingual = { zh: '园区外', en: 'Outside the parks' };
const NO_TOWN: Bilingual = { zh: '未填镇街', en: 'Town not given' };
const ALL_CITY: Bilingual = { zh: '全市合计', en: 'Whole city' };
const YEAR_UNKNOWN: Bilingual = { zh: '年度不详', en: 'Year unknown' };

const mu = (m2: number) => m2 / M2_PER_MU;
const text = (zh: string, en: string): Bilingual => ({ zh, en });

/** A group's name for a person: the catch-all keys in words. */
function groupName(key: string, name: string, lang: Lang, unknown: Bilingual): string {
  if (key === 'outside') return OUTSIDE_PARKS[lang];
  if (key === 'unknown') return unknown[lang];
  if (key === 'all') return ALL_CITY[lang];
  return name;
}

function plotColumns(first: Bilingual, since: string): ReportColumn[] {
  return [
    { header: first, kind: 'text' },
    { header: text('地块（宗）', 'Plots'), kind: 'count' },
    { header: text('面积（亩）', 'Area (mu)'), kind: 'mu' },
    ...PLOT_STATUSES.flatMap((status): ReportColumn[] => [
      {
        header: text(`${valueLabel('status', status, 'zh')}（宗）`, `${valueLabel('status', status, 'en')}`),
        kind: 'count',
      },
      {
        header: text(
          `${valueLabel('status', status, 'zh')}面积（亩）`,
          `${valueLabel('status', status, 'en')} (mu)`,
        ),
        kind: 'mu',
      },
    ]),
    { header: text(`${since}以来完成（宗）`, `Completed since ${since}`), kind: 'count' },
    { header: text(`${since}以来完成面积（亩）`, `Completed since ${since} (mu)`), kind: 'mu' },
    { header: text('逾期（宗）', 'Overdue'), kind: 'count' },
    { header: text('逾期面积（亩）', 'Overdue (mu)'), kind: 'mu' },
  ];
}

function plotRow(row: ReportRow, name: string): ReportCell[] {
  return [
    name,
    row.total.count,
    mu(row.total.areaM2),
    ...PLOT_STATUSES.flatMap((status) => {
      const cell = row.byStatus[status] ?? { count: 0, areaM2: 0 };
      return [cell.count, mu(cell.areaM2)];
    }),
    row.completedSince.count,
    mu(row.completedSince.areaM2),
    row.overdue.count,
    mu(row.overdue.areaM2),
  ];
}

const RATE_LABELS: Record<Pipeline['rates'][number]['stage'], Bilingual> = {
  listed: text('挂网', 'Listed'),
  delivered: text('交地', 'Delivered'),
  started: text('动工', 'Started'),
  registered: text('入库', 'Registered'),
};

function pipelineRow(name: string, pipeline: Pipeline): ReportCell[] {
  return [
    name,
    pipeline.signed,
    pipeline.plannedYi,
    pipeline.completedYi,
    ...pipeline.rates.flatMap((rate) => [rate.reached, rate.rate]),
  ];
}

/** The report's tables, in the order of the screen and the workbook's sheets. */
export function reportTables(report: ProgressReport, lang: Lang): ReportTable[] {
  const town: ReportTable = {
    id: 'town',
    title: text('按镇街', 'By town'),
    columns: plotColumns(text('镇街', 'Town'), report.since),
    rows: [
      ...report.byTown.map((row) => plotRow(row, groupName(row.key, row.name, lang, NO_TOWN))),
      plotRow(report.all, ALL_CITY[lang]),
    ],
    totalRow: report.byTown.length,
  };
  const park: ReportTable = {
    id: 'park',
    title: text('按园区', 'By park'),
    columns: plotColumns(text('园区', 'Park'), report.since),
    rows: [
      ...report.byPark.map((row) => plotRow(row, groupName(row.key, row.name, lang, NO_TOWN))),
      plotRow(report.all, ALL_CITY[lang]),
    ],
    totalRow: report.byPark.length,
  };
  const shareRows: ReportCell[][] = [];
  const share = report.share;
  const shareRow = (group: string, name: string, totals: NonNullable<typeof share>['overall']) => [
    group,
    name,
    mu(totals.totalM2),
    mu(totals.manufacturingM2),
    mu(totals.infrastructureM2),
    mu(totals.otherM2),
    totals.share,
    totals.target,
    totals.meetsTarget === null
      ? '—'
      : totals.meetsTarget
        ? text('达标', 'Met')[lang]
        : text('未达标', 'Not met')[lang],
  ];
  if (share) {
    shareRows.push(shareRow(text('全市', 'City')[lang], ALL_CITY[lang], share.overall));
    for (const group of share.byPark)
      shareRows.push(
        shareRow(text('园区', 'Park')[lang], groupName(group.key, group.name, lang, NO_TOWN), group),
      );
    for (const group of share.byYear)
      shareRows.push(
        shareRow(text('年度', 'Year')[lang], groupName(group.key, group.name, lang, YEAR_UNKNOWN), group),
      );
  }
  const shareTable: ReportTable = {
    id: 'share',
    title: text('新增用地投向制造业', 'New land to manufacturing'),
    columns: [
      { header: text('分组', 'Group'), kind: 'text' },
      { header: text('名称', 'Name'), kind: 'text' },
      { header: text('新增建设用地（亩）', 'New construction land (mu)'), kind: 'mu' },
      { header: text('制造业用地（亩）', 'Manufacturing (mu)'), kind: 'mu' },
      { header: text('基础设施用地（亩）', 'Infrastructure (mu)'), kind: 'mu' },
      { header: text('其他用地（亩）', 'Other (mu)'), kind: 'mu' },
      { header: text('制造业占比（%）', 'Manufacturing share (%)'), kind: 'percent' },
      { header: text('目标（%）', 'Target (%)'), kind: 'percent' },
      { header: text('是否达标', 'Target met'), kind: 'text' },
    ],
    rows: shareRows,
    totalRow: share ? 0 : null,
  };
  const pipeline: ReportTable = {
    id: 'pipeline',
    title: text('项目推进率', 'Project pipeline rates'),
    columns: [
      { header: text('园区', 'Park'), kind: 'text' },
      { header: text('签约项目（个）', 'Signed projects'), kind: 'count' },
      { header: text('计划投资（亿元）', 'Planned investment (100 M yuan)'), kind: 'yi' },
      { header: text('完成投资（亿元）', 'Completed investment (100 M yuan)'), kind: 'yi' },
      ...report.pipeline.rates.flatMap((rate): ReportColumn[] => [
        {
          header: text(`已${RATE_LABELS[rate.stage].zh}（个）`, `${RATE_LABELS[rate.stage].en}`),
          kind: 'count',
        },
        {
          header: text(`${RATE_LABELS[rate.stage].zh}率（%）`, `${RATE_LABELS[rate.stage].en} rate (%)`),
          kind: 'percent',
        },
      ]),
    ],
    rows: [
      pipelineRow(ALL_CITY[lang], report.pipeline),
      ...report.pipelineByPark.map((group) =>
        pipelineRow(groupName(group.key, group.name, lang, NO_TOWN), group.pipeline),
      ),
    ],
    totalRow: 0,
  };
  const stages: ReportTable = {
    id: 'stages',
    title: text('项目阶段', 'Project stages'),
    columns: [
      { header: text('阶段', 'Stage'), kind: 'text' },
      { header: text('当前项目（个）', 'Projects at this stage'), kind: 'count' },
      { header: text('计划投资（亿元）', 'Planned investment (100 M yuan)'), kind: 'yi' },
      { header: text('完成投资（亿元）', 'Completed investment (100 M yuan)'), kind: 'yi' },
      { header: text('已达到此阶段（个）', 'Reached this stage'), kind: 'count' },
    ],
    rows: report.pipeline.stages.map((stage) => [
      valueLabel('stage', stage.stage, lang),
      stage.count,
      stage.plannedYi,
      stage.completedYi,
      stage.reached,
    ]),
    totalRow: null,
  };
  return [town, park, shareTable, pipeline, stages];
}
