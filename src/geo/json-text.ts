// Reading GeoJSON text: JSON syntax errors with line and column, and duplicate keys (which JSON.parse
// silently resolves to the last value). JSON.parse does the parsing (native, fastest); a hand-written
// scan finds duplicate keys in one pass (a regex jumps over coordinate arrays; ~10× faster than
// jsonc-parser's `visit`);
// jsonc-parser is asked only when the text is broken, to say where.

import { type ParseError, parse as parseJsonc, printParseErrorCode } from 'jsonc-parser';
import type { Bilingual } from '../domain/i18n.ts';
import { breaksJsonLimits, findTooDeep, MAX_JSON_DEPTH, stringEnd } from './json-limits.ts';

export interface TextPosition {
  line: number;
  column: number;
}

export interface DuplicateKey {
  key: string;
  offset: number;
  line: number;
  firstLine: number;
}

export type ParsedText =
  | { kind: 'empty' }
  | { kind: 'binary' }
  | { kind: 'syntax'; position: TextPosition | null; message: Bilingual }
  /** Arrays and objects nested deeper than MAX_JSON_DEPTH: refused before parsing (see json-limits.ts). */
  | { kind: 'too-deep'; position: TextPosition; depth: number }
  /** `nonFinite`: a number is out of range (`1e309`): see findNonFiniteNumber and findOutOfRangeNumber. */
  | { kind: 'ok'; value: unknown; nonFinite: boolean };

