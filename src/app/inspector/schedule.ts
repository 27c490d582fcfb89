// The 工期倒排 form's logic, pure: the planned dates computed back from a target 投产 date with the
// standard durations (domain/deadlines.ts scheduleBack), the check of the dates as the planner adjusted
// them (each a real date or empty, in milestone order), and the merge patch that saves them as the
// project's …Planned properties (empty removes one).
import { isIsoDate } from '../../domain/dates.ts';
import { STAGE_PLANNED_PROPERTY, type StageDurations, scheduleBack } from '../../domain/deadlines.ts';
import { PROJECT_STAGES, type ProjectStage } from '../../domain/layers.ts';

export type PlannedDates = Record<ProjectStage, string>;

/** The project's planned dates as the form starts with them ('' where none). */
export function plannedDatesOf(properties: Record<string, unknown>): PlannedDates {
  const dates = {} as PlannedDates;
  for (const stage of PROJECT_STAGES) {
    const value = properties[STAGE_PLANNED_PROPERTY[stage]];
    dates[stage] = typeof value === 'string' ? value : '';
  }
  return dates;
}

/** Every milestone's planned date from a target 投产 date; null when the target is not a date. */
export function datesFromTarget(target: string, durations: StageDurations): PlannedDates | null {
  if (!isIsoDate(target)) return null;
  return scheduleBack('producing', target, durations);
}

export type ScheduleProblem =
  | { kind: 'invalid'; stage: ProjectStage }
  | { kind: 'order'; earlier: ProjectStage; later: ProjectStage };

/** The first thing wrong with the dates (a date that is not one, two milestones out of order), or null. */
export function checkSchedule(dates: PlannedDates): ScheduleProblem | null {
  let previous: { stage: ProjectStage; date: string } | null = null;
  for (const stage of PROJECT_STAGES) {
    const date = dates[stage].trim();
    if (date === '') continue;
    if (!isIsoDate(date)) return { kind: 'invalid', stage };
    if (previous && date < previous.date) return { kind: 'order', earlier: previous.stage, later: stage };
    previous = { stage, date };
  }
  return null;
}

/** The merge patch from the project's properties to these planned dates: changed ones, null for removed. */
export function scheduleChanges(
  properties: Record<string, unknown>,
  dates: PlannedDates,
): Record<string, string | null> {
  const changes: Record<string, string | null> = {};
  const before = plannedDatesOf(properties);
  for (const stage of PROJECT_STAGES) {
    const next = dates[stage].trim();
    if (next === before[stage]) continue;
    changes[STAGE_PLANNED_PROPERTY[stage]] = next === '' ? null : next;
  }
  return changes;
}
