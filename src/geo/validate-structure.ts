// RFC 7946 structure: what each GeoJSON object must contain. Our own walk gives each problem a place
// (feature, member path) and a bilingual message; `geojson-validation` then checks every feature we
// passed as a second opinion (the first GJV_FEATURES of a file), and anything it finds is reported too.

import type { Geometry } from 'geojson';
import type { Bilingual } from '../domain/i18n.ts';
import { crossCheckWithGjv } from './gjv-messages.ts';
import {
  displayText,
  type Place,
  PROBLEM_CODES,
  type ProblemCode,
  type ProblemCollector,
} from './problems.ts';
import { idOf } from './read-text.ts';

export interface FeatureEntry {
  /** Position in the FeatureCollection, 0 for a lone Feature, null for a bare geometry. */
  index: number | null;
  id: string | number | null;
  /** The geometry when it (and the feature around it) is structurally sound; null otherwise. */
  geometry: Geometry | null;
  properties: Record<string, unknown> | null;
  structureOk: boolean;
  /** The raw Feature object (undefined for a bare geometry). */
  raw: unknown;
}

export interface StructureResult {
  rootType: string | null;
  features: FeatureEntry[];
}

const GEOMETRY_TYPES = [
  'Point',
  'MultiPoint',
  'LineString',
  'MultiLineString',
  'Polygon',
  'MultiPolygon',
  'GeometryCollection',
];
const ALL_TYPES = [...GEOMETRY_TYPES, 'Feature', 'FeatureCollection'];
/** Members that define another kind of GeoJSON object (RFC 7946 §7.1): they must not be reused. */
const FOREIGN_MEANING: Record<string, readonly string[]> = {
  FeatureCollection: ['coordinates', 'geometries', 'geometry', 'properties'],
  Feature: ['coordinates', 'geometries', 'features'],
  Geometry: ['geometry', 'properties', 'features'],
};
const MAX_PROBLEMS_PER_FEATURE = 5;
/**
 * gjv costs ~5 µs a feature (half a second for 100 000 plots) and has never caught what our walk
 * missed, so it checks the first features of a file only: enough to catch a systematic export fault.
 */
const GJV_FEATURES = 2_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function kindOf(value: unknown): Bilingual {
  if (value === null) return { zh: 'null', en: 'null' };
  if (Array.isArray(value)) return { zh: '数组', en: 'an array' };
  if (typeof value === 'string')
    return { zh: `字符串 ${displayText(value)}`, en: `the string ${displayText(value)}` };
  if (typeof value === 'number') return { zh: `数字 ${value}`, en: `the number ${value}` };
  if (typeof value === 'boolean') return { zh: `布尔值 ${value}`, en: `the boolean ${value}` };
  if (value === undefined) return { zh: '缺失', en: 'nothing' };
  return { zh: '对象', en: 'an object' };
}

class StructureWalker {
  private place: Place = {};
  private featureProblems = 0;
  private featureOk = true;

  constructor(private readonly problems: ProblemCollector) {}

  begin(place: Place): void {
    this.place = place;
    this.featureProblems = 0;
    this.featureOk = true;
  }

  get ok(): boolean {
    return this.featureOk;
  }

  fail(path: string, zh: string, en: string, code: ProblemCode = PROBLEM_CODES.badStructure): void {
    this.featureOk = false;
    if (++this.featureProblems > MAX_PROBLEMS_PER_FEATURE) return;
    const where = path ? `${path}: ` : '';
    this.problems.error(code, { zh: `${where}${zh}`, en: `${where}${en}` }, this.place);
  }

  warn(code: ProblemCode, message: Bilingual): void {
    this.problems.warning(code, message, this.place);
  }

  checkType(
    object: Record<string, unknown>,
    path: string,
    allowed: readonly string[],
    isRoot = false,
  ): string | null {
    const type = object.type;
    if (typeof type !== 'string') {
      this.fail(
        path,
        `对象缺少字符串类型的 "type" 成员（实际为${kindOf(type).zh}）；GeoJSON 对象须写明类型，如 "Feature"。`,
        `the object has no string "type" member (found ${kindOf(type).en}); every GeoJSON object names its type, e.g. "Feature".`,
        isRoot ? PROBLEM_CODES.notGeoJson : PROBLEM_CODES.badStructure,
      );
      return null;
    }
    if (allowed.includes(type)) return type;
    const sameLetters = allowed.find((name) => name.toLowerCase() === type.toLowerCase());
    if (sameLetters) {
      this.fail(
        path,
        `类型 ${displayText(type)} 大小写不对：应写作 "${sameLetters}"。`,
        `type ${displayText(type)} has the wrong case: write "${sameLetters}".`,
      );
    } else {
      this.fail(
        path,
        `类型 ${displayText(type)} 不是此处允许的 GeoJSON 类型（应为 ${allowed.join('、')} 之一）。`,
        `type ${displayText(type)} is not a GeoJSON type allowed here (expected one of ${allowed.join(', ')}).`,
        isRoot && !ALL_TYPES.includes(type) ? PROBLEM_CODES.notGeoJson : PROBLEM_CODES.badStructure,
      );
    }
    return null;
  }

