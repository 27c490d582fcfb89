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
  it('starts with a BOM, ends lines with CRLF and quotes what needs it', () => {
    const text = zoneAnalysisCsv('沙坪片区', readout);
    expect(text.startsWith('\uFEFF区域,地块编号,企业,用地分类,')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n|\r/);
    expect(lines[1]).toBe('沙坪片区,HS-DX-0001,"鹤山市东成不锈钢制品有限公司, ""东成""",100103,3,2000,12,25');
    expect(lines[2]).toBe('沙坪片区,HS-DX-0002,"\'=HYPERLINK(""x"")",1001,1,666.67,1,100');
  });

  it('has a header alone for a zone without plots', () => {
    expect(zoneAnalysisCsv('x', { ...readout, plots: [] }).split('\r\n')).toHaveLength(2);
  });
});
