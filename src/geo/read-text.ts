// The text of a JSON file, read as the validator reads any file: empty, binary, JSON syntax (with its
// line), nesting beyond the limit and numbers beyond a double become problems; otherwise the value.
// Shared by the full validator (src/geo/validate.ts) and the check of a served layer
// (src/geo/served-layer.ts), which the app loads without the rest of the validator.

import type { Bilingual } from '../domain/i18n.ts';
import { breaksJsonLimits, findNonFiniteNumber, findTooDeepValue, MAX_JSON_DEPTH } from './json-limits.ts';
import { findOutOfRangeNumber, parseJsonText, positionAt } from './json-text.ts';
import { displayText, type Place, PROBLEM_CODES, type ProblemCollector } from './problems.ts';

/** No value: the text itself failed (its problems are in the collector). */
export const UNREADABLE = Symbol('unreadable');

/**
 * The text's own problems, as for any file: empty, binary, JSON syntax (with its line), nesting beyond
 * the limit, numbers beyond a double. Returns the parsed value, or UNREADABLE when one of them stops it.
 */
export function readText(text: string, problems: ProblemCollector): { value: unknown } | typeof UNREADABLE {
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
export function checkLimits(value: unknown, problems: ProblemCollector, text: string | null): boolean {
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

/** A feature's own id (as written: string or number), or null. */
export function idOf(value: unknown): string | number | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const id = (value as { id?: unknown }).id;
  return typeof id === 'string' || typeof id === 'number' ? id : null;
}