  checkForeign(object: Record<string, unknown>, kind: string, path: string): void {
    const misused = (FOREIGN_MEANING[kind] ?? []).filter((name) => name in object);
    if (misused.length === 0) return;
    const names = misused.map((name) => `"${name}"`).join(', ');
    this.warn(PROBLEM_CODES.changedSemantics, {
      zh: `${path ? `${path}: ` : ''}${kind} 含有 ${names} 成员，这些名字在 GeoJSON 中属于其他对象，将被忽略；请删除或改名。`,
      en: `${path ? `${path}: ` : ''}a ${kind} carries ${names}, names that belong to other GeoJSON objects; they are ignored: remove or rename them.`,
    });
  }

  checkBbox(object: Record<string, unknown>, path: string): void {
    if (!('bbox' in object)) return;
    const bbox = object.bbox;
    const at = path ? `${path}.bbox` : 'bbox';
    if (!Array.isArray(bbox) || (bbox.length !== 4 && bbox.length !== 6)) {
      this.fail(
        at,
        `bbox 应为 4 个或 6 个数字的数组（实际为${kindOf(bbox).zh}）。`,
        `bbox must be an array of 4 or 6 numbers (found ${Array.isArray(bbox) ? `${bbox.length} items` : kindOf(bbox).en}).`,
      );
    } else if (!bbox.every((n) => typeof n === 'number' && Number.isFinite(n))) {
      this.fail(at, 'bbox 只能包含数字。', 'bbox must contain numbers only.');
    }
  }

  /** `index`: the position's place in its ring or line; the path names it only when something is wrong. */
  position(value: unknown, path: string, index?: number): boolean {
    if (!Array.isArray(value)) {
      this.fail(
        pathAt(path, index),
        `坐标点应为 [经度, 纬度] 数组（实际为${kindOf(value).zh}）。`,
        `a position must be an array [longitude, latitude] (found ${kindOf(value).en}).`,
      );
      return false;
    }
    if (value.length < 2) {
      this.fail(
        pathAt(path, index),
        `坐标点至少需要经度和纬度两个数字（实际 ${value.length} 个）。`,
        `a position needs at least two numbers, longitude and latitude (found ${value.length}).`,
      );
      return false;
    }
    for (let i = 0; i < value.length; i++) {
      const n = value[i];
      if (typeof n !== 'number') {
        const quotes =
          typeof n === 'string' ? { zh: '；请去掉引号', en: ': remove the quotes' } : { zh: '', en: '' };
        this.fail(
          pathAt(path, index),
          `坐标只能是数字，第 ${i} 项是${kindOf(n).zh}${quotes.zh}。`,
          `coordinates must be numbers; item ${i} is ${kindOf(n).en}${quotes.en}.`,
        );
        return false;
      }
      if (!Number.isFinite(n)) {
        this.fail(
          pathAt(path, index),
          '坐标数值过大，不是有限数字。',
          'a coordinate is too large to be a finite number.',
          PROBLEM_CODES.coordinateOutOfRange,
        );
        return false;
      }
    }
    return true;
  }

  positions(value: unknown, path: string, minimum: number, what: Bilingual): boolean {
    if (!Array.isArray(value)) {
      this.fail(
        path,
        `${what.zh}应为坐标点数组（实际为${kindOf(value).zh}）。`,
        `${what.en} must be an array of positions (found ${kindOf(value).en}).`,
      );
      return false;
    }
    if (value.length < minimum) {
      const code = minimum === 4 ? PROBLEM_CODES.ringTooShort : PROBLEM_CODES.badStructure;
      this.fail(
        path,
        `${what.zh}至少需要 ${minimum} 个坐标点（实际 ${value.length} 个）。`,
        `${what.en} needs at least ${minimum} positions (found ${value.length}).`,
        code,
      );
      return false;
    }
    for (let i = 0; i < value.length; i++) if (!this.position(value[i], path, i)) return false;
    return true;
  }

