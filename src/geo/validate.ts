// The one validator every loader uses (app, worker, CLI, server): text or a parsed value in, a report
// of problems out, and the GeoJSON only when there is no error — a file with any error loads nothing.
// Order of work: JSON text → RFC 7946 structure → coordinates (degrees at all?) → polygon validity →
// the layer's own rules when the file is a Land Atlas layer.

import type { Feature, GeoJSON } from 'geojson';
import { featureId } from '../domain/feature-id.ts';
import type { Bilingual } from '../domain/i18n.ts';
import { type LayerId, layerFromFileName } from '../domain/layers.ts';
import { breaksJsonLimits, findNonFiniteNumber, findTooDeepValue, MAX_JSON_DEPTH } from './json-limits.ts';
import {
  findDuplicateKeys,
  findOutOfRangeNumber,
  hasDuplicateKeys,
  parseJsonText,
  positionAt,
} from './json-text.ts';
import {
  displayText,
  type Place,
  PROBLEM_CODES,
  type Problem,
  ProblemCollector,
  type ValidationReport,
} from './problems.ts';
import { checkCoordinates, type LocatedGeometry } from './validate-coordinates.ts';
import { checkGeometry } from './validate-geometry.ts';
import { checkLayer } from './validate-layer.ts';
import { checkStructure, type FeatureEntry, idOf } from './validate-structure.ts';

export type { Problem, ProblemCode, ValidationReport } from './problems.ts';
export { displayText, formatProblem, PROBLEM_CODES } from './problems.ts';

export interface ValidateOptions {
  fileName: string;
  /** The layer whose rules apply; undefined: guess from the file name; null: generic GeoJSON. */
  layer?: LayerId | null;
}

function resolveLayer(options: ValidateOptions): LayerId | null {
  return options.layer === undefined ? (layerFromFileName(options.fileName) ?? null) : options.layer;
}

/** File-level problems first, then by feature, each group in the order found; summaries last. */
function ordered(problems: Problem[]): Problem[] {
  const summaries = problems.filter((p) => p.code === PROBLEM_CODES.moreProblems);
  const rest = problems.filter((p) => p.code !== PROBLEM_CODES.moreProblems);
  const rank = (p: Problem) => (p.featureIndex === null ? -1 : p.featureIndex);
  const sorted = rest.map((p, i) => ({ p, i })).sort((a, b) => rank(a.p) - rank(b.p) || a.i - b.i);
  return [...sorted.map(({ p }) => p), ...summaries];
}

function checkGenericIds(entries: readonly FeatureEntry[], problems: ProblemCollector): void {
  const seen = new Map<string | number, number>();
  for (const entry of entries) {
    if (entry.id === null || entry.index === null) continue;
    const first = seen.get(entry.id);
    if (first === undefined) seen.set(entry.id, entry.index);
    else {
      problems.warning(
        PROBLEM_CODES.duplicateId,
        {
          zh: `id ${displayText(entry.id)} 重复：要素 ${first} 已使用；按 id 选择要素时会混淆。`,
          en: `id ${displayText(entry.id)} is used twice: feature ${first} has it already; selecting by id will be ambiguous.`,
        },
        { featureIndex: entry.index, featureId: entry.id },
      );
    }
  }
}

/** `features[0].properties.far` for a path of keys and indexes. */
function pathText(path: readonly (string | number)[]): string {
  let text = '';
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(key)) text += text === '' ? key : `.${key}`;
    else text += `[${displayText(key)}]`;
  }
  if (text === '') return '(the whole file)';
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}

const TOO_DEEP_HINT: Bilingual = {
  zh: 'GeoJSON 最多嵌套约 10 层（坐标数组套数组），这不是 GIS 软件导出的 GeoJSON，或文件已损坏；请从 GIS 软件重新导出。',
  en: 'GeoJSON never needs more than about 10 levels (coordinate arrays inside arrays), so this is not GeoJSON as GIS software writes it, or the file is damaged: export it again from the GIS software.',
};

/**
 * Arrays and objects nested deeper than MAX_JSON_DEPTH, and numbers out of range (`1e309`), which
 * JSON.parse turns into Infinity; `text` locates them when the value came from text. False when found:
 * nothing else is checked then, since every later walk assumes bounded depth and finite numbers.
 */
