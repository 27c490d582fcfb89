// The server's JSON body parser, in place of Fastify's, on the validator's reader (geo/json-text.ts):
// the text may not nest deeper than MAX_JSON_DEPTH (a 10 000-deep array would blow the stack of every
// recursive walk after the parse), and no key may appear twice in one object (JSON.parse keeps the last silently) and no number may be
// out of range (1e309 parses as Infinity and would be stored as null). Each refusal is a 400 that says
// what is wrong and where, in Chinese and English.
import type { FastifyInstance } from 'fastify';
import { findNonFiniteNumber, MAX_JSON_DEPTH } from '../geo/json-limits.ts';
import { findDuplicateKeys, hasDuplicateKeys, parseJsonText, type TextPosition } from '../geo/json-text.ts';
import { displayText } from '../geo/validate.ts';
import { ApiError } from './errors.ts';

function tooDeep(position: TextPosition): ApiError {
  const { line, column } = position;
  return new ApiError(
    400,
    'too-deep',
    {
      zh: `JSON 嵌套超过 ${MAX_JSON_DEPTH} 层（第 ${line} 行第 ${column} 列）；任何要素都不需要这么深。`,
      en: `The JSON nests deeper than ${MAX_JSON_DEPTH} levels (line ${line}, column ${column}); no feature needs that.`,
    },
    { maxDepth: MAX_JSON_DEPTH, line, column },
  );
}

function syntaxError(place: TextPosition | null): ApiError {
  const where = place
    ? {
        zh: `（第 ${place.line} 行第 ${place.column} 列）`,
        en: ` at line ${place.line}, column ${place.column}`,
      }
    : { zh: '', en: '' };
  return new ApiError(400, 'invalid-json', {
    zh: `请求内容不是有效的 JSON${where.zh}。`,
    en: `The request body is not valid JSON${where.en}.`,
  });
}

/** Parses a JSON request body or throws the ApiError that says why it cannot be taken. */
function parseJsonBody(text: string): unknown {
  // The validator's reader (json-text.ts): depth and syntax located without recursion.
  const parsed = parseJsonText(text);
  if (parsed.kind === 'empty') {
    throw new ApiError(400, 'empty-body', { zh: '请求内容为空。', en: 'The request body is empty.' });
  }
  if (parsed.kind === 'too-deep') throw tooDeep(parsed.position);
  if (parsed.kind === 'syntax') throw syntaxError(parsed.position);
  if (parsed.kind === 'binary') throw syntaxError(null);
  const value = parsed.value;
  if (hasDuplicateKeys(text, value)) {
    const [duplicate] = findDuplicateKeys(text, 1);
    const key = displayText(duplicate?.key ?? '');
    const line = duplicate?.line ?? 1;
    throw new ApiError(
      400,
      'duplicate-key',
      {
        zh: `键 ${key} 在同一对象中出现两次（第 ${line} 行），无法确定取哪个值；请只写一次。`,
        en: `The key ${key} appears twice in one object (line ${line}), so which value counts is unclear; send it once.`,
      },
      { key: duplicate?.key ?? null, line },
    );
  }
  // The reader's one pass over the value already said whether a number is out of range.
  const path = parsed.nonFinite ? findNonFiniteNumber(value) : null;
  if (path) {
    const where = path.join('.') || '(body)';
    throw new ApiError(
      400,
      'number-out-of-range',
      {
        zh: `${where} 处的数超出范围（如 1e309），无法保存；请写有限的数。`,
        en: `The number at ${where} is out of range (such as 1e309) and cannot be stored; send a finite number.`,
      },
      { path },
    );
  }
  return value;
}

/**
 * Replaces Fastify's JSON parser in this context (and the contexts registered in it), and drops its
 * text/plain parser: no route takes plain text, so such a body gets 415 rather than a confusing 400.
 */
export function registerJsonBodyParser(server: FastifyInstance): void {
  server.removeContentTypeParser(['application/json', 'text/plain']);
  server.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseJsonBody(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
}
