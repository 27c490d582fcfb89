// The key-project pipeline: the six stages in order (签约 → 挂网 → 交地 → 动工 → 投产 → 入库) with the
// projects now at each and their planned and completed investment (亿元), then the rates of 挂网, 交地,
// 动工 and 入库 among signed projects. Each count opens the data table of those projects.

import { useId } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { valueLabel } from '../../domain/labels.ts';
import type { ProjectStage } from '../../domain/layers.ts';
import type { PipelineReport } from '../../domain/pipeline.ts';
import { formatNumber } from '../../domain/units.ts';
import { formatPercent } from '../i18n/format.ts';
import { STAGE_COLOURS } from '../map/styles.ts';
import { ta } from './i18n.ts';
import { openCounted } from './open-table.ts';

/** The projects at a stage (or all counted): a button that opens their table. */
function StageCount({ stage, count, lang }: { stage: ProjectStage | null; count: number; lang: Lang }) {
  const n = formatNumber(count, 0);
  if (count === 0) return <>{n}</>;
  return (
    <button
      type="button"
      className="count-link"
      aria-label={ta(lang, 'openTable', {
        what: stage === null ? ta(lang, 'signedTotal') : valueLabel('stage', stage, lang),
        n,
      })}
      onClick={() => openCounted('projects', stage === null ? {} : { status: stage })}
    >
      {n}
    </button>
  );
}

export function AnalysisPipeline({ report, lang }: { report: PipelineReport; lang: Lang }) {
  const name = useId();
  return (
    <section className="analysis-section" aria-labelledby={`${name}-h`}>
      <h3 id={`${name}-h`}>{ta(lang, 'pipelineHeading')}</h3>
      <table className="analysis-table pipeline-table">
        <caption className="visually-hidden">{ta(lang, 'pipelineCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{ta(lang, 'stage')}</th>
            <th scope="col">{ta(lang, 'projectCount')}</th>
            <th scope="col">{ta(lang, 'plannedYi')}</th>
            <th scope="col">{ta(lang, 'completedYi')}</th>
          </tr>
        </thead>
        <tbody>
          {report.stages.map((stage, index) => (
            <tr
              key={stage.stage}
              className="pipeline-stage"
              style={{ '--stage-colour': STAGE_COLOURS[stage.stage] } as React.CSSProperties}
            >
              <th scope="row">
                <span className="pipeline-step" aria-hidden="true">
                  {index + 1}
                </span>
                {valueLabel('stage', stage.stage, lang)}
              </th>
              <td className="pipeline-count">
                <StageCount stage={stage.stage} count={stage.count} lang={lang} />
              </td>
              <td>{formatNumber(stage.plannedYi)}</td>
              <td>{formatNumber(stage.completedYi)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <th scope="row">{ta(lang, 'total')}</th>
            <td className="pipeline-count">
              <StageCount stage={null} count={report.signed} lang={lang} />
            </td>
            <td>{formatNumber(report.plannedYi)}</td>
            <td>{formatNumber(report.completedYi)}</td>
          </tr>
        </tfoot>
      </table>
      <p className="note">{ta(lang, 'pipelineNote')}</p>
      <h4>{ta(lang, 'ratesHeading')}</h4>
      <dl className="rates">
        {report.rates.map((rate) => (
          <div key={rate.stage} className="rate">
            <dt>{ta(lang, `rate_${rate.stage}`)}</dt>
            <dd>
              <span className="rate-value">{rate.rate === null ? '—' : formatPercent(rate.rate)}</span>
              <span className="rate-of">
                {ta(lang, 'rateOf', { reached: formatNumber(rate.reached, 0), of: formatNumber(rate.of, 0) })}
              </span>
            </dd>
          </div>
        ))}
      </dl>
      <p className="note">{ta(lang, 'rateRule')}</p>
      {report.unstaged > 0 && (
        <p className="note">{ta(lang, 'unstaged', { n: formatNumber(report.unstaged, 0) })}</p>
      )}
    </section>
  );
}
