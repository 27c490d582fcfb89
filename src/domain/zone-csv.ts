// A zone's analysis as CSV, written by the one CSV writer (./csv.ts: BOM, CRLF, quoting, formula guard):
// one row per affected plot (land use by its class name and code), then, after a blank row, the zone's
// summary — its area, perimeter, plots and parks touched and the two shares — as people read them.

import { csvText } from './csv.ts';
import { landUseName } from './landuse.ts';
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
const percent = (share: number | null, none: string) => (share === null ? none : round(share * 100, 2));

/** The summary rows after the plots: label and value, in Chinese as the header is. */
function summaryRows(readout: ZoneReadout): (string | number)[][] {
  return [
    ['汇总', '数值'],
    ['区域面积（亩）', round(readout.areaM2 / M2_PER_MU, 4)],
    ['区域面积（m²）', round(readout.areaM2, 2)],
    ['周长（m）', round(readout.perimeterM, 1)],
    ['涉及地块（宗）', readout.plots.length],
    ['涉及园区', readout.parks.map((park) => park.name).join('、') || '无'],
    ['新增建设用地制造业占比（%）', percent(readout.newLand.share, '无新增建设用地')],
    ['地块工业用地占比（%）', percent(readout.plotsManufacturingShare, '无地块')],
  ];
}

/** One row per affected plot, largest overlap first, as the readout lists them; then the summary. */
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
    `${landUseName(plot.landUse, 'zh')}（${plot.landUse}）`,
    round(plot.overlapM2 / M2_PER_MU, 4),
    round(plot.overlapM2, 2),
    round(plot.plotAreaM2 / M2_PER_MU, 4),
    round(plot.shareOfPlot * 100, 2),
  ]);
  return csvText([header, ...rows, [], ...summaryRows(readout)]);
}
