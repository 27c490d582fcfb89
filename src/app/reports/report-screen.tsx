// 进度通报 / The progress report screen: over the map, the report's tables by town and by park (plots by
// status, completed since the chosen date, overdue), the share of new land going to manufacturing and
// the project pipeline, all computed by the server over the whole layers (GET /api/report). 导出 Excel
// downloads the same tables as a workbook made by the server; 打印 prints them on A4 landscape with
// the bureau, the title and the dates (report.css's print rules hide the map and its chrome).
import './report.css';
import '../ui/ui.css';
import { useEffect, useId, useRef, useState } from 'react';
import { isIsoDate, todayInChina } from '../../domain/dates.ts';
import { reportTables } from '../../domain/report-tables.ts';
import type { ReportAnswer } from '../../domain/report-wire.ts';
import { errorText } from '../api/client.ts';
import { getReport, reportWorkbookUrl } from '../api/endpoints.ts';
import { useAtlas } from '../state/store.ts';
import { CloseButton } from '../ui/close-button.tsx';
import { usePrintClass } from './print.ts';
import { ReportTableView } from './report-table.tsx';
import { tr } from './strings.ts';

type Loaded =
  | { status: 'loading' }
  | { status: 'done'; answer: ReportAnswer }
  | { status: 'failed'; message: string };

export function ReportScreen({ id, onClose }: { id: string; onClose(): void }) {
  const lang = useAtlas((state) => state.lang);
  const today = todayInChina();
  const [since, setSince] = useState(`${today.slice(0, 4)}-01-01`);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const heading = useRef<HTMLHeadingElement>(null);
  const titleId = useId();
  const sinceId = useId();
  const valid = isIsoDate(since) && since <= today;
  usePrintClass('printing-report');

  useEffect(() => {
    heading.current?.focus();
  }, []);

  useEffect(() => {
    if (!valid) return;
    const controller = new AbortController();
    setLoaded({ status: 'loading' });
    getReport(since, controller.signal).then(
      (answer) => setLoaded({ status: 'done', answer }),
      (error: unknown) => {
        if (!controller.signal.aborted) setLoaded({ status: 'failed', message: errorText(error, lang) });
      },
    );
    return () => controller.abort();
  }, [since, valid, lang]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const report = loaded.status === 'done' ? loaded.answer.report : null;
  return (
    <div
      id={id}
      className="report-screen print-sheet"
      role="dialog"
      aria-modal="true"
      aria-labelledby={titleId}
    >
      <header className="report-toolbar no-print">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {tr(lang, 'report')}
        </h2>
        <label className="report-since" htmlFor={sinceId}>
          {tr(lang, 'since')}
          <input
            id={sinceId}
            type="date"
            value={since}
            max={today}
            aria-describedby={`${sinceId}-help`}
            aria-invalid={!valid}
            onChange={(event) => setSince(event.target.value)}
          />
        </label>
        <a
          className={report ? 'secondary-button report-action' : 'secondary-button report-action disabled'}
          href={valid ? reportWorkbookUrl(since, lang) : undefined}
          aria-disabled={!report}
          download
        >
          {tr(lang, 'exportExcel')}
        </a>
        <button
          type="button"
          className="primary-button report-action"
          disabled={!report}
          onClick={() => window.print()}
        >
          {tr(lang, 'print')}
        </button>
        <CloseButton label={tr(lang, 'close')} onClick={onClose} />
      </header>
      <p className="note no-print" id={`${sinceId}-help`}>
        {valid ? tr(lang, 'sinceHelp') : tr(lang, 'badDate')}
      </p>
      <div className="report-page">
        <header className="report-head">
          <p className="report-bureau">{tr(lang, 'bureau')}</p>
          <h1>{tr(lang, 'reportTitle')}</h1>
          {report && (
            <p className="report-dates">
              <span>{tr(lang, 'period', { since: report.since, today: report.today })}</span>
              <span>{tr(lang, 'printedOn', { today: report.today })}</span>
            </p>
          )}
        </header>
        {loaded.status === 'loading' && valid && (
          <p role="status" aria-busy="true">
            {tr(lang, 'loading')}
          </p>
        )}
        {loaded.status === 'failed' && (
          <p className="form-error" role="alert">
            {tr(lang, 'failed', { reason: loaded.message })}
          </p>
        )}
        {report && (
          <>
            {reportTables(report, lang).map((table) =>
              table.rows.length === 0 ? (
                <section key={table.id} className="report-section">
                  <h3>{table.title[lang]}</h3>
                  <p className="note">{tr(lang, 'noShare')}</p>
                </section>
              ) : (
                <ReportTableView key={table.id} table={table} lang={lang} />
              ),
            )}
            <p className="report-rules">{tr(lang, 'rules')}</p>
            {loaded.status === 'done' && (
              <p className="note no-print">{tr(lang, 'computedIn', { ms: Math.round(loaded.answer.ms) })}</p>
            )}
          </>
        )}
      </div>
    </div>
  );
}
