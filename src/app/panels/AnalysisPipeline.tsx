// The key-project pipeline: the six stages in order with the projects now at each and their planned and
// completed investment (亿元), then the rates of 挂网, 交地, 动工 and 入库 among signed projects.
import { useId } from 'react';
import { type Lang, valueLabel } from '../../domain/labels.ts';
import type { PipelineReport } from '../../domain/pipeline.ts';
import { formatNumber } from '../../domain/units.ts';
import { ta } from '../analysis/i18n.ts';
import { formatMoneyYi, formatPercent } from '../format.ts';
import { STAGE_COLOURS } from '../map/styles.ts';

export function AnalysisPipeline({ report, lang }: { report: PipelineReport; lang: Lang }) {
  const name = useId();
  return (
    <section className="analysis-section" aria-labelledby={`${name}-h`}>
      <h3 id={`${name}-h`}>{ta(lang, 'pipelineHeading')}</h3>
      <ol className="pipeline">
        {report.stages.map((stage) => (
          <li
            key={stage.stage}
            className="pipeline-stage"
            style={{ '--stage-colour': STAGE_COLOURS[stage.stage] } as React.CSSProperties}
          >
            <span className="pipeline-name">{valueLabel('stage', stage.stage, lang)}</span>
            <span className="pipeline-count">
              {ta(lang, 'projects', { n: formatNumber(stage.count, 0) })}
            </span>
            <span className="pipeline-money">
              {ta(lang, 'planned')} {formatMoneyYi(stage.plannedYi, lang)}
            </span>
            <span className="pipeline-money">
              {ta(lang, 'completed')} {formatMoneyYi(stage.completedYi, lang)}
            </span>
          </li>
        ))}
      </ol>
      <p className="pipeline-total">
        {ta(lang, 'pipelineTotal', {
          n: formatNumber(report.signed, 0),
          planned: formatMoneyYi(report.plannedYi, lang),
          completed: formatMoneyYi(report.completedYi, lang),
        })}
      </p>
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
