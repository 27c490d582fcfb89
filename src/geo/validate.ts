// The one validator every loader uses (app, worker, CLI, server): text or a parsed value in, a report
// of problems out, and the GeoJSON only when there is no error — a file with any error loads nothing.
// Order of work: JSON text → RFC 7946 structure → coordinates (degrees at all?) → polygon validity →
// the layer's own rules when the file is a Land Atlas layer.

import type { GeoJSON } from 'geojson';
import { type LayerId, layerFromFileName } from '../domain/layers.ts';
import { findDuplicateKeys, hasDuplicateKeys } from './json-text.ts';
import {
  displayText,
  PROBLEM_CODES,
  type Problem,
  ProblemCollector,
  type ValidationReport,
} from './problems.ts';
import { checkLimits, readText, UNREADABLE } from './read-text.ts';
import { checkCoordinates, type LocatedGeometry } from './validate-coordinates.ts';
import { checkGeometry } from './validate-geometry.ts';
import { checkLayer } from './validate-layer.ts';
import { checkStructure, type FeatureEntry } from './validate-structure.ts';

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
