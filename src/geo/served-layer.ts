// What the app checks of a layer the server served: the server validated every feature when it was
// written, so only the text and the shape the app relies on are checked here, in one pass, without the
// validator's geometry and schema checks (and without their code in the app's first script).
import type { Feature } from 'geojson';
import { featureId } from '../domain/feature-id.ts';
import { displayText, PROBLEM_CODES, ProblemCollector, type ValidationReport } from './problems.ts';
import { readText, UNREADABLE } from './read-text.ts';

/**
 * Checks a layer as the server serves it, after the server validated every feature when it was written:
 * the text's own problems as for any file, then only the shape the app relies on — a FeatureCollection
 * whose features each have a geometry object (or null) and an id of their own — in one pass with no
 * geometry checks. A guard against a truncated or foreign answer, not a second validation.
 */
export function checkServedLayerText(text: string): ValidationReport {
  const problems = new ProblemCollector();
  const parsed = readText(text, problems);
  if (parsed === UNREADABLE) return served(problems, null);
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
    return served(problems, null);
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
  return served(problems, value);
}

function served(problems: ProblemCollector, value: unknown): ValidationReport {
  const list = problems.finish();
  const ok = !list.some((problem) => problem.severity === 'error');
  return { ok, problems: list, geojson: ok ? (value as ValidationReport['geojson']) : null };
}