  ring(value: unknown, path: string): void {
    if (!this.positions(value, path, 4, { zh: '多边形的环', en: 'a polygon ring' })) return;
    const ring = value as number[][];
    const first = ring[0] as number[];
    const last = ring[ring.length - 1] as number[];
    if (first.length !== last.length || first.some((n, i) => n !== last[i])) {
      this.fail(
        path,
        `环没有闭合：首点 ${displayText(first)} 与末点 ${displayText(last)} 不同；请在末尾补上与首点相同的坐标。`,
        `the ring is not closed: first position ${displayText(first)} differs from last ${displayText(last)}; repeat the first position at the end.`,
        PROBLEM_CODES.ringNotClosed,
      );
    }
  }

  list(value: unknown, path: string, each: (item: unknown, at: string) => void): void {
    if (!Array.isArray(value)) {
      this.fail(
        path,
        `应为数组（实际为${kindOf(value).zh}）。`,
        `must be an array (found ${kindOf(value).en}).`,
      );
      return;
    }
    for (let i = 0; i < value.length && this.featureProblems < MAX_PROBLEMS_PER_FEATURE; i++)
      each(value[i], `${path}[${i}]`);
  }

  geometry(value: unknown, path: string, depth: number): void {
    if (!isRecord(value)) {
      this.fail(
        path,
        `几何应为对象（实际为${kindOf(value).zh}）。`,
        `a geometry must be an object (found ${kindOf(value).en}).`,
      );
      return;
    }
    const type = this.checkType(value, path, GEOMETRY_TYPES);
    this.checkBbox(value, path);
    this.checkForeign(value, 'Geometry', path);
    if (type === null) return;
    const at = path ? `${path}.` : '';
    if (type === 'GeometryCollection') {
      this.geometryCollection(value, at, depth);
      return;
    }
    if (!('coordinates' in value)) {
      this.fail(path, `${type} 缺少 "coordinates" 成员。`, `the ${type} has no "coordinates" member.`);
      return;
    }
    const c = value.coordinates;
    const coordinates = `${at}coordinates`;
    const line = { zh: '线', en: 'a line' };
    switch (type) {
      case 'Point':
        this.position(c, coordinates);
        break;
      case 'MultiPoint':
        this.list(c, coordinates, (item, p) => this.position(item, p));
        break;
      case 'LineString':
        this.positions(c, coordinates, 2, line);
        break;
      case 'MultiLineString':
        this.list(c, coordinates, (item, p) => this.positions(item, p, 2, line));
        break;
      case 'Polygon':
        this.list(c, coordinates, (item, p) => this.ring(item, p));
        break;
      case 'MultiPolygon':
        this.list(c, coordinates, (polygon, p) => this.list(polygon, p, (item, q) => this.ring(item, q)));
        break;
    }
  }

  geometryCollection(value: Record<string, unknown>, at: string, depth: number): void {
    const members = value.geometries;
    const where = at ? `${at.slice(0, -1)}: ` : '';
    if (depth > 0) {
      this.warn(PROBLEM_CODES.nestedGeometryCollection, {
        zh: `${where}GeometryCollection 嵌套在另一个 GeometryCollection 中，RFC 7946 不建议这样做；请展开为一层。`,
        en: `${where}a GeometryCollection nested in another; RFC 7946 advises against it: flatten it into one.`,
      });
    }
    if (Array.isArray(members) && members.length === 1) {
      this.warn(PROBLEM_CODES.singleMemberGeometryCollection, {
        zh: `${where}GeometryCollection 只有一个成员；请直接使用该几何。`,
        en: `${where}a GeometryCollection with a single member; use that geometry directly.`,
      });
    }
    this.list(members, `${at}geometries`, (item, p) => this.geometry(item, p, depth + 1));
  }

