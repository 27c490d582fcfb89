// The older land classification of the third national land survey (三调, GB/T 21010-2017 with the
// survey's own merged classes such as 05H1 and 08H1) against the current one, 国土空间调查、规划、用途管制
// 用地用海分类 (2023), whose codes our layers use (PRODUCT.md "Land-use codes"). The same digits mean
// different things in the two — 0601 is industry in 三调 and rural roads now, 1001 is railway in 三调 and
// industry now — so a file's scheme is read from its field name or from codes that exist in one scheme
// only; when neither tells, the import asks the person, never guesses.
import type { Bilingual } from './i18n.ts';

/**
 * 三调 code → current code, class by class as the 2023 classification's correspondence table gives them
 * for construction and water land; classes that split (设施农用地 into 0602–0604) are left out and
 * reported as unmapped, for the person to code.
 */
export const SANDIAO_TO_CURRENT: Readonly<Record<string, string>> = {
  '0101': '0101', // 水田
  '0102': '0102', // 水浇地
  '0103': '0103', // 旱地
  '0201': '0201', // 果园
  '0202': '0202', // 茶园
  '0203': '0203', // 橡胶园
  '0204': '0204', // 其他园地
  '0301': '0301', // 乔木林地
  '0302': '0302', // 竹林地
  '0305': '0303', // 灌木林地
  '0307': '0304', // 其他林地
  '0401': '0401', // 天然牧草地
  '0403': '0402', // 人工牧草地
  '0404': '0403', // 其他草地
  '05H1': '09', // 商业服务业设施用地 → 商业服务业用地
  '0508': '1101', // 物流仓储用地
  '0601': '1001', // 工业用地
  '0602': '1002', // 采矿用地
  '0603': '1003', // 盐田
  '0604': '1101', // 仓储用地 → 物流仓储用地
  '0701': '0701', // 城镇住宅用地
  '0702': '0703', // 农村宅基地
  '08H1': '0801', // 机关团体新闻出版用地 → 机关团体用地
  '08H2': '08', // 科教文卫用地 → 公共管理与公共服务用地
  '0809': '13', // 公用设施用地
  '0810': '1401', // 公园与绿地 → 公园绿地
  '0810A': '1403', // 广场用地
  '09': '15', // 特殊用地
  '1001': '1201', // 铁路用地
  '1002': '1206', // 轨道交通用地 → 城市轨道交通用地
  '1003': '1202', // 公路用地
  '1004': '1207', // 城镇村道路用地
  '1005': '1208', // 交通服务场站用地 → 交通场站用地
  '1006': '0601', // 农村道路 → 乡村道路用地
  '1007': '1203', // 机场用地
  '1008': '1204', // 港口码头用地
  '1009': '1205', // 管道运输用地
  '1101': '1701', // 河流水面
  '1102': '1702', // 湖泊水面
  '1103': '1703', // 水库水面
  '1104': '1704', // 坑塘水面
  '1105': '0505', // 沿海滩涂
  '1106': '0506', // 内陆滩涂
  '1107': '1705', // 沟渠
  '1108': '0504', // 沼泽地 → 其他沼泽地
  '1109': '1312', // 水工建筑用地 → 水工设施用地
  '1110': '1706', // 冰川及永久积雪
  '1201': '2301', // 空闲地
  '1203': '2303', // 田坎
  '1204': '2304', // 盐碱地
  '1205': '2305', // 沙地
  '1206': '2306', // 裸土地
  '1207': '2307', // 裸岩石砾地
};

/** The current code of a 三调 code, or null when the class has no one-to-one counterpart. */
export function sandiaoToCurrent(code: string): string | null {
  return Object.hasOwn(SANDIAO_TO_CURRENT, code) ? (SANDIAO_TO_CURRENT[code] as string) : null;
}

/** Field names that hold land-use codes, and the scheme the name itself implies (null: either). */
const LAND_USE_FIELDS: Record<string, 'current' | 'sandiao' | null> = {
  landuse: 'current',
  ydyhfldm: 'current',
  ydyhdm: 'current',
  用地用海分类: 'current',
  用地用海代码: 'current',
  dlbm: 'sandiao',
  三调地类编码: 'sandiao',
  地类编码: null,
  dldm: null,
  用地分类: null,
  地类: null,
};