function checkLimits(value: unknown, problems: ProblemCollector, text: string | null): boolean {
  const broken = text === null ? breaksJsonLimits(value, MAX_JSON_DEPTH) : 'non-finite';
  if (broken === null) return true;
  if (broken === 'too-deep') {
    const deep = findTooDeepValue(value, MAX_JSON_DEPTH) ?? [];
    const at = pathText(deep);
    problems.error(PROBLEM_CODES.tooDeep, {
      zh: `数组和对象嵌套超过 ${MAX_JSON_DEPTH} 层（在 ${at}）。${TOO_DEEP_HINT.zh}`,
      en: `arrays and objects nest more than ${MAX_JSON_DEPTH} levels deep (at ${at}); ${TOO_DEEP_HINT.en}`,
    });
    return false;
  }
  const found = text === null ? null : findOutOfRangeNumber(text);
  const path = findNonFiniteNumber(value);
  if (!found && !path && typeof value !== 'number') return true;
  const place = featurePlace(value, path ?? []);
  if (found && text !== null) {
    const { line, column } = positionAt(text, found.offset);
    const literal = found.literal.length > 40 ? `${found.literal.slice(0, 39)}…` : found.literal;
    problems.error(
      PROBLEM_CODES.numberOutOfRange,
      {
        zh: `第 ${line} 行第 ${column} 列的数字 ${literal} 超出了数值范围（绝对值大于约 1.8e308），读入后会变成无穷大；请写出实际数值。`,
        en: `the number ${literal} at line ${line}, column ${column} is out of range (beyond about ±1.8e308) and would be read as infinity; write the actual value.`,
      },
      { line, ...place },
    );
  } else {
    const at = pathText(path ?? []);
    problems.error(
      PROBLEM_CODES.numberOutOfRange,
      {
        zh: `${at} 处的数字不是有限数（超出数值范围，如 1e309 读入后为无穷大）；请写出实际数值。`,
        en: `the number at ${at} is not finite (out of range, as 1e309 is, which reads as infinity); write the actual value.`,
      },
      place,
    );
  }
  return false;
}

/** The feature a path into the parsed file leads into (`features/3/…`, or a lone Feature), if any. */
function featurePlace(value: unknown, path: readonly (string | number)[]): Place {
  if (typeof value !== 'object' || value === null) return {};
  const root = value as { type?: unknown; features?: unknown };
  if (root.type === 'Feature') return { featureIndex: 0, featureId: idOf(root) };
  const index = path[1];
  if (path[0] !== 'features' || typeof index !== 'number' || !Array.isArray(root.features)) return {};
  return { featureIndex: index, featureId: idOf(root.features[index]) };
}

function validateInto(value: unknown, layer: LayerId | null, problems: ProblemCollector): void {
  const structure = checkStructure(value, problems);
  const located: LocatedGeometry[] = [];
  for (const entry of structure.features) {
    if (entry.structureOk && entry.geometry)
      located.push({ index: entry.index, id: entry.id, geometry: entry.geometry });
  }
  checkCoordinates(located, problems, layer !== null);
  const notDegrees = problems.problems.some(
    (p) => p.code === PROBLEM_CODES.projectedCoordinates || p.code === PROBLEM_CODES.latLonSwapped,
  );
  // Kinks in metres or in swapped axes would only repeat the one problem that matters.
  if (!notDegrees) {
    for (const { geometry, index, id } of located)
      checkGeometry(geometry, problems, { featureIndex: index, featureId: id });
  }
  if (layer !== null) checkLayer(layer, structure.rootType, structure.features, problems);
  else checkGenericIds(structure.features, problems);
}

function report(problems: ProblemCollector, value: unknown): ValidationReport {
  const ok = problems.errorCount === 0;
  return { ok, problems: ordered(problems.finish()), geojson: ok ? (value as GeoJSON) : null };
}

/** Validates an already parsed value (duplicate keys cannot be seen any more: use the text form when you can). */
export function validateGeoJson(value: unknown, options: ValidateOptions): ValidationReport {
  const problems = new ProblemCollector();
  if (checkLimits(value, problems, null)) validateInto(value, resolveLayer(options), problems);
  return report(problems, value);
}

/** No value: the text itself failed (its problems are in the collector). */
const UNREADABLE = Symbol('unreadable');

/**
 * The text's own problems, as for any file: empty, binary, JSON syntax (with its line), nesting beyond
 * the limit, numbers beyond a double. Returns the parsed value, or UNREADABLE when one of them stops it.
 */
