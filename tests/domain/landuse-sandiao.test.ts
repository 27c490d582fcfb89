// The 三调 (GB/T 21010) → 用地用海 table and the scheme of a file's land-use field (PRODUCT.md "Land-use
// codes"): same digits, other meanings, so a file is read by its field name or by codes that exist in one
// scheme only, and otherwise reported ambiguous for the import to ask.
import { describe, expect, it } from 'vitest';
import { landUseScheme, SANDIAO_TO_CURRENT, sandiaoToCurrent } from '../../src/domain/landuse-sandiao.ts';

const features = (codes: unknown[], field = '地类编码') =>
  codes.map((code) => ({ properties: { [field]: code } }));

describe('三调 → 用地用海', () => {
  it('maps industry, railway, roads and storage; no one-to-one class gives null', () => {
    expect(sandiaoToCurrent('0601')).toBe('1001');
    expect(sandiaoToCurrent('1001')).toBe('1201');
    expect(sandiaoToCurrent('1004')).toBe('1207');
    expect(sandiaoToCurrent('0604')).toBe('1101');
    expect(sandiaoToCurrent('1202')).toBeNull(); // 设施农用地 splits into 0602–0604
    expect(sandiaoToCurrent('constructor')).toBeNull();
    expect(Object.values(SANDIAO_TO_CURRENT).every((code) => /^\d{2,6}$/.test(code))).toBe(true);
  });

  it('reads the scheme from the field name, or from codes of one scheme only; else ambiguous', () => {
    expect(landUseScheme(['DLBM'], features(['0601'], 'DLBM'))?.scheme).toBe('sandiao');
    expect(landUseScheme(['YDYHFLDM'], features(['1001'], 'YDYHFLDM'))?.scheme).toBe('current');
    expect(landUseScheme(['地类编码'], features(['1001', '08H2']))?.scheme).toBe('sandiao');
    expect(landUseScheme(['地类编码'], features(['1001', '100101']))?.scheme).toBe('current');
    const unclear = landUseScheme(['地类编码'], features(['1001', '0601']));
    expect(unclear?.scheme).toBe('ambiguous');
    expect(unclear?.reason.en).toContain('1001 is railway in one, industry in the other');
    expect(landUseScheme(['DLBM'], features(['100102'], 'DLBM'))?.scheme).toBe('ambiguous');
    expect(landUseScheme(['名称'], features(['x'], '名称'))).toBeNull();
  });
});
