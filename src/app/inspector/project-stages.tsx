// A project's progress from signing to the statistics (签约 → 挂网 → 交地 → 动工 → 投产 → 入库), each
// stage with its date, the current one marked.
import type { Lang } from '../../domain/i18n.ts';
import { valueLabel } from '../../domain/labels.ts';
import { PROJECT_STAGES, STAGE_DATE_PROPERTY } from '../../domain/layers.ts';
import { t } from '../i18n/i18n.ts';
import { STAGE_COLOURS } from '../map/styles.ts';

export function ProjectStages({ properties, lang }: { properties: Record<string, unknown>; lang: Lang }) {
  const current = PROJECT_STAGES.indexOf(properties.stage as (typeof PROJECT_STAGES)[number]);
  return (
    <section className="inspector-stages">
      <h3>{t(lang, 'projectStages')}</h3>
      <ol className="stages">
        {PROJECT_STAGES.map((stage, index) => {
          const date = properties[STAGE_DATE_PROPERTY[stage]];
          const classes = ['stage', index <= current ? 'reached' : '', index === current ? 'current' : ''];
          return (
            <li
              key={stage}
              className={classes.filter(Boolean).join(' ')}
              style={{ '--stage-colour': STAGE_COLOURS[stage] } as React.CSSProperties}
              aria-current={index === current ? 'step' : undefined}
            >
              {valueLabel('stage', stage, lang)}
              <span className="stage-date">{typeof date === 'string' ? date.slice(0, 10) : '—'}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