function readText(text: string, problems: ProblemCollector): { value: unknown } | typeof UNREADABLE {
  const parsed = parseJsonText(text);
  switch (parsed.kind) {
    case 'empty':
      problems.error(PROBLEM_CODES.emptyFile, {
        zh: '文件是空的（或只有空白）；请重新导出 GeoJSON。',
        en: 'the file is empty (or only whitespace); export the GeoJSON again.',
      });
      return UNREADABLE;
    case 'binary':
      problems.error(PROBLEM_CODES.binaryFile, {
        zh: '这不是文本文件（可能是 Shapefile、ZIP 或图片）；请在 GIS 软件中导出为 GeoJSON。',
        en: 'this is not a text file (perhaps a Shapefile, a ZIP or an image); export it as GeoJSON from the GIS software.',
      });
      return UNREADABLE;
    case 'syntax':
      problems.error(PROBLEM_CODES.jsonSyntax, parsed.message, { line: parsed.position?.line ?? null });
      return UNREADABLE;
    case 'too-deep': {
      const { line, column } = parsed.position;
      problems.error(
        PROBLEM_CODES.tooDeep,
        {
          zh: `数组和对象嵌套超过 ${MAX_JSON_DEPTH} 层（第 ${line} 行第 ${column} 列开始第 ${parsed.depth} 层）。${TOO_DEEP_HINT.zh}`,
          en: `arrays and objects nest more than ${MAX_JSON_DEPTH} levels deep (level ${parsed.depth} opens at line ${line}, column ${column}); ${TOO_DEEP_HINT.en}`,
        },
        { line },
      );
      return UNREADABLE;
    }
  }
  if (parsed.nonFinite) {
    checkLimits(parsed.value, problems, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    return UNREADABLE;
  }
  return parsed;
}

/** Validates the text of a file: JSON syntax and duplicate keys first, then everything validateGeoJson checks. */
export function validateGeoJsonText(text: string, options: ValidateOptions): ValidationReport {
  const problems = new ProblemCollector();
  const parsed = readText(text, problems);
  if (parsed === UNREADABLE) return report(problems, null);
  const duplicates = hasDuplicateKeys(text, parsed.value) ? findDuplicateKeys(text) : [];
  for (const duplicate of duplicates) {
    const key = displayText(duplicate.key);
    const lines =
      duplicate.firstLine === duplicate.line
        ? { zh: `第 ${duplicate.line} 行`, en: `line ${duplicate.line}` }
        : {
            zh: `第 ${duplicate.firstLine} 行和第 ${duplicate.line} 行`,
            en: `lines ${duplicate.firstLine} and ${duplicate.line}`,
          };
    problems.error(
      PROBLEM_CODES.duplicateKey,
      {
        zh: `键 ${key} 在同一对象中出现两次（${lines.zh}），无法确定取哪个值；请删去其中一个。`,
        en: `the key ${key} appears twice in one object (${lines.en}), so which value counts is unclear; remove one.`,
      },
      { line: duplicate.line },
    );
  }
  const layer = resolveLayer(options);
  validateInto(parsed.value, layer, problems);
  return report(problems, parsed.value);
}

/**
 * Checks a layer as the server serves it, after the server validated every feature when it was written:
 * the text's own problems as for any file, then only the shape the app relies on — a FeatureCollection
 * whose features each have a geometry object (or null) and an id of their own — in one pass with no
 * geometry checks. A guard against a truncated or foreign answer, not a second validation.
 */
export function checkServedLayerText(text: string): ValidationReport {
  const problems = new ProblemCollector();
  const parsed = readText(text, problems);
  if (parsed === UNREADABLE) return report(problems, null);
  const value = parsed.value as { type?: unknown; features?: unknown } | null;
  if (
    !value ||
    typeof value !== 'object' ||
    value.type !== 'FeatureCollection' ||
    !Array.isArray(value.features)
  ) {
    problems.error(PROBLEM_CODES.notFeatureCollection, {
      zh: '服务器返回的不是图层（FeatureCollection）；请刷新页面，仍然如此请联系管理员。',
      en: 'the server did not answer with a layer (a FeatureCollection); reload, and tell the administrator if it persists.',
    });
    return report(problems, null);
  }
  const seen = new Set<string>();
  value.features.forEach((feature: unknown, index: number) => {
    const candidate = feature as {
      type?: unknown;
      geometry?: unknown;
      properties?: unknown;
      id?: unknown;
    } | null;
    const shaped =
      candidate !== null &&
      typeof candidate === 'object' &&
      candidate.type === 'Feature' &&
      (candidate.geometry === null ||
        (typeof candidate.geometry === 'object' &&
          typeof (candidate.geometry as { type?: unknown }).type === 'string'));
    if (!shaped) {
      problems.error(
        PROBLEM_CODES.badStructure,
        { zh: '此要素不是带几何的 Feature。', en: 'this is not a Feature with a geometry.' },
        { featureIndex: index },
      );
      return;
    }
    const id = featureId(candidate as Feature);
    if (id === null || seen.has(id)) {
      problems.error(
        id === null ? PROBLEM_CODES.missingId : PROBLEM_CODES.duplicateId,
        id === null
          ? { zh: '此要素没有编号。', en: 'this feature has no id.' }
          : { zh: `编号 ${displayText(id)} 出现了两次。`, en: `the id ${displayText(id)} appears twice.` },
        { featureIndex: index, featureId: id },
      );
      return;
    }
    seen.add(id);
  });
  return report(problems, value);
}
