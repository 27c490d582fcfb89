// A zone's analysis as CSV that Excel opens with its Chinese intact: UTF-8 with a byte-order mark,
// CRLF line ends, every field quoted where RFC 4180 needs it, and text that looks like a formula
// (=, +, -, @ first) prefixed with an apostrophe so a spreadsheet never runs it.

import { M2_PER_MU } from './units.ts';
import type { ZoneReadout } from './zone.ts';

export const CSV_BOM = '\uFEFF';

export function csvField(value: string | number): string {
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (/^[=+\-@\t\r]/.test(text) && typeof value === 'string') text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvText(rows: readonly (readonly (string | number)[])[]): string {
  const lines = rows.map((row) => row.map(csvField).join(','));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

export interface ZoneCsvLabels {
  zone: string;
  plotId: string;
  enterprise: string;
  landUse: string;
  overlapMu: string;
  overlapM2: string;
  plotMu: string;
  shareOfPlot: string;
}

export const ZONE_CSV_LABELS_ZH: ZoneCsvLabels = {
  zone: '区域',
  plotId: '地块编号',
  enterprise: '企业',
  landUse: '用地分类',
  overlapMu: '重叠面积（亩）',
  overlapM2: '重叠面积（m²）',
  plotMu: '地块面积（亩）',
  shareOfPlot: '占地块比例（%）',
};

const round = (value: number, decimals: number) => Number(value.toFixed(decimals));

/** One row per affected plot, largest overlap first, as the readout lists them. */
export function zoneAnalysisCsv(
  zoneName: string,
  readout: ZoneReadout,
  labels: ZoneCsvLabels = ZONE_CSV_LABELS_ZH,
): string {
  const header = [
    labels.zone,
    labels.plotId,
    labels.enterprise,
    labels.landUse,
    labels.overlapMu,
    labels.overlapM2,
    labels.plotMu,
    labels.shareOfPlot,
  ];
  const rows = readout.plots.map((plot) => [
    zoneName,
    plot.id,
    plot.enterprise,
    plot.landUse,
    round(plot.overlapM2 / M2_PER_MU, 4),
    round(plot.overlapM2, 2),
    round(plot.plotAreaM2 / M2_PER_MU, 4),
    round(plot.shareOfPlot * 100, 2),
  ]);
  return csvText([header, ...rows]);
}
