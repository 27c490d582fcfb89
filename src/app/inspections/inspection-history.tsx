// 巡查记录 / Inspection history of a plot: newest first, each with its date, inspector, status after,
// mode, findings, notes and photo thumbnails (each opens the full photo). Text only, never HTML.

import type { CSSProperties } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { valueLabel } from '../../domain/labels.ts';
import type { Inspection } from '../../domain/wire.ts';
import { STATUS_COLOURS } from '../map/styles.ts';
import { RecordedPosition } from './recorded-position.tsx';
import { tr } from './strings.ts';

export function InspectionHistory({
  lang,
  plotId,
  inspections,
}: {
  lang: Lang;
  plotId: string;
  inspections: Inspection[] | null;
}) {
  return (
    <section className="record-section" aria-labelledby={`inspections-${plotId}`}>
      <h3 id={`inspections-${plotId}`}>{tr(lang, 'inspectionHistory')}</h3>
      {inspections === null ? (
        <p className="note">{tr(lang, 'loadingRecords')}</p>
      ) : inspections.length === 0 ? (
        <p className="note">{tr(lang, 'noInspections')}</p>
      ) : (
        <ol className="record-list" aria-label={tr(lang, 'inspectionHistory')}>
          {inspections.map((inspection) => (
            <li key={inspection.id} className="record" data-testid="inspection-record">
              <p className="record-head">
                <span className="record-date">{inspection.date}</span>
                <span className="record-actor">
                  {tr(lang, 'inspector')}
                  {lang === 'zh' ? '：' : ': '}
                  {inspection.inspector}
                </span>
              </p>
              <dl className="record-facts">
                <div>
                  <dt>{tr(lang, 'statusAfter')}</dt>
                  <dd>
                    <span
                      className="swatch swatch-fill"
                      style={{ '--swatch': STATUS_COLOURS[inspection.status] } as CSSProperties}
                      aria-hidden="true"
                    />{' '}
                    {valueLabel('status', inspection.status, lang)}
                  </dd>
                </div>
                {inspection.mode && (
                  <div>
                    <dt>{tr(lang, 'mode')}</dt>
                    <dd>{valueLabel('mode', inspection.mode, lang)}</dd>
                  </div>
                )}
                <div>
                  <dt>{tr(lang, 'findings')}</dt>
                  <dd className="record-text">{inspection.findings}</dd>
                </div>
                {inspection.notes && (
                  <div>
                    <dt>{tr(lang, 'notes')}</dt>
                    <dd className="record-text">{inspection.notes}</dd>
                  </div>
                )}
                <RecordedPosition lang={lang} inspection={inspection} />
              </dl>
              {inspection.photos.length > 0 && (
                <ul className="thumbnails" aria-label={tr(lang, 'photos')}>
                  {inspection.photos.map((photo, index) => {
                    const alt = tr(lang, 'photoOf', { plot: plotId, n: index + 1, date: inspection.date });
                    return (
                      <li key={photo.id}>
                        <a href={photo.url} target="_blank" rel="noreferrer">
                          <img src={photo.url} alt={alt} loading="lazy" width={96} height={72} />
                        </a>
                      </li>
                    );
                  })}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
