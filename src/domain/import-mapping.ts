// The import screen's mapping of a file's fields to a layer's properties (DKBH → id, QYMC → enterprise,
// …): which properties each layer takes (required or not, and of which kind), which field of a file is
// suggested for each (the field of the same name, its Chinese label, or a name Chinese land files use),
// and the conversion of each feature's values (numbers from text, dates from 2026/3/1 or 20260301,
// status from 已认定, lists from 低效原因 "容积率低、闲置", 三调 land-use codes to 用地用海 when the person
// said the file is 三调). Pure: the browser runs it, tests run it in node. What it cannot convert is
// a problem naming the feature, the field and the value; the server validates again on commit.
import type { Bilingual } from './i18n.ts';
import { propertyLabel, valueLabel } from './labels.ts';
import { sandiaoToCurrent } from './landuse-sandiao.ts';
import {
  LAND_SUPPLY,
  LOW_EFFICIENCY_REASONS,
  PLOT_GRADES,
  PLOT_STATUSES,
  PROJECT_STAGES,
  RECTIFICATION_MODES,
} from './layers.ts';

/** The layers an import may replace or merge into (zones are drawn in the app, not imported). */
export const IMPORT_LAYERS = ['plots', 'parks', 'projects', 'newland', 'boundary'] as const;
export type ImportLayer = (typeof IMPORT_LAYERS)[number];

export type PropertyKind =
  | { type: 'text' }
  | { type: 'number' }
  | { type: 'year' }
  | { type: 'date' }
  | { type: 'landUse' }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'list'; values?: readonly string[] }
  | { type: 'version' };

export interface TargetProperty {
  name: string;
  kind: PropertyKind;
  required: boolean;
}

const text = { type: 'text' } as const;
const number = { type: 'number' } as const;
const date = { type: 'date' } as const;
const landUse = { type: 'landUse' } as const;
const req = (name: string, kind: PropertyKind): TargetProperty => ({ name, kind, required: true });
const opt = (name: string, kind: PropertyKind): TargetProperty => ({ name, kind, required: false });
/** properties.version: the version the file was exported at, so a merge can find newer edits. */
const version = opt('version', { type: 'version' });

/** Each layer's properties as its schema (src/domain/schemas.ts) requires them, id first. */
export const TARGET_PROPERTIES: Record<ImportLayer, readonly TargetProperty[]> = {
  plots: [
    req('id', text),
    req('enterprise', text),
    req('town', text),
    req('landUse', landUse),
    req('far', number),
    req('buildingDensity', number),
    req('taxPerMu', number),
    req('outputPerMu', number),
    req('grade', { type: 'enum', values: PLOT_GRADES }),
    req('reasons', { type: 'list', values: LOW_EFFICIENCY_REASONS }),
    req('mode', { type: 'enum', values: RECTIFICATION_MODES }),
    req('status', { type: 'enum', values: PLOT_STATUSES }),
    opt('deadline', date),
    opt('idleSince', date),
    version,
  ],
  parks: [
    req('id', text),
    req('name', text),
    req('kind', text),
    req('leadIndustries', { type: 'list' }),
    opt('plannedAreaHa', number),
    version,
  ],
  projects: [
    req('id', text),
    req('name', text),
    req('enterprise', text),
    req('industry', text),
    opt('parkId', text),
    req('investmentPlanned', number),
    req('investmentCompleted', number),
    req('stage', { type: 'enum', values: PROJECT_STAGES }),
    opt('signedOn', date),
    opt('listedOn', date),
    opt('deliveredOn', date),
    opt('startedOn', date),
    opt('producingOn', date),
    opt('registeredOn', date),
    version,
  ],
  newland: [
    req('id', text),
    req('landUse', landUse),
    req('year', { type: 'year' }),
    opt('supply', { type: 'enum', values: LAND_SUPPLY }),
    version,
  ],
  boundary: [req('id', text), req('name', text), version],
};

