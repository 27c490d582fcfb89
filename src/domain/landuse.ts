// Land-use codes of 国土空间调查、规划、用途管制用地用海分类 and the share rule of PRODUCT.md.
import type { Bilingual, Lang } from './i18n.ts';

const LAND_USE_NAMES: Record<string, Bilingual> = {
  '1001': { zh: '工业用地', en: 'Industrial' },
  '100101': { zh: '一类工业用地', en: 'Industrial, class 1' },
  '100102': { zh: '二类工业用地', en: 'Industrial, class 2' },
  '100103': { zh: '三类工业用地', en: 'Industrial, class 3' },
  '1002': { zh: '采矿用地', en: 'Mining' },
  '1101': { zh: '物流仓储用地', en: 'Logistics and warehousing' },
  '1102': { zh: '储备库用地', en: 'Reserve depots' },
  '1201': { zh: '铁路用地', en: 'Railway' },
  '1202': { zh: '公路用地', en: 'Highway' },
  '1207': { zh: '城镇村道路用地', en: 'Urban and village roads' },
  '1208': { zh: '交通场站用地', en: 'Transport stations' },
  '1301': { zh: '供水用地', en: 'Water supply' },
  '1303': { zh: '供电用地', en: 'Power supply' },
  '1309': { zh: '环卫用地', en: 'Sanitation' },
  '0701': { zh: '城镇住宅用地', en: 'Urban housing' },
  '0801': { zh: '机关团体用地', en: 'Government and institutions' },
  '0901': { zh: '商业用地', en: 'Commercial' },
};

/** The classes a planner picks from (by name, with the code), in code order. */
export const LAND_USE_CODES: readonly string[] = Object.keys(LAND_USE_NAMES).sort();

/** The most specific name known for a code: `100102` → 二类工业用地; `1305` → 公用设施用地. */
export function landUseName(code: string, lang: Lang): string {
  for (let length = code.length; length >= 2; length -= 2) {
    const known = LAND_USE_NAMES[code.slice(0, length)];
    if (known) return known[lang];
  }
  const group = LAND_USE_GROUPS[code.slice(0, 2)];
  return group ? group[lang] : code;
}

const LAND_USE_GROUPS: Record<string, Bilingual> = {
  '07': { zh: '居住用地', en: 'Residential' },
  '08': { zh: '公共管理与公共服务用地', en: 'Public administration and services' },
  '09': { zh: '商业服务业用地', en: 'Commercial services' },
  '10': { zh: '工矿用地', en: 'Industrial and mining' },
  '11': { zh: '仓储用地', en: 'Warehousing' },
  '12': { zh: '交通运输用地', en: 'Transport' },
  '13': { zh: '公用设施用地', en: 'Public utilities' },
};

export type ShareClass = 'manufacturing' | 'infrastructure' | 'other';

export interface ShareRule {
  manufacturingPrefixes: readonly string[];
  infrastructurePrefixes: readonly string[];
  target: number;
}

/** Our choice (PRODUCT.md): manufacturing = 1001*, infrastructure = 12* or 13*, target 80%. */
export const DEFAULT_SHARE_RULE: ShareRule = {
  manufacturingPrefixes: ['1001'],
  infrastructurePrefixes: ['12', '13'],
  target: 0.8,
};

export function shareClass(code: string, rule: ShareRule = DEFAULT_SHARE_RULE): ShareClass {
  if (rule.manufacturingPrefixes.some((prefix) => code.startsWith(prefix))) return 'manufacturing';
  if (rule.infrastructurePrefixes.some((prefix) => code.startsWith(prefix))) return 'infrastructure';
  return 'other';
}
