// A project's milestones from signing to the statistics (签约 → 挂网 → 交地 → 动工 → 投产 → 入库) as a
// small timeline: each planned date against the actual one, a milestone reached late marked with its
// days of delay, one planned and passed without being reached marked overdue, the next one marked; and
// for a planner or admin the 工期倒排 form that plans them back from a target 投产 date.
import { useState } from 'react';
import { daysBetween } from '../../domain/dates.ts';
import { projectSchedule } from '../../domain/deadlines.ts';
import type { Lang } from '../../domain/i18n.ts';
import { valueLabel } from '../../domain/labels.ts';
import { STAGE_COLOURS } from '../map/styles.ts';
import { canEdit } from '../state/session-slice.ts';
import { useAtlas } from '../state/store.ts';
import { useToday } from '../state/today.ts';
import { td } from './deadline-strings.ts';
import { ScheduleBackForm } from './schedule-back-form.tsx';

function statusText(
  milestone: ReturnType<typeof projectSchedule>['milestones'][number],
  next: boolean,
  today: string,
  lang: Lang,
): string {
  if (milestone.slipDays !== null) {
    if (milestone.slipDays > 0) return td(lang, 'timelineLate', { n: milestone.slipDays });
    if (milestone.slipDays < 0) return td(lang, 'timelineEarly', { n: -milestone.slipDays });
    return td(lang, 'timelineOnTime');
  }
  if (milestone.overdue && milestone.planned)
    return td(lang, 'timelineOverdue', { n: daysBetween(milestone.planned, today) });
  return next ? td(lang, 'timelineNext') : '';
}

export function ProjectStages({
  projectId,
  properties,
  lang,
}: {
  projectId: string;
  properties: Record<string, unknown>;
  lang: Lang;
}) {
  const today = useToday();
  const mayPlan = useAtlas((state) => canEdit(state.session.me, 'projects'));
  const [planning, setPlanning] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const schedule = projectSchedule(properties, today);
  return (
    <section className="inspector-stages" aria-labelledby="timeline-heading">
      <h3 id="timeline-heading">{td(lang, 'timelineHeading')}</h3>
      <table className="timeline">
        <thead>
          <tr>
            <th scope="col">{td(lang, 'timelineStage')}</th>
            <th scope="col">{td(lang, 'timelinePlanned')}</th>
            <th scope="col">{td(lang, 'timelineActual')}</th>
            <th scope="col">
              <span className="visually-hidden">{td(lang, 'timelineStage')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {schedule.milestones.map((milestone) => {
            const next = schedule.next === milestone.stage;
            const late = milestone.overdue || (milestone.slipDays ?? 0) > 0;
            const classes = [
              'milestone',
              milestone.actual ? 'reached' : '',
              next ? 'next' : '',
              late ? 'late' : '',
            ];
            return (
              <tr
                key={milestone.stage}
                className={classes.filter(Boolean).join(' ')}
                style={{ '--stage-colour': STAGE_COLOURS[milestone.stage] } as React.CSSProperties}
                aria-current={next ? 'step' : undefined}
              >
                <th scope="row">{valueLabel('stage', milestone.stage, lang)}</th>
                <td>{milestone.planned ?? '—'}</td>
                <td>{milestone.actual ?? '—'}</td>
                <td className="milestone-status">{statusText(milestone, next, today, lang)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {message && (
        <p className="form-note" role="status">
          {message}
        </p>
      )}
      {mayPlan &&
        (planning ? (
          <ScheduleBackForm
            key={String(properties.version)}
            projectId={projectId}
            properties={properties}
            lang={lang}
            onClose={(saved) => {
              setPlanning(false);
              setMessage(saved);
            }}
          />
        ) : (
          <button
            type="button"
            className="secondary-button"
            onClick={() => {
              setMessage(null);
              setPlanning(true);
            }}
          >
            {td(lang, 'scheduleOpen')}
          </button>
        ))}
    </section>
  );
}
