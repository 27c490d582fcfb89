// What the validator reports: problem codes, the Problem and ValidationReport shapes, a collector that
// keeps big files from drowning the reader in repeats, and the one-line text form the CLI prints.

import type { GeoJSON } from 'geojson';
import type { Bilingual, Lang } from '../domain/i18n.ts';

export type Severity = 'error' | 'warning';

/** Every problem code the validator can report, as exported constants (terra-draw's reasons style). */
export const PROBLEM_CODES = {
  jsonSyntax: 'json-syntax',
  /** Arrays and objects nested deeper than MAX_JSON_DEPTH (src/geo/json-limits.ts). */
  tooDeep: 'too-deep',
  /** A number beyond the range of a double (`1e309`), anywhere in the file. */
  numberOutOfRange: 'number-out-of-range',
  duplicateKey: 'duplicate-key',
  emptyFile: 'empty-file',
  binaryFile: 'binary-file',
  /** The command line: a device, a named pipe or a socket given as a file. */
  notRegularFile: 'not-regular-file',
  /** The command line: a file larger than it reads (src/cli/io.ts MAX_FILE_BYTES). */
  fileTooLarge: 'file-too-large',
  /** A check that failed unexpectedly: the file gets this verdict, the others are still checked. */
  unexpectedError: 'unexpected-error',
  notGeoJson: 'not-geojson',
  /** A Shapefile, KML, CSV or survey TXT (src/formats) that cannot be read. */
  unreadableFile: 'unreadable-file',
  /** What reading a file found worth saying: the encoding detected, WGS 84 read as CGCS2000, … */
  readingNote: 'reading-note',
  /** The coordinate system was only suggested by the coordinates: the person must name it (--from). */
  crsUnconfirmed: 'crs-unconfirmed',
  badStructure: 'bad-structure',
  changedSemantics: 'changed-semantics',
  ringNotClosed: 'ring-not-closed',
  ringTooShort: 'ring-too-short',
  selfIntersection: 'self-intersection',
  /** A ring touching itself at a vertex or retracing a zero-width spike: its area is well defined (a warning). */
  ringTouchesItself: 'ring-touches-itself',
  holeOutsideShell: 'hole-outside-shell',
  nestedHoles: 'nested-holes',
  overlappingParts: 'overlapping-parts',
  disconnectedInterior: 'disconnected-interior',
  coordinateOutOfRange: 'coordinate-out-of-range',
  latLonSwapped: 'lat-lon-swapped',
  projectedCoordinates: 'projected-coordinates',
  propertySchema: 'property-schema',
  idMismatch: 'id-mismatch',
  duplicateId: 'duplicate-id',
  missingId: 'missing-id',
  wrongGeometryType: 'wrong-geometry-type',
  emptyGeometry: 'empty-geometry',
  invalidId: 'invalid-id',
  notFeatureCollection: 'not-feature-collection',
  windingOrder: 'winding-order',
  excessivePrecision: 'excessive-precision',
  tooManyNumbers: 'position-too-many-numbers',
  nestedGeometryCollection: 'nested-geometry-collection',
  singleMemberGeometryCollection: 'single-member-geometry-collection',
  duplicatePosition: 'duplicate-position',
  moreProblems: 'more-problems',
} as const;

export type ProblemCode = (typeof PROBLEM_CODES)[keyof typeof PROBLEM_CODES];

export interface Problem {
  severity: Severity;
  code: ProblemCode;
  /** For a person: what is wrong and what to do. */
  message: Bilingual;
  /** 0-based position in the FeatureCollection's features (0 for a lone Feature); null for the file. */
  featureIndex: number | null;
  featureId: string | number | null;
  /** 1-based line in the file, where known (JSON syntax, duplicate keys). */
  line: number | null;
}

export interface ValidationReport {
  ok: boolean;
  problems: Problem[];
  /** The parsed GeoJSON, only when there is no error. */
  geojson: GeoJSON | null;
}

export interface Place {
  featureIndex?: number | null;
  featureId?: string | number | null;
  line?: number | null;
}

/** How many problems of one code are listed before the rest are summed up in one line. */
export const PROBLEMS_PER_CODE = 50;

/** Collects problems, listing at most PROBLEMS_PER_CODE of each code and counting the rest. */
export class ProblemCollector {
  readonly problems: Problem[] = [];
  private readonly counts = new Map<ProblemCode, { severity: Severity; count: number }>();
  errorCount = 0;

  add(severity: Severity, code: ProblemCode, message: Bilingual, place: Place = {}): void {
    if (severity === 'error') this.errorCount++;
    const seen = this.counts.get(code) ?? { severity, count: 0 };
    seen.count++;
    if (severity === 'error') seen.severity = 'error';
    this.counts.set(code, seen);
    if (seen.count > PROBLEMS_PER_CODE) return;
    this.problems.push({
      severity,
      code,
      message,
      featureIndex: place.featureIndex ?? null,
      featureId: place.featureId ?? null,
      line: place.line ?? null,
    });
  }

  error(code: ProblemCode, message: Bilingual, place?: Place): void {
    this.add('error', code, message, place);
  }

  warning(code: ProblemCode, message: Bilingual, place?: Place): void {
    this.add('warning', code, message, place);
  }

  /** The problems, with one summary line per code that went over the limit. */
  finish(): Problem[] {
    const result = [...this.problems];
    for (const [code, { severity, count }] of this.counts) {
      if (count <= PROBLEMS_PER_CODE) continue;
      const more = count - PROBLEMS_PER_CODE;
      result.push({
        severity,
        code: PROBLEM_CODES.moreProblems,
        message: {
          zh: `另有 ${more} 处同类问题（${code}）未逐条列出，请先修正上面列出的问题。`,
          en: `${more} more problems of the same kind (${code}) are not listed; fix the ones above first.`,
        },
        featureIndex: null,
        featureId: null,
        line: null,
      });
    }
    return result;
  }
}

/**
 * Text taken from the file (ids, property values) made safe to print: control and format characters
 * (ANSI escapes, bidi overrides) are shown as \u escapes and long text is cut. Never HTML.
 */
export function displayText(value: unknown, maxLength = 60): string {
  let text: string;
  if (typeof value === 'string') text = JSON.stringify(value);
  else if (value === undefined) text = 'undefined';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  text = text.replace(
    /[\p{Cc}\p{Cf}\u2028\u2029]/gu,
    (ch) => `\\u${(ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** An id as printed in `feature N (id X)`: strings bare unless they need escaping. */
function displayId(id: string | number): string {
  if (typeof id === 'number') return String(id);
  const quoted = displayText(id, 80);
  return /^"[\w.:/-]+"$/u.test(quoted) ? quoted.slice(1, -1) : quoted;
}

/** `FILE: feature N (id X): message`; without a feature `FILE: line L: message` or `FILE: message`. */
export function formatProblem(fileName: string, problem: Problem, lang: Lang): string {
  const parts = [fileName];
  if (problem.featureIndex !== null) {
    const id = problem.featureId !== null ? ` (id ${displayId(problem.featureId)})` : '';
    parts.push(lang === 'zh' ? `要素 ${problem.featureIndex}${id}` : `feature ${problem.featureIndex}${id}`);
  } else if (problem.line !== null) {
    parts.push(lang === 'zh' ? `第 ${problem.line} 行` : `line ${problem.line}`);
  }
  const tag = problem.severity === 'warning' ? (lang === 'zh' ? '警告：' : 'warning: ') : '';
  parts.push(tag + problem.message[lang]);
  return parts.join(': ');
}
