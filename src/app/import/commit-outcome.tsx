// What came of 提交导入: the server's refusal with its problems by feature (nothing changed), the
// features changed on the server since the file was exported (conflicts, by id, with who changed them
// and when — overwriting them is a second, confirmed step), or the import's counts and its history entry.
import { useState } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import type { MappedFeature } from '../../domain/import-mapping.ts';
import { layerLabel } from '../../domain/labels.ts';
import { type ImportReport, importConflict } from '../../domain/wire.ts';
import type { ApiError } from '../api/client.ts';
import { ti } from './strings.ts';

export type Outcome =
  | { kind: 'idle' }
  | { kind: 'committing' }
  | { kind: 'refused'; error: ApiError }
  | { kind: 'conflicts'; error: ApiError }
  | { kind: 'failed'; text: string }
  | { kind: 'done'; report: ImportReport };

interface ServerProblem {
  message?: { zh?: string; en?: string };
  featureIndex?: number | null;
  featureId?: string | number | null;
}

function Problems({
  lang,
  error,
  features,
}: {
  lang: Lang;
  error: ApiError;
  features: readonly MappedFeature[];
}) {
  const problems = (error.body.problems as ServerProblem[]).filter((problem) => problem.message);
  return (
    <div className="form-error import-refused" role="alert">
      <p>{ti(lang, 'serverProblems', { message: error.text(lang) })}</p>
      <ul>
        {problems.slice(0, 50).map((problem, index) => {
          const at = problem.featureIndex;
          const id = problem.featureId ?? (at === null || at === undefined ? null : features[at]?.id);
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: problems have no identity but their order
            <li key={index}>
              {at !== null && at !== undefined && (
                <strong>{ti(lang, 'problemAt', { n: at, id: String(id ?? '—') })} </strong>
              )}
              {problem.message?.[lang]}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

function Conflicts({ lang, error, onOverwrite }: { lang: Lang; error: ApiError; onOverwrite: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const parsed = importConflict.array().safeParse(error.body.conflicts);
  const conflicts = parsed.success ? parsed.data : [];
  return (
    <div className="form-error import-conflicts" role="alert">
      <p>{error.text(lang)}</p>
      <p>{ti(lang, 'conflictsTitle', { n: conflicts.length })}</p>
      <ul>
        {conflicts.slice(0, 100).map((conflict) => (
          <li key={conflict.id}>
            {ti(lang, 'conflictLine', {
              id: conflict.id,
              imported: conflict.importedVersion,
              stored: conflict.storedVersion,
              by: conflict.updatedBy,
              at: conflict.updatedAt.replace('T', ' ').slice(0, 16),
            })}
          </li>
        ))}
      </ul>
      {confirming ? (
        <div className="import-overwrite">
          <p>{ti(lang, 'overwriteConfirm', { n: conflicts.length })}</p>
          <div className="actions-row">
            <button type="button" className="secondary-button" onClick={() => setConfirming(false)}>
              {ti(lang, 'cancel')}
            </button>
            <button type="button" className="primary-button danger" onClick={onOverwrite}>
              {ti(lang, 'overwrite', { n: conflicts.length })}
            </button>
          </div>
        </div>
      ) : (
        <button type="button" className="secondary-button" onClick={() => setConfirming(true)}>
          {ti(lang, 'overwrite', { n: conflicts.length })}
        </button>
      )}
    </div>
  );
}

export function CommitOutcome({
  lang,
  outcome,
  features,
  onOverwrite,
  onAnother,
  onClose,
}: {
  lang: Lang;
  outcome: Outcome;
  features: readonly MappedFeature[];
  onOverwrite: () => void;
  onAnother: () => void;
  onClose: () => void;
}) {
  switch (outcome.kind) {
    case 'refused':
      return <Problems lang={lang} error={outcome.error} features={features} />;
    case 'conflicts':
      return <Conflicts lang={lang} error={outcome.error} onOverwrite={onOverwrite} />;
    case 'failed':
      return (
        <p className="form-error" role="alert">
          {outcome.text}
        </p>
      );
    case 'done': {
      const { report } = outcome;
      return (
        <div className="import-done">
          <p role="status">
            {ti(lang, 'done', {
              layer: layerLabel(report.layer, lang),
              created: report.created,
              updated: report.updated,
              unchanged: report.unchanged,
              deleted: report.deleted,
              seq: report.historySeq,
            })}
            {report.overwritten > 0 && ` ${ti(lang, 'overwroteNote', { n: report.overwritten })}`}
          </p>
          <div className="actions-row">
            <button type="button" className="secondary-button" onClick={onAnother}>
              {ti(lang, 'anotherFile')}
            </button>
            <button type="button" className="primary-button" onClick={onClose}>
              {ti(lang, 'close')}
            </button>
          </div>
        </div>
      );
    }
    default:
      return null;
  }
}