/**
 * Names Chinese land files give these properties (拼音 initials as ArcGIS tables carry them, and the
 * Chinese words), compared without case; the property's own name and its label come first.
 */
const KNOWN_FIELD_NAMES: Record<string, readonly string[]> = {
  id: ['DKBH', '地块编号', 'BH', '编号', 'DKDM', 'XMBH', '项目编号', 'YQBH', '园区编号', 'BSM', '标识码'],
  enterprise: ['QYMC', '企业名称', '企业', 'QLR', '权利人', 'SYQR', '使用权人', 'TDSYQR'],
  town: ['SZZ', '所在镇', '镇街', 'ZJ', 'XZMC', '乡镇', '乡镇名称', '所在镇街'],
  landUse: ['DLBM', '地类编码', 'YDYHFLDM', '用地用海分类', 'YDDM', '用地代码', 'DLDM', '用地分类'],
  far: ['RJL', '容积率'],
  buildingDensity: ['JZMD', '建筑密度', 'JZXS', '建筑系数'],
  taxPerMu: ['MJSS', '亩均税收'],
  outputPerMu: ['MJCZ', '亩均产值'],
  grade: ['DJ', '等级', '评价等级', 'MJDJ', '亩均等级'],
  reasons: ['DXYY', '低效原因'],
  mode: ['ZZMS', '整治模式', 'ZZFS', '整治方式'],
  status: ['ZT', '状态', 'ZZZT', '整治状态'],
  deadline: ['ZZQX', '整治期限', 'QX', '期限'],
  idleSince: ['XZRQ', '闲置日期', '闲置起始日期'],
  name: ['MC', '名称', 'XMMC', '项目名称', 'YQMC', '园区名称', 'DKMC', '地块名称'],
  kind: ['LX', '类型', 'YQLX', '园区类型'],
  leadIndustries: ['ZDCY', '主导产业'],
  plannedAreaHa: ['GHMJ', '规划面积'],
  industry: ['HY', '行业', 'CYLX', '产业类型', 'SSHY', '所属行业'],
  parkId: ['SSYQ', '所属园区', 'YQID'],
  investmentPlanned: ['JHTZ', '计划投资', 'ZTZ', '总投资'],
  investmentCompleted: ['WCTZ', '完成投资', 'LJWCTZ', '累计完成投资'],
  stage: ['JD', '阶段', 'XMJD', '项目阶段'],
  signedOn: ['QYRQ', '签约日期'],
  listedOn: ['GWRQ', '挂网日期'],
  deliveredOn: ['JDRQ', '交地日期'],
  startedOn: ['DGRQ', '动工日期', 'KGRQ', '开工日期'],
  producingOn: ['TCRQ', '投产日期'],
  registeredOn: ['RKRQ', '入库日期'],
  year: ['ND', '年度', 'PZND', '批准年度', 'NF', '年份'],
  supply: ['GDFS', '供地方式'],
  version: ['BBH', '版本号', '版本'],
};

/** For each property, the file's field it is read from (absent: not read) and a value for when it is empty. */
export interface FieldMapping {
  fields: Record<string, string>;
  defaults: Record<string, string>;
}

const fold = (name: string) => name.normalize('NFKC').toLowerCase();

/** The suggested field for each property: its own name, its Chinese label, then the known names. */
export function suggestMapping(layer: ImportLayer, sourceFields: readonly string[]): FieldMapping {
  const byFolded = new Map<string, string>();
  for (const field of sourceFields) if (!byFolded.has(fold(field))) byFolded.set(fold(field), field);
  const taken = new Set<string>();
  const fields: Record<string, string> = {};
  for (const property of TARGET_PROPERTIES[layer]) {
    const candidates = [
      property.name,
      propertyLabel(property.name, 'zh'),
      ...(KNOWN_FIELD_NAMES[property.name] ?? []),
    ];
    for (const candidate of candidates) {
      const field = byFolded.get(fold(candidate));
      if (field !== undefined && !taken.has(field)) {
        fields[property.name] = field;
        taken.add(field);
        break;
      }
    }
  }
  return { fields, defaults: {} };
}