/** Letters (05H1, 0810A, 1104K) exist only in 三调; groups 13–24 and six-digit codes only in the current scheme. */
function codeScheme(code: string): 'current' | 'sandiao' | null {
  if (/^\d{2}H\d$|^\d{4}[AK]$/i.test(code)) return 'sandiao';
  if (/^\d{6}$/.test(code)) return 'current';
  const group = Number(code.slice(0, 2));
  if (/^\d{4}$/.test(code) && group >= 13 && group <= 24) return 'current';
  return null;
}

export interface LandUseSchemeReport {
  field: string;
  scheme: 'current' | 'sandiao' | 'ambiguous';
  reason: Bilingual;
}

/** The scheme of a file's land-use codes, from the field's name and its values; null without such a field. */
export function landUseScheme(
  fields: readonly string[],
  features: readonly { properties: Record<string, unknown> | null }[],
): LandUseSchemeReport | null {
  const field = fields.find((name) => Object.hasOwn(LAND_USE_FIELDS, name.toLowerCase()));
  if (field === undefined) return null;
  const byName = LAND_USE_FIELDS[field.toLowerCase()];
  const found = { current: null as string | null, sandiao: null as string | null };
  for (const feature of features) {
    const value = feature.properties?.[field];
    if (typeof value !== 'string' && typeof value !== 'number') continue;
    const scheme = codeScheme(String(value).trim());
    if (scheme && found[scheme] === null) found[scheme] = String(value);
  }
  const contrary = byName === 'current' ? found.sandiao : byName === 'sandiao' ? found.current : null;
  if (byName && contrary !== null)
    return {
      field,
      scheme: 'ambiguous',
      reason: {
        zh: `字段名 ${field} 表明是${byName === 'current' ? '用地用海' : '三调'}代码，但其中有 ${contrary}，只在${byName === 'current' ? '三调' : '用地用海'}分类中存在；请确认是哪种分类。`,
        en: `the field name ${field} means ${byName === 'current' ? '用地用海' : '三调'} codes, but it holds ${contrary}, which exists only in the ${byName === 'current' ? '三调' : '用地用海'} scheme; confirm which.`,
      },
    };
  if (byName === 'current')
    return {
      field,
      scheme: 'current',
      reason: {
        zh: `字段名 ${field} 表明是用地用海分类代码。`,
        en: `the field name ${field} means 用地用海 codes.`,
      },
    };
  if (byName === 'sandiao')
    return {
      field,
      scheme: 'sandiao',
      reason: {
        zh: `字段名 ${field} 表明是三调地类编码（GB/T 21010）。`,
        en: `the field name ${field} means 三调 (GB/T 21010) codes.`,
      },
    };
  if (found.sandiao !== null && found.current === null)
    return {
      field,
      scheme: 'sandiao',
      reason: {
        zh: `代码 ${found.sandiao} 只在三调分类中存在。`,
        en: `the code ${found.sandiao} exists only in the 三调 scheme.`,
      },
    };
  if (found.current !== null && found.sandiao === null)
    return {
      field,
      scheme: 'current',
      reason: {
        zh: `代码 ${found.current} 只在用地用海分类中存在。`,
        en: `the code ${found.current} exists only in the 用地用海 scheme.`,
      },
    };
  return {
    field,
    scheme: 'ambiguous',
    reason:
      found.current !== null
        ? {
            zh: `字段 ${field} 中既有三调代码（${found.sandiao}）又有用地用海代码（${found.current}）；请确认。`,
            en: `the field ${field} holds both 三调 (${found.sandiao}) and 用地用海 (${found.current}) codes; confirm which.`,
          }
        : {
            zh: `字段 ${field} 的代码在三调和用地用海分类中都有（如 1001 在三调中是铁路用地，在用地用海中是工业用地）；请确认是哪种分类。`,
            en: `the codes of ${field} exist in both the 三调 and the 用地用海 schemes (1001 is railway in one, industry in the other); confirm which.`,
          },
  };
}
