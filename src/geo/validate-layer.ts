// What a Land Atlas layer file must hold beyond GeoJSON (PRODUCT.md, data model): a FeatureCollection,
// the layer's geometry types, properties that pass the layer's schema, and a unique string `id` both as
// the Feature's id and as properties.id. zod's issues become messages naming the property.

import type { Geometry } from 'geojson';
import type { z } from 'zod';
import { FEATURE_ID_MAX_LENGTH, FEATURE_ID_RULE, isFeatureId } from '../domain/feature-id.ts';
import type { Bilingual } from '../domain/i18n.ts';
import type { LayerId } from '../domain/layers.ts';
import { LAYER_GEOMETRY_TYPES, LAYER_PROPERTY_SCHEMAS } from '../domain/schemas.ts';
import { displayText, PROBLEM_CODES, type ProblemCollector } from './problems.ts';
import type { FeatureEntry } from './validate-structure.ts';

const LAYER_NAMES: Record<LayerId, Bilingual> = {
  boundary: { zh: '行政边界', en: 'boundary' },
  parks: { zh: '产业园区', en: 'parks' },
  plots: { zh: '低效工业用地图斑', en: 'plots' },
  projects: { zh: '重点项目', en: 'projects' },
  newland: { zh: '新增建设用地', en: 'new construction land' },
  zones: { zh: '改造片区', en: 'zones' },
};

/** The schemas' own English messages (src/domain/schemas.ts), in Chinese. */
const SCHEMA_MESSAGES_ZH: Record<string, string> = {
  'must be a date written YYYY-MM-DD': '必须是 YYYY-MM-DD 格式的日期',
  'is not a real calendar date': '不是真实存在的日期',
  'must not be empty': '不能为空',
  'must be a land-use code of 4 or 6 digits, e.g. 1001': '必须是 4 位或 6 位数字的用地分类代码，如 1001',
};

const TYPE_NAMES: Record<string, Bilingual> = {
  string: { zh: '字符串', en: 'a string' },
  number: { zh: '数字', en: 'a number' },
  array: { zh: '数组', en: 'an array' },
  object: { zh: '对象', en: 'an object' },
  boolean: { zh: '布尔值', en: 'a boolean' },
};

