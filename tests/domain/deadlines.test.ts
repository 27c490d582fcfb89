import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, todayInChina } from '../../src/domain/dates.ts';
import { overdueBadge, overdueBadgeText, overdueDays } from '../../src/domain/deadline-badge.ts';
import {
  DEFAULT_STAGE_DURATIONS,
  dueState,
  plotDeadline,
  projectDueDates,
  projectDueState,
  projectSchedule,
  scheduleBack,
} from '../../src/domain/deadlines.ts';

const TODAY = '2026-12-01';

describe('dates', () => {
  it('counts days across a month and a leap day', () => {
    expect(daysBetween('2026-11-30', '2026-12-01')).toBe(1);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-01', '2026-11-01')).toBe(-30);
    expect(addDays('2026-12-01', -365)).toBe('2025-12-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  });
  it('takes today in China (UTC+8): 17:00 UTC is already the next day there', () => {
    expect(todayInChina(new Date('2026-11-30T17:00:00Z'))).toBe('2026-12-01');
    expect(todayInChina(new Date('2026-11-30T15:59:59Z'))).toBe('2026-11-30');
  });
});

describe('plot deadlines', () => {
  it('HS-DX-0008: a deadline of 2026-03-10 passed while 整治中 is overdue', () => {
    expect(plotDeadline({ status: 'rectifying', deadline: '2026-03-10' }, TODAY)).toEqual({
      state: 'overdue',
      deadline: '2026-03-10',
      days: -266,
    });
  });
  it('due within 30 days (today and day 30 included) is due soon, day 31 on track', () => {
    expect(dueState('2026-12-01', TODAY)).toBe('due-soon');
    expect(dueState('2026-12-31', TODAY)).toBe('due-soon');
    expect(dueState('2027-01-01', TODAY)).toBe('on-track');
    expect(dueState('2026-11-30', TODAY)).toBe('overdue');
  });
  it('a completed plot is on track whatever its deadline; no or a malformed date is none', () => {
    expect(plotDeadline({ status: 'completed', deadline: '2020-01-01' }, TODAY).state).toBe('on-track');
    expect(plotDeadline({ status: 'completed' }, TODAY).state).toBe('none');
    expect(plotDeadline({ status: 'identified', deadline: null }, TODAY).state).toBe('none');
    expect(plotDeadline({ status: 'identified', deadline: '2026-02-30' }, TODAY).state).toBe('none');
  });
});

describe('project milestones', () => {
  it('a planned milestone passed without its actual date makes the project overdue', () => {
    const schedule = projectSchedule(
      {
        signedOn: '2026-01-05',
        signedPlanned: '2026-01-01',
        listedPlanned: '2026-03-01',
        deliveredPlanned: '2026-04-15',
      },
      TODAY,
    );
    expect(schedule.state).toBe('overdue');
    expect(schedule.next).toBe('listed');
    expect(schedule.overdue).toEqual(['listed', 'delivered']);
    expect(schedule.milestones[0]).toMatchObject({ stage: 'signed', slipDays: 4, overdue: false });
  });
  it("takes the next milestone's plan when nothing is overdue, and on track when every one is done", () => {
    expect(projectSchedule({ signedOn: '2026-11-01', listedPlanned: '2026-12-20' }, TODAY).state).toBe(
      'due-soon',
    );
    expect(projectSchedule({ signedOn: '2026-11-01', listedPlanned: '2027-02-20' }, TODAY).state).toBe(
      'on-track',
    );
    expect(projectSchedule({ signedOn: '2026-11-01' }, TODAY).state).toBe('none');
    const done = Object.fromEntries(
      ['signed', 'listed', 'delivered', 'started', 'producing', 'registered'].map((stage) => [
        `${stage}On`,
        '2025-01-01',
      ]),
    );
    expect(projectSchedule(done, TODAY)).toMatchObject({ state: 'on-track', next: null, overdue: [] });
  });
});

describe('工期倒排', () => {
  it('schedules back from a target 投产 date with the standard durations, and 入库 forward', () => {
    expect(scheduleBack('producing', '2027-12-31', DEFAULT_STAGE_DURATIONS)).toEqual({
      producing: '2027-12-31',
      started: '2026-12-31',
      delivered: '2026-07-04',
      listed: '2026-05-20',
      signed: '2026-03-21',
      registered: '2028-12-30',
    });
  });
});

describe('projectDueDates and the overdue badge', () => {
  const project = (props: Record<string, unknown>) => ({ stage: 'signed', ...props });

  it('derives the earliest planned date not reached, the next one, and whether all are reached', () => {
    expect(
      projectDueDates(
        project({
          signedOn: '2026-01-01',
          signedPlanned: '2025-12-01',
          listedPlanned: '2026-12-20',
          startedPlanned: '2026-06-01',
        }),
      ),
    ).toEqual({ earliestDue: '2026-06-01', nextDue: '2026-12-20', reachedAll: false });
    expect(projectDueDates(project({}))).toEqual({ earliestDue: null, nextDue: null, reachedAll: false });
  });

  it('gives projectSchedule’s state for every combination tried', () => {
    const today = '2026-12-01';
    const dates = [null, '2026-11-01', '2026-12-01', '2026-12-31', '2027-01-01'];
    for (const listed of dates)
      for (const started of dates)
        for (const listedOn of [null, '2026-10-01']) {
          const props = project({
            signedOn: '2026-01-01',
            listedPlanned: listed,
            startedPlanned: started,
            listedOn,
          });
          expect(projectDueState(projectDueDates(props), today)).toBe(projectSchedule(props, today).state);
        }
  });

  it('says 已逾期 N 天 for an overdue plot or project, nothing otherwise', () => {
    const today = '2026-12-01';
    expect(overdueBadge('plots', { status: 'rectifying', deadline: '2026-03-10' }, today)).toEqual({
      zh: '已逾期 266 天',
      en: '266 days overdue',
    });
    expect(overdueBadge('plots', { status: 'completed', deadline: '2026-03-10' }, today)).toBeNull();
    expect(overdueBadge('plots', { status: 'identified', deadline: '2026-12-01' }, today)).toBeNull();
    expect(
      overdueDays('projects', project({ signedOn: '2026-01-01', listedPlanned: '2026-11-30' }), today),
    ).toBe(1);
    expect(overdueBadgeText(1)).toEqual({ zh: '已逾期 1 天', en: '1 day overdue' });
  });
});