export interface MappingProblem {
  /** The feature's position in the file (from 0, as `atlas check` counts), or null for the mapping. */
  feature: number | null;
  property: string;
  message: Bilingual;
}

export type LandUseChoice = 'current' | 'sandiao';

export interface MappedFeature {
  type: 'Feature';
  id: string;
  properties: Record<string, unknown>;
  geometry: unknown;
}

const EMPTY = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** An enum value from the value itself, its Chinese or English label, without case. */
function enumValue(property: string, values: readonly string[], raw: string): string | null {
  const wanted = fold(raw.trim());
  for (const value of values) {
    if (
      fold(value) === wanted ||
      fold(valueLabel(property, value, 'zh')) === wanted ||
      fold(valueLabel(property, value, 'en')) === wanted
    )
      return value;
  }
  return null;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** 2026-03-01, 2026/3/1, 2026.3.1, 20260301, 2026年3月1日, or a Date → 2026-03-01; else null. */
export function isoDateOf(raw: unknown): string | null {
  if (raw instanceof Date && !Number.isNaN(raw.getTime()))
    return `${raw.getUTCFullYear()}-${pad(raw.getUTCMonth() + 1)}-${pad(raw.getUTCDate())}`;
  const value = String(raw).trim();
  const match =
    /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$/.exec(value) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(value);
  if (!match) return null;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const check = new Date(Date.UTC(y, m - 1, d));
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function numberOf(raw: unknown): number | null {
  if (typeof raw === 'number') return Number.isFinite(raw) ? raw : null;
  const value = String(raw)
    .trim()
    .replace(/[,，\s]/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(value)) return null;
  return Number(value);
}

/** A land-use code as text; a DBF number field drops the leading 0 of 0601 (601): it is put back. */
function landUseCode(raw: unknown): string {
  const value = typeof raw === 'number' ? String(raw) : String(raw).trim().replace(/\.0+$/, '');
  return /^\d{3}$|^\d{5}$/.test(value) ? `0${value}` : value;
}

type Converted = { ok: true; value: unknown } | { ok: false; message: Bilingual };

function convert(property: TargetProperty, raw: unknown, scheme: LandUseChoice | null): Converted {
  const { kind, name } = property;
  const shown = String(raw);
  const bad = (zh: string, en: string): Converted => ({ ok: false, message: { zh, en } });
  switch (kind.type) {
    case 'text':
      return { ok: true, value: typeof raw === 'string' ? raw.trim() : String(raw) };
    case 'number': {
      const value = numberOf(raw);
      return value === null ? bad(`“${shown}”不是数字`, `“${shown}” is not a number`) : { ok: true, value };
    }
    case 'year':
    case 'version': {
      const value = numberOf(raw);
      return value === null || !Number.isInteger(value)
        ? bad(`“${shown}”不是整数`, `“${shown}” is not a whole number`)
        : { ok: true, value };
    }
    case 'date': {
      const value = isoDateOf(raw);
      return value === null
        ? bad(`“${shown}”不是日期（应为 2026-03-01）`, `“${shown}” is not a date (write 2026-03-01)`)
        : { ok: true, value };
    }
    case 'landUse': {
      const code = landUseCode(raw);
      if (scheme !== 'sandiao') return { ok: true, value: code };
      const current = sandiaoToCurrent(code);
      return current === null
        ? bad(
            `三调地类 ${code} 在用地用海分类中没有一一对应的类别，请在文件中改为用地用海代码`,
            `三调 class ${code} has no one-to-one class in the current classification; recode it in the file`,
          )
        : { ok: true, value: current };
    }
    case 'enum': {
      const value = enumValue(name, kind.values, shown);
      return value === null
        ? bad(
            `“${shown}”不是可选值（${kind.values.map((v) => valueLabel(name, v, 'zh')).join('、')}）`,
            `“${shown}” is not one of ${kind.values.join(', ')}`,
          )
        : { ok: true, value };
    }
    case 'list': {
      const items = Array.isArray(raw)
        ? raw.map(String)
        : shown
            .split(/[,，;；、|]+/)
            .map((item) => item.trim())
            .filter((item) => item !== '');
      if (!kind.values) return { ok: true, value: items };
      const values: string[] = [];
      for (const item of items) {
        const value = enumValue(name, kind.values, item);
        if (value === null)
          return bad(
            `“${item}”不是可选值（${kind.values.map((v) => valueLabel(name, v, 'zh')).join('、')}）`,
            `“${item}” is not one of ${kind.values.join(', ')}`,
          );
        values.push(value);
      }
      return { ok: true, value: values };
    }
  }
}

/**
 * The features as the layer takes them: each mapped property read from its field (or its default when
 * the field is empty), converted; the feature's id beside. Features with problems are left out of
 * `features`; a commit is offered only when there are none.
 */
export function mapFeatures(
  layer: ImportLayer,
  features: readonly { properties: Record<string, unknown> | null; geometry: unknown }[],
  mapping: FieldMapping,
  landUseScheme: LandUseChoice | null,
): { features: MappedFeature[]; problems: MappingProblem[] } {
  const problems: MappingProblem[] = [];
  const targets = TARGET_PROPERTIES[layer];
  for (const property of targets) {
    if (property.required && !mapping.fields[property.name] && EMPTY(mapping.defaults[property.name]))
      problems.push({
        feature: null,
        property: property.name,
        message: {
          zh: `必填属性“${propertyLabel(property.name, 'zh')}”（${property.name}）没有对应字段，也没有默认值。`,
          en: `the required property ${property.name} has no field and no default value.`,
        },
      });
  }
  if (problems.length > 0) return { features: [], problems };
  const mapped: MappedFeature[] = [];
  const seen = new Map<string, number>();
  features.forEach((feature, index) => {
    const properties: Record<string, unknown> = {};
    let ok = true;
    for (const property of targets) {
      const field = mapping.fields[property.name];
      let raw = field === undefined ? undefined : feature.properties?.[field];
      let from = field;
      if (EMPTY(raw)) {
        raw = mapping.defaults[property.name];
        from = undefined;
      }
      if (EMPTY(raw)) {
        if (property.required) {
          ok = false;
          problems.push({
            feature: index,
            property: property.name,
            message: {
              zh: `字段 ${field ?? '—'} 为空，而“${propertyLabel(property.name, 'zh')}”必填；请补上或给出默认值。`,
              en: `field ${field ?? '—'} is empty and ${property.name} is required; fill it in or give a default.`,
            },
          });
        }
        continue;
      }
      const converted = convert(property, raw, landUseScheme);
      if (!converted.ok) {
        ok = false;
        problems.push({
          feature: index,
          property: property.name,
          message: {
            zh: `${from ? `字段 ${from}` : '默认值'}：${converted.message.zh}。`,
            en: `${from ? `field ${from}` : 'default value'}: ${converted.message.en}.`,
          },
        });
        continue;
      }
      properties[property.name] = converted.value;
    }
    if (!ok) return;
    const id = String(properties.id);
    const first = seen.get(id);
    if (first !== undefined) {
      problems.push({
        feature: index,
        property: 'id',
        message: {
          zh: `编号 ${id} 与要素 ${first} 重复。`,
          en: `id ${id} repeats that of feature ${first}.`,
        },
      });
      return;
    }
    seen.set(id, index);
    mapped.push({ type: 'Feature', id, properties, geometry: feature.geometry });
  });
  return { features: mapped, problems };
}
