// A banner naming each data file that could not be loaded and each of its problems, in the UI
// language (the validator's own messages); the layer stays off. Never a stack trace.
import { useState } from 'react';
import { formatProblem } from '../../geo/problems.ts';
import { t } from '../i18n/i18n.ts';
import { useAtlas } from '../state/store.ts';

const SHOWN_PER_FILE = 12;

/** Stable keys for lines that may repeat. */
function keyed(lines: string[]): { key: string; text: string }[] {
  const seen = new Map<string, number>();
  return lines.map((text) => {
    const count = (seen.get(text) ?? 0) + 1;
    seen.set(text, count);
    return { key: `${text}#${count}`, text };
  });
}

export function ProblemsBanner() {
  const lang = useAtlas((state) => state.lang);
  const reports = useAtlas((state) => state.reports);
  const [hidden, setHidden] = useState(false);
  const failed = reports.filter((report) => !report.ok);
  if (failed.length === 0 || hidden) return null;

  return (
    <section className="problems" role="alert" aria-labelledby="problems-heading">
      <div className="problems-head">
        <h2 id="problems-heading">{t(lang, 'problemsTitle')}</h2>
        <button type="button" className="text-button" onClick={() => setHidden(true)}>
          {t(lang, 'dismiss')}
        </button>
      </div>
      <ul>
        {failed.map((report) => {
          const errors = report.problems.filter((problem) => problem.severity === 'error');
          return (
            <li key={report.fileName}>
              <strong>{report.fileName}</strong>
              {report.fetchError ? (
                <p>{t(lang, 'fetchFailed', { file: report.fileName, reason: report.fetchError })}</p>
              ) : (
                <ul>
                  {keyed(
                    errors.slice(0, SHOWN_PER_FILE).map((p) => formatProblem(report.fileName, p, lang)),
                  ).map(({ key, text }) => (
                    <li key={key}>{text}</li>
                  ))}
                  {errors.length > SHOWN_PER_FILE && (
                    <li>
                      {lang === 'zh'
                        ? `……还有 ${errors.length - SHOWN_PER_FILE} 条`
                        : `…and ${errors.length - SHOWN_PER_FILE} more`}
                    </li>
                  )}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