/** 1-based line and column of a character offset. */
export function positionAt(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (
    let index = text.indexOf('\n');
    index !== -1 && index < offset;
    index = text.indexOf('\n', index + 1)
  ) {
    line++;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

const SYNTAX_HINTS: Record<string, Bilingual> = {
  CommaExpected: { zh: '缺少逗号', en: 'a comma is missing' },
  ColonExpected: { zh: '缺少冒号', en: 'a colon is missing' },
  PropertyNameExpected: {
    zh: '此处应为用双引号括起的属性名（或多了一个逗号）',
    en: 'a property name in double quotes is expected here (or there is a comma too many)',
  },
  ValueExpected: {
    zh: '此处缺少值（或多了一个逗号）',
    en: 'a value is missing here (or there is a comma too many)',
  },
  CloseBraceExpected: { zh: '缺少右花括号 }', en: 'a closing } is missing' },
  CloseBracketExpected: { zh: '缺少右方括号 ]', en: 'a closing ] is missing' },
  EndOfFileExpected: {
    zh: '文件在 JSON 结束后还有多余内容',
    en: 'there is more text after the end of the JSON value',
  },
  InvalidSymbol: { zh: '出现了 JSON 不允许的字符', en: 'a character JSON does not allow' },
  InvalidCommentToken: { zh: 'JSON 不允许注释', en: 'JSON does not allow comments' },
  UnexpectedEndOfComment: { zh: 'JSON 不允许注释', en: 'JSON does not allow comments' },
  UnexpectedEndOfString: { zh: '字符串没有结束的双引号', en: 'a string has no closing double quote' },
  UnexpectedEndOfNumber: { zh: '数字不完整', en: 'a number is incomplete' },
  InvalidUnicode: { zh: '无效的 \\u 转义', en: 'an invalid \\u escape' },
  InvalidEscapeCharacter: { zh: '无效的转义字符', en: 'an invalid escape character' },
  InvalidCharacter: {
    zh: '字符串中有未转义的控制字符',
    en: 'an unescaped control character inside a string',
  },
};

function syntaxProblem(text: string): { position: TextPosition | null; message: Bilingual } {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  const first = errors[0];
  const fix = {
    zh: '请用文本编辑器在该处修正，或从 GIS 软件重新导出 GeoJSON。',
    en: 'fix it there in a text editor, or export the GeoJSON again from the GIS software.',
  };
  if (!first) {
    // JSON.parse refused what jsonc-parser accepts: a lone surrogate or similar; say so without a place.
    return {
      position: null,
      message: { zh: `JSON 语法错误。${fix.zh}`, en: `JSON syntax error; ${fix.en}` },
    };
  }
  const position = positionAt(text, first.offset);
  const hint = SYNTAX_HINTS[printParseErrorCode(first.error)] ?? { zh: '语法错误', en: 'a syntax error' };
  return {
    position,
    message: {
      zh: `JSON 语法错误（第 ${position.column} 列）：${hint.zh}。${fix.zh}`,
      en: `JSON syntax error at column ${position.column}: ${hint.en}; ${fix.en}`,
    },
  };
}

/** A file with NUL bytes or many replacement characters is not text: a Shapefile, a ZIP, an image. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 4096);
  if (sample.includes('\u0000')) return true;
  let replaced = 0;
  for (const ch of sample) if (ch === '\uFFFD') replaced++;
  return replaced > 8;
}

export function parseJsonText(text: string): ParsedText {
  // A UTF-8 byte-order mark, as Windows tools write it, is not an error.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') return { kind: 'empty' };
  if (looksBinary(body)) return { kind: 'binary' };
  // JSON.parse copes with any depth, but locating a syntax error (jsonc-parser) and every walk after it
  // recurse: a GeometryCollection nested 20 000 deep would overflow their stack. The depth is measured
  // on the parsed value (one fast pass, with the check for 1e309), on the text only when it is too deep
  // or broken.
  const tooDeep = () => {
    const found = findTooDeep(body, MAX_JSON_DEPTH);
    return found
      ? { kind: 'too-deep' as const, position: positionAt(body, found.offset), depth: found.depth }
      : null;
  };
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return tooDeep() ?? { kind: 'syntax', ...syntaxProblem(body) };
  }
  const broken = breaksJsonLimits(value, MAX_JSON_DEPTH);
  if (broken === 'too-deep') {
    return tooDeep() ?? { kind: 'too-deep', position: { line: 1, column: 1 }, depth: MAX_JSON_DEPTH + 1 };
  }
  return { kind: 'ok', value, nonFinite: broken === 'non-finite' };
}

/**
 * The first number written in the text that is out of range (`1e309`, which JSON.parse makes Infinity):
 * where it starts and how it is written; null when there is none. Strings are skipped.
 */
export function findOutOfRangeNumber(text: string): { offset: number; literal: string } | null {
  const token = /"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;
  for (let match = token.exec(text); match !== null; match = token.exec(text)) {
    if (match[0] === '"') token.lastIndex = stringEnd(text, match.index) + 1;
    else if (!Number.isFinite(Number(match[0]))) return { offset: match.index, literal: match[0] };
  }
  return null;
}

const COLON = 0x3a;

/** Only these characters matter for keys: coordinate arrays hold none, so a native regex skips them. */
const KEY_SYNTAX = /["{}]/g;

interface ObjectFrame {
  keys: string[];
  keyOffsets: number[];
  keySet: Set<string> | null;
}

/** A string is a key when the next thing after it is a colon. */
function followedByColon(text: string, end: number): boolean {
  for (let i = end + 1; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === COLON) return true;
    if (code !== 0x20 && code !== 0x0a && code !== 0x0d && code !== 0x09) return false;
  }
  return false;
}

/**
 * Whether the text repeats a key in some object, decided cheaply: JSON.parse keeps one property per
 * repeated key, so the parsed tree holds fewer keys than the text writes exactly when a key repeats.
 * In valid JSON a quote followed by a colon closes a key unless the quote is escaped (an odd run of
 * backslashes before it), so counting those is exact. findDuplicateKeys then finds where.
 */
export function hasDuplicateKeys(text: string, parsed: unknown): boolean {
  return countWrittenKeys(text) !== countParsedKeys(parsed);
}

function countWrittenKeys(text: string): number {
  const keyEnd = /"\s*:/g;
  let count = 0;
  for (let match = keyEnd.exec(text); match !== null; match = keyEnd.exec(text)) {
    let backslashes = 0;
    for (let i = match.index - 1; i >= 0 && text.charCodeAt(i) === 92; i--) backslashes++;
    if (backslashes % 2 === 0) count++;
  }
  return count;
}

function countParsedKeys(root: unknown): number {
  let count = 0;
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (Array.isArray(value)) {
      // Coordinates are most of a layer: a position, or a ring of positions, holds no keys.
      const first = value[0];
      if (typeof first === 'number' || (Array.isArray(first) && typeof first[0] === 'number')) continue;
      for (const item of value) if (typeof item === 'object' && item !== null) pending.push(item);
      continue;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      count++;
      const item = (value as Record<string, unknown>)[key];
      if (typeof item === 'object' && item !== null) pending.push(item);
    }
  }
  return count;
}

/**
 * Every key that appears twice in the same object. Assumes `text` is valid JSON (call after JSON.parse
 * succeeded); `limit` stops the scan early once that many are found. Arrays need no tracking: a key
 * always belongs to the innermost open object.
 */
export function findDuplicateKeys(text: string, limit = 50): DuplicateKey[] {
  const found: DuplicateKey[] = [];
  const stack: ObjectFrame[] = [];
  let top: ObjectFrame | undefined;
  const syntax = new RegExp(KEY_SYNTAX.source, 'g');
  for (let match = syntax.exec(text); match !== null; match = syntax.exec(text)) {
    const i = match.index;
    const ch = match[0];
    if (ch === '{') {
      top = { keys: [], keyOffsets: [], keySet: null };
      stack.push(top);
    } else if (ch === '}') {
      stack.pop();
      top = stack[stack.length - 1];
    } else {
      const end = stringEnd(text, i);
      syntax.lastIndex = end + 1;
      if (top === undefined || !followedByColon(text, end)) continue;
      const raw = text.slice(i + 1, end);
      const key = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
      const firstIndex = top.keySet && !top.keySet.has(key) ? -1 : top.keys.indexOf(key);
      if (firstIndex !== -1) {
        found.push({
          key,
          offset: i,
          line: positionAt(text, i).line,
          firstLine: positionAt(text, top.keyOffsets[firstIndex] ?? i).line,
        });
        if (found.length >= limit) return found;
      }
      top.keys.push(key);
      top.keyOffsets.push(i);
      if (top.keySet) top.keySet.add(key);
      else if (top.keys.length > 16) top.keySet = new Set(top.keys);
    }
  }
  return found;
}