  feature(value: unknown, entry: FeatureEntry): void {
    if (!isRecord(value)) {
      this.fail(
        '',
        `要素应为 GeoJSON Feature 对象（实际为${kindOf(value).zh}）。`,
        `a feature must be a GeoJSON Feature object (found ${kindOf(value).en}).`,
      );
      return;
    }
    this.checkType(value, '', ['Feature']);
    this.checkBbox(value, '');
    this.checkForeign(value, 'Feature', '');
    const id = value.id;
    if (id !== undefined && typeof id !== 'string' && typeof id !== 'number') {
      this.fail(
        'id',
        `要素的 id 必须是字符串或数字（实际为${kindOf(id).zh}）。`,
        `a Feature id must be a string or a number (found ${kindOf(id).en}).`,
      );
    }
    if (!('properties' in value)) {
      this.fail(
        '',
        '要素缺少 "properties" 成员（没有属性时写 "properties": {}）。',
        'the Feature has no "properties" member (write "properties": {} when it has none).',
      );
    } else if (value.properties !== null && !isRecord(value.properties)) {
      this.fail(
        'properties',
        `properties 必须是对象或 null（实际为${kindOf(value.properties).zh}）。`,
        `properties must be an object or null (found ${kindOf(value.properties).en}).`,
      );
    } else {
      entry.properties = value.properties as Record<string, unknown> | null;
    }
    if (!('geometry' in value)) {
      this.fail(
        '',
        '要素缺少 "geometry" 成员（没有几何时写 "geometry": null）。',
        'the Feature has no "geometry" member (write "geometry": null when it has none).',
      );
    } else if (value.geometry !== null) {
      this.geometry(value.geometry, 'geometry', 0);
      if (this.ok) entry.geometry = value.geometry as Geometry;
    }
  }
}

/**
 * A Feature's own `id` member, when it is a string or a number: the member as written, which the layer
 * validator checks (present, a string, equal to properties.id). Which id a feature *has* is the rule in
 * src/domain/feature-id.ts.
 */

/** Walks the whole value; every structural problem goes to `problems`. */
export function checkStructure(value: unknown, problems: ProblemCollector): StructureResult {
  const walker = new StructureWalker(problems);
  walker.begin({});
  if (!isRecord(value)) {
    walker.fail(
      '',
      `文件内容是${kindOf(value).zh}，不是 GeoJSON 对象；GeoJSON 以带 "type" 的对象开始。`,
      `the file holds ${kindOf(value).en}, not a GeoJSON object; GeoJSON starts with an object that has a "type".`,
      PROBLEM_CODES.notGeoJson,
    );
    return { rootType: null, features: [] };
  }
  const rootType = walker.checkType(value, '', ALL_TYPES, true);
  const entries: FeatureEntry[] = [];
  const single = (index: number | null, raw: unknown): FeatureEntry => ({
    index,
    id: idOf(raw),
    geometry: null,
    properties: null,
    structureOk: false,
    raw,
  });
  if (rootType === 'FeatureCollection') {
    walker.checkForeign(value, 'FeatureCollection', '');
    walker.checkBbox(value, '');
    const features = value.features;
    if (!Array.isArray(features)) {
      walker.fail(
        'features',
        `FeatureCollection 需要 "features" 数组（实际为${kindOf(features).zh}）。`,
        `a FeatureCollection needs a "features" array (found ${kindOf(features).en}).`,
      );
    } else {
      const rootOk = walker.ok;
      features.forEach((raw, index) => {
        const entry = single(index, raw);
        walker.begin({ featureIndex: index, featureId: entry.id });
        walker.feature(raw, entry);
        if (walker.ok && index < GJV_FEATURES)
          crossCheckWithGjv(raw, 'feature', (m) => walker.fail('', m.zh, m.en));
        entry.structureOk = walker.ok && rootOk;
        entries.push(entry);
      });
    }
  } else if (rootType === 'Feature') {
    const entry = single(0, value);
    walker.begin({ featureIndex: 0, featureId: entry.id });
    walker.feature(value, entry);
    if (walker.ok) crossCheckWithGjv(value, 'feature', (m) => walker.fail('', m.zh, m.en));
    entry.structureOk = walker.ok;
    entries.push(entry);
  } else if (rootType !== null) {
    const entry = single(null, undefined);
    walker.geometry(value, '', 0);
    if (walker.ok) crossCheckWithGjv(value, 'geometry', (m) => walker.fail('', m.zh, m.en));
    entry.structureOk = walker.ok;
    if (walker.ok) entry.geometry = value as unknown as Geometry;
    entries.push(entry);
  }
  return { rootType, features: entries };
}

/** A path with an array index, built only for a message: a county's layer has millions of positions. */
function pathAt(path: string, index: number | undefined): string {
  return index === undefined ? path : `${path}[${index}]`;
}
