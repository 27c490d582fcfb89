// A zone's analysis as CSV, written by the one CSV writer (./csv.ts: BOM, CRLF, quoting, formula guard).

import { csvText } from './csv.ts';
import { M2_PER_MU } from './units.ts';
import type { ZoneReadout } from './zone.ts';

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

const ZONE_CSV_LABELS_ZH: ZoneCsvLabels = {
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
