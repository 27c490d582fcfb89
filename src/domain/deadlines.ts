// Deadlines of the campaign (挂图作战, 工期倒排; PRODUCT.md "Deadlines, idle land and the project
// pipeline"): a plot's rectification deadline (整治期限) and a key project's milestones, planned against
// actual. Pure: plain properties and an ISO "today" in, states out — the map's colours, the card's
// badge, the table's filter and the progress report all read the same answer.
//
// The rules (PRODUCT.md, with our choices marked):
// - a plot is overdue when its deadline has passed and it is not 已完成 (`completed`); due soon when the
//   deadline falls within DUE_SOON_DAYS (30) days from today, today included; on track when later, or
//   when the plot is completed (our choice: a finished plot is green whatever its deadline); no date
//   (grey) when it has none;
// - a project is overdue when any milestone's planned date has passed without its actual date; else
//   its state is that of its next milestone (the first without an actual date): due soon within 30 days,
//   on track later, no date when that milestone has no planned date; a project with every milestone
//   done is on track.
import { addDays, daysBetween, isIsoDate } from './dates.ts';
import { PROJECT_STAGES, type ProjectStage, STAGE_DATE_PROPERTY } from './layers.ts';

export const DEADLINE_STATES = ['overdue', 'due-soon', 'on-track', 'none'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** "Due soon" reaches this many days ahead of today. */
export const DUE_SOON_DAYS = 30;

function dateValue(value: unknown): string | null {
  return typeof value === 'string' && isIsoDate(value) ? value : null;
}

/** The state of one due date against today: overdue, due within 30 days, later, or none. */
export function dueState(due: string | null, today: string): DeadlineState {
  if (due === null) return 'none';
  const days = daysBetween(today, due);
  if (days < 0) return 'overdue';
  return days <= DUE_SOON_DAYS ? 'due-soon' : 'on-track';
}

export interface PlotDeadline {
  state: DeadlineState;
  deadline: string | null;
  /** Days from today to the deadline (negative once passed), null without one. */
  days: number | null;
}

/** A plot's rectification deadline against today. */
export function plotDeadline(properties: Record<string, unknown>, today: string): PlotDeadline {
  const deadline = dateValue(properties.deadline);
  const days = deadline === null ? null : daysBetween(today, deadline);
  if (properties.status === 'completed') return { state: deadline ? 'on-track' : 'none', deadline, days };
  return { state: dueState(deadline, today), deadline, days };
}

/** The property that carries the planned date of each milestone (the actual one is STAGE_DATE_PROPERTY). */
export const STAGE_PLANNED_PROPERTY: Record<ProjectStage, string> = {
  signed: 'signedPlanned',
  listed: 'listedPlanned',
  delivered: 'deliveredPlanned',
  started: 'startedPlanned',
  producing: 'producingPlanned',
  registered: 'registeredPlanned',
};

export interface Milestone {
  stage: ProjectStage;
  planned: string | null;
  actual: string | null;
  /** Planned date passed without an actual date. */
  overdue: boolean;
  /** Days the milestone was reached after (positive) or before (negative) its plan; null unless both. */
  slipDays: number | null;
}

export interface ProjectSchedule {
  milestones: Milestone[];
  /** The first milestone without an actual date; null when every one is reached. */
  next: ProjectStage | null;
  state: DeadlineState;
  /** The milestones overdue today. */
  overdue: ProjectStage[];
}

/** A project's six milestones, planned against actual, and its state today. */
export function projectSchedule(properties: Record<string, unknown>, today: string): ProjectSchedule {
  const milestones: Milestone[] = PROJECT_STAGES.map((stage) => {
    const planned = dateValue(properties[STAGE_PLANNED_PROPERTY[stage]]);
    const actual = dateValue(properties[STAGE_DATE_PROPERTY[stage]]);
    return {
      stage,
      planned,
      actual,
      overdue: actual === null && planned !== null && daysBetween(today, planned) < 0,
      slipDays: planned !== null && actual !== null ? daysBetween(planned, actual) : null,
    };
  });
  const nextMilestone = milestones.find((milestone) => milestone.actual === null) ?? null;
  const overdue = milestones.filter((milestone) => milestone.overdue).map((milestone) => milestone.stage);
  const state: DeadlineState =
    overdue.length > 0 ? 'overdue' : nextMilestone ? dueState(nextMilestone.planned, today) : 'on-track';
  return { milestones, next: nextMilestone?.stage ?? null, state, overdue };
}

/** Standard days from one milestone to the next, keyed by the later one (工期倒排 settings). */
export type StageDurations = Record<Exclude<ProjectStage, 'signed'>, number>;

/**
 * Default durations, our reading of PRODUCT.md: 挂网 1–3 months after signing (60 days); 交地 about a
 * month after the deal, after 20 days' announcement and 10 working days' listing (45 days); 动工 within
 * 6–12 months (180 days); 投产 a year after the start (365 days); 入库 a year of production to reach 20
 * million yuan of revenue (365 days). An administrator changes them in the settings.
 */
export const DEFAULT_STAGE_DURATIONS: StageDurations = {
  listed: 60,
  delivered: 45,
  started: 180,
  producing: 365,
  registered: 365,
};

/**
 * 工期倒排: every milestone's planned date from one target (usually 投产): earlier milestones are the next
 * one's date minus its standard duration, later ones the previous one's plus theirs.
 */
export function scheduleBack(
  target: ProjectStage,
  targetDate: string,
  durations: StageDurations,
): Record<ProjectStage, string> {
  const index = PROJECT_STAGES.indexOf(target);
  const planned = { [target]: targetDate } as Record<ProjectStage, string>;
  for (let at = index - 1; at >= 0; at--) {
    const later = PROJECT_STAGES[at + 1] as Exclude<ProjectStage, 'signed'>;
    planned[PROJECT_STAGES[at] as ProjectStage] = addDays(planned[later], -durations[later]);
  }
  for (let at = index + 1; at < PROJECT_STAGES.length; at++) {
    const stage = PROJECT_STAGES[at] as Exclude<ProjectStage, 'signed'>;
    planned[stage] = addDays(planned[PROJECT_STAGES[at - 1] as ProjectStage], durations[stage]);
  }
  return planned;
}

/**
 * The dates a project's state follows, none of them depending on today, so vector tiles can carry
 * them and stay the same for a layer revision (the map compares them with today's date itself):
 * `earliestDue` the earliest planned date of a milestone not yet reached (passed: overdue),
 * `nextDue` the planned date of the next milestone, `reachedAll` every milestone has its actual date.
 */
export interface ProjectDueDates {
  earliestDue: string | null;
  nextDue: string | null;
  reachedAll: boolean;
}

export function projectDueDates(properties: Record<string, unknown>): ProjectDueDates {
  let earliestDue: string | null = null;
  let nextDue: string | null = null;
  let reachedAll = true;
  for (const stage of PROJECT_STAGES) {
    if (dateValue(properties[STAGE_DATE_PROPERTY[stage]]) !== null) continue;
    const planned = dateValue(properties[STAGE_PLANNED_PROPERTY[stage]]);
    if (reachedAll) nextDue = planned;
    reachedAll = false;
    if (planned !== null && (earliestDue === null || planned < earliestDue)) earliestDue = planned;
  }
  return { earliestDue, nextDue, reachedAll };
}

/** A project's state from its due dates: the same answer as projectSchedule(…).state. */
export function projectDueState(due: ProjectDueDates, today: string): DeadlineState {
  if (due.earliestDue !== null && daysBetween(today, due.earliestDue) < 0) return 'overdue';
  return due.reachedAll ? 'on-track' : dueState(due.nextDue, today);
}
