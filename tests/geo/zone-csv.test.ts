// The CSV builder: BOM, CRLF, quoting, formula guard, one row per plot.
import { describe, expect, it } from 'vitest';
import type { ZoneReadout } from '../../src/domain/zone.ts';
import { zoneAnalysisCsv } from '../../src/domain/zone-csv.ts';

const readout: ZoneReadout = {
  areaM2: 20_000,
  perimeterM: 600,
  plots: [
    {
      id: 'HS-DX-0001',
      enterprise: '鹤山市东成不锈钢制品有限公司, "东成"',
      landUse: '100103',
      overlapM2: 2000,
      plotAreaM2: 8000,
      shareOfPlot: 0.25,
    },
    {
      id: 'HS-DX-0002',
      enterprise: '=HYPERLINK("x")',
      landUse: '1001',
      overlapM2: 666.6666667,
      plotAreaM2: 666.6666667,
      shareOfPlot: 1,
    },
  ],
  parks: [],
  newLand: { totalM2: 0, manufacturingM2: 0, infrastructureM2: 0, share: null },
  plotsManufacturingShare: 1,
};

describe('zone CSV', () => {
  it('starts with a BOM, ends lines with CRLF and quotes what needs it; land use by name and code', () => {
    const text = zoneAnalysisCsv('沙坪片区', readout);
    expect(text.startsWith('\uFEFF区域,地块编号,企业,用地分类,')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n|\r/);
    expect(lines[1]).toBe(
      '沙坪片区,HS-DX-0001,"鹤山市东成不锈钢制品有限公司, ""东成""",三类工业用地（100103）,3,2000,12,25',
    );
    expect(lines[2]).toBe('沙坪片区,HS-DX-0002,"\'=HYPERLINK(""x"")",工业用地（1001）,1,666.67,1,100');
    expect(lines.at(-1)).toBe('');
  });

  it("ends with the zone's summary after a blank row: area, perimeter, plots, parks and both shares", () => {
    const lines = zoneAnalysisCsv('沙坪片区', readout).slice(1).split('\r\n');
    expect(lines.slice(3)).toEqual([
      '',
      '汇总,数值',
      '区域面积（亩）,30',
      '区域面积（m²）,20000',
      '周长（m）,600',
      '涉及地块（宗）,2',
      '涉及园区,无',
      '新增建设用地制造业占比（%）,无新增建设用地',
      '地块工业用地占比（%）,100',
      '',
    ]);
  });

  it('a zone without plots has the header and the summary', () => {
    const lines = zoneAnalysisCsv('x', { ...readout, plots: [] }).split('\r\n');
    expect(lines).toHaveLength(11);
    expect(lines[6]).toBe('涉及地块（宗）,0');
  });
});