function valueAt(properties: Record<string, unknown>, path: readonly PropertyKey[]): unknown {
  let value: unknown = properties;
  for (const key of path) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function found(value: unknown): Bilingual {
  if (value === undefined) return { zh: '缺失', en: 'missing' };
  return { zh: `实际为 ${displayText(value)}`, en: `found ${displayText(value)}` };
}

/** One zod issue as a message: which property, what was expected, what was found. */
function describeIssue(issue: z.core.$ZodIssue, properties: Record<string, unknown>): Bilingual {
  const name = issue.path
    .map((key) => (typeof key === 'number' ? `[${key}]` : String(key)))
    .join('.')
    .replace(/\.\[/g, '[');
  const value = valueAt(properties, issue.path);
  const got = found(value);
  const property = { zh: `属性 ${name}`, en: `property ${name}` };
  let expected: Bilingual;
  switch (issue.code) {
    case 'invalid_type': {
      if (value === undefined) {
        return {
          zh: `缺少必填${property.zh}（应为${TYPE_NAMES[issue.expected]?.zh ?? issue.expected}）；请补上。`,
          en: `the required ${property.en} is missing (expected ${TYPE_NAMES[issue.expected]?.en ?? issue.expected}); add it.`,
        };
      }
      expected = {
        zh: TYPE_NAMES[issue.expected]?.zh ?? issue.expected,
        en: TYPE_NAMES[issue.expected]?.en ?? issue.expected,
      };
      break;
    }
    case 'invalid_value': {
      const options = issue.values.map((option) => displayText(option)).join(', ');
      expected = { zh: `以下之一：${options}`, en: `one of ${options}` };
      break;
    }
    case 'too_small':
    case 'too_big': {
      const bound = String(issue.code === 'too_small' ? issue.minimum : issue.maximum);
      const small = issue.code === 'too_small';
      const strict = issue.inclusive === false;
      if (issue.origin === 'string' && small) expected = { zh: '非空文本', en: 'non-empty text' };
      else if (issue.origin === 'array')
        expected = {
          zh: `${small ? '至少' : '至多'} ${bound} 项`,
          en: `${small ? 'at least' : 'at most'} ${bound} items`,
        };
      else
        expected = {
          zh: `${small ? (strict ? '大于' : '不小于') : strict ? '小于' : '不大于'} ${bound} 的数`,
          en: `a number ${small ? (strict ? 'above' : 'at least') : strict ? 'below' : 'at most'} ${bound}`,
        };
      break;
    }
    default:
      expected = { zh: SCHEMA_MESSAGES_ZH[issue.message] ?? issue.message, en: issue.message };
      return {
        zh: `${property.zh}${expected.zh}（${got.zh}）。`,
        en: `${property.en} ${expected.en} (${got.en}).`,
      };
  }
  return {
    zh: `${property.zh}应为${expected.zh}（${got.zh}）。`,
    en: `${property.en} must be ${expected.en} (${got.en}).`,
  };
}

/** A geometry without a single position (`"coordinates": []`, or a MultiPolygon with an empty part):
 *  valid RFC 7946, but a layer feature with no land to show, pick or measure. */
function isEmptyGeometry(geometry: Geometry | null): boolean {
  if (geometry === null) return false;
  if (geometry.type === 'GeometryCollection') return geometry.geometries.length === 0;
  const coordinates = geometry.coordinates as unknown[];
  if (coordinates.length === 0) return true;
  return geometry.type === 'MultiPolygon' && geometry.coordinates.some((part) => part.length === 0);
}

/** Layer rules for every feature; `entries` are the features in file order. */
export function checkLayer(
  layer: LayerId,
  rootType: string | null,
  entries: readonly FeatureEntry[],
  problems: ProblemCollector,
): void {
  const layerName = LAYER_NAMES[layer];
  if (rootType !== 'FeatureCollection') {
    if (rootType !== null) {
      problems.error(PROBLEM_CODES.notFeatureCollection, {
        zh: `${layerName.zh}图层文件必须是 FeatureCollection（实际为 ${rootType}）；请把要素放进 {"type": "FeatureCollection", "features": [...]}。`,
        en: `a ${layerName.en} layer file must be a FeatureCollection (found ${rootType}); put the features in {"type": "FeatureCollection", "features": [...]}.`,
      });
    }
    return;
  }
  const allowed = LAYER_GEOMETRY_TYPES[layer];
  const schema = LAYER_PROPERTY_SCHEMAS[layer];
  const firstIndexOfId = new Map<string, number>();
  for (const entry of entries) {
    if (!entry.structureOk) continue;
    const place = { featureIndex: entry.index, featureId: entry.id };
    const geometryType = entry.geometry?.type ?? null;
    if (geometryType === null || !allowed.includes(geometryType)) {
      problems.error(
        PROBLEM_CODES.wrongGeometryType,
        {
          zh: `${layerName.zh}图层的几何必须是 ${allowed.join(' 或 ')}（实际为 ${geometryType ?? '空几何 null'}）。`,
          en: `a ${layerName.en} feature's geometry must be ${allowed.join(' or ')} (found ${geometryType ?? 'null'}).`,
        },
        place,
      );
    } else if (isEmptyGeometry(entry.geometry)) {
      problems.error(
        PROBLEM_CODES.emptyGeometry,
        {
          zh: `${layerName.zh}要素的几何没有任何坐标（空的 ${geometryType}）；请画出范围或删去该要素。`,
          en: `the ${layerName.en} feature has an empty ${geometryType} (no coordinates); draw its outline or remove the feature.`,
        },
        place,
      );
    }
    const properties = entry.properties;
    if (properties === null) {
      problems.error(
        PROBLEM_CODES.propertySchema,
        {
          zh: `要素没有属性（properties 为 null）；${layerName.zh}图层要求 id 等属性。`,
          en: `the feature has no properties (null); the ${layerName.en} layer requires id and other properties.`,
        },
        place,
      );
      continue;
    }
    const result = schema.safeParse(properties);
    if (!result.success) {
      for (const issue of result.error.issues.slice(0, 8)) {
        problems.error(PROBLEM_CODES.propertySchema, describeIssue(issue, properties), place);
      }
    }
    checkId(entry, properties, problems, firstIndexOfId);
  }
}

function checkId(
  entry: FeatureEntry,
  properties: Record<string, unknown>,
  problems: ProblemCollector,
  firstIndexOfId: Map<string, number>,
): void {
  const place = { featureIndex: entry.index, featureId: entry.id };
  const propertyId = properties.id;
  if (entry.id === null) {
    const add =
      typeof propertyId === 'string' && propertyId !== '' ? `"id": ${displayText(propertyId)}` : '"id"';
    problems.error(
      PROBLEM_CODES.missingId,
      {
        zh: `要素缺少 id；请在 Feature 上加 ${add}，与 properties.id 相同。`,
        en: `the feature has no id; add ${add} to the Feature, equal to properties.id.`,
      },
      place,
    );
    return;
  }
  if (typeof entry.id !== 'string') {
    problems.error(
      PROBLEM_CODES.idMismatch,
      {
        zh: `要素 id 必须是字符串（实际为数字 ${entry.id}）；请写成 "${entry.id}"，并与 properties.id 一致。`,
        en: `the Feature id must be a string (found the number ${entry.id}); write "${entry.id}", the same as properties.id.`,
      },
      place,
    );
  } else if (!isFeatureId(entry.id)) {
    problems.error(
      PROBLEM_CODES.invalidId,
      {
        zh: `要素 id ${displayText(entry.id)} 无效：须为 1 至 ${FEATURE_ID_MAX_LENGTH} 个字符，不含控制字符，不能全为空格，也不能是 . 或 ..（否则无法在网址中访问）。`,
        en: `the feature id ${displayText(entry.id)} is not valid: it ${FEATURE_ID_RULE}, and is not . or .. (else no address can reach it).`,
      },
      place,
    );
  } else if (typeof propertyId === 'string' && propertyId !== entry.id) {
    problems.error(
      PROBLEM_CODES.idMismatch,
      {
        zh: `要素 id ${displayText(entry.id)} 与 properties.id ${displayText(propertyId)} 不一致；两者必须相同。`,
        en: `the Feature id ${displayText(entry.id)} differs from properties.id ${displayText(propertyId)}; they must be the same.`,
      },
      place,
    );
  }
  const key = String(entry.id);
  const first = firstIndexOfId.get(key);
  if (first === undefined) firstIndexOfId.set(key, entry.index ?? 0);
  else {
    problems.error(
      PROBLEM_CODES.duplicateId,
      {
        zh: `id ${displayText(key)} 重复：要素 ${first} 已使用；每个要素的 id 必须唯一。`,
        en: `id ${displayText(key)} is used twice: feature ${first} has it already; every feature needs its own id.`,
      },
      place,
    );
  }
}
