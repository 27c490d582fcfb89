// 工期倒排: a planner (or admin) enters the target 投产 date; every milestone's planned date is computed
// back (and on) with the standard durations in force (an administrator's setting), each one can be
// adjusted, and the dates are saved as the project's …Planned properties through the one write path
// (the outbox; the change lands in history).
import { type FormEvent, useMemo, useState } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { valueLabel } from '../../domain/labels.ts';
import { PROJECT_STAGES, type ProjectStage } from '../../domain/layers.ts';
import { errorText } from '../api/client.ts';
import { newClientId } from '../api/ids.ts';
import { releaseFromForm, submit } from '../outbox/outbox.ts';
import { useStageDurations } from '../state/settings.ts';
import { td } from './deadline-strings.ts';
import {
  checkSchedule,
  datesFromTarget,
  type PlannedDates,
  plannedDatesOf,
  type ScheduleProblem,
  scheduleChanges,
} from './schedule.ts';

function problemText(problem: ScheduleProblem, lang: Lang): string {
  const stage = (each: ProjectStage) => valueLabel('stage', each, lang);
  return problem.kind === 'invalid'
    ? td(lang, 'scheduleDateInvalid', { stage: stage(problem.stage) })
    : td(lang, 'scheduleOrder', { earlier: stage(problem.earlier), later: stage(problem.later) });
}

export function ScheduleBackForm({
  projectId,
  properties,
  lang,
  onClose,
}: {
  projectId: string;
  properties: Record<string, unknown>;
  lang: Lang;
  /** Closed: with the message to show (saved, queued), or null when cancelled. */
  onClose: (message: string | null) => void;
}) {
  const durations = useStageDurations();
  const [base] = useState(properties);
  const [dates, setDates] = useState<PlannedDates>(() => plannedDatesOf(properties));
  const [target, setTarget] = useState(dates.producing);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const intentId = useMemo(newClientId, []);

  const changeTarget = (value: string) => {
    setTarget(value);
    const computed = datesFromTarget(value, durations);
    if (computed) setDates(computed);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (target.trim() !== '' && !datesFromTarget(target, durations))
      return setError(td(lang, 'scheduleTargetInvalid'));
    const problem = checkSchedule(dates);
    if (problem) return setError(problemText(problem, lang));
    const changes = scheduleChanges(base, dates);
    if (Object.keys(changes).length === 0) return setError(td(lang, 'scheduleNothing'));
    setBusy(true);
    try {
      const outcome = await submit(
        { kind: 'edit-feature', id: intentId, layer: 'projects', featureId: projectId, base, changes },
        { zh: `工期倒排 ${projectId}`, en: `Schedule of ${projectId}` },
      );
      if (outcome.status === 'conflict') {
        const fields = outcome.conflict.fields.map((field) => field.name).join(', ');
        setError(td(lang, 'scheduleConflict', { fields }));
        return;
      }
      onClose(td(lang, outcome.status === 'queued' ? 'scheduleQueued' : 'scheduleSaved'));
    } catch (caught) {
      setError(errorText(caught, lang));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="schedule-form" aria-labelledby="schedule-heading" onSubmit={(event) => void save(event)}>
      <h4 id="schedule-heading">{td(lang, 'scheduleHeading')}</h4>
      <label className="field">
        <span>{td(lang, 'scheduleTarget')}</span>
        <input type="date" value={target} onChange={(event) => changeTarget(event.target.value)} />
      </label>
      <p className="note">{td(lang, 'scheduleNote', { ...durations })}</p>
      <div className="schedule-dates">
        {PROJECT_STAGES.map((stage) => (
          <label key={stage} className="field">
            <span>{td(lang, 'schedulePlannedOf', { stage: valueLabel('stage', stage, lang) })}</span>
            <input
              type="date"
              value={dates[stage]}
              onChange={(event) => setDates((current) => ({ ...current, [stage]: event.target.value }))}
            />
          </label>
        ))}
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="form-actions">
        <button
          type="button"
          className="secondary-button"
          onClick={() => {
            void releaseFromForm(intentId);
            onClose(null);
          }}
        >
          {td(lang, 'scheduleCancel')}
        </button>
        <button type="submit" className="primary-button" disabled={busy}>
          {busy ? td(lang, 'scheduleSaving') : td(lang, 'scheduleSave')}
        </button>
      </div>
    </form>
  );
}
