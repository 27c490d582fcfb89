// The logic behind the 工期倒排 form (computed dates, the planner's adjustments checked, the patch saved)
// and the rules form (rules ↔ fields, messages naming the row and field), pure.
import { describe, expect, it } from 'vitest';
import {
  checkSchedule,
  datesFromTarget,
  plannedDatesOf,
  scheduleChanges,
} from '../../src/app/inspector/schedule.ts';
import {
  durationsToFields,
  fieldsToDurations,
  fieldsToRules,
  rulesToFields,
  settingChanges,
} from '../../src/app/settings/rules-values.ts';
import { DEFAULT_STAGE_DURATIONS } from '../../src/domain/deadlines.ts';
import { DEFAULT_RULES } from '../../src/domain/rules.ts';

describe('工期倒排 form', () => {
  it('computes every milestone back and on from the target 投产 date with the durations', () => {
    expect(datesFromTarget('2028-06-30', DEFAULT_STAGE_DURATIONS)).toEqual({
      signed: '2026-09-19',
      listed: '2026-11-18',
      delivered: '2027-01-02',
      started: '2027-07-01',
      producing: '2028-06-30',
      registered: '2029-06-30',
    });
    expect(datesFromTarget('2028-02-30', DEFAULT_STAGE_DURATIONS)).toBeNull();
    expect(datesFromTarget('', DEFAULT_STAGE_DURATIONS)).toBeNull();
    const shorter = { ...DEFAULT_STAGE_DURATIONS, producing: 200 };
    expect(datesFromTarget('2028-06-30', shorter)?.started).toBe('2027-12-13');
  });

  it('accepts adjusted dates in order, empty ones skipped; names a bad date or two out of order', () => {
    const dates = datesFromTarget('2028-06-30', DEFAULT_STAGE_DURATIONS);
    if (!dates) throw new Error('no dates');
    expect(checkSchedule(dates)).toBeNull();
    expect(checkSchedule({ ...dates, listed: '' })).toBeNull();
    expect(checkSchedule({ ...dates, delivered: '2026-13-01' })).toEqual({
      kind: 'invalid',
      stage: 'delivered',
    });
    expect(checkSchedule({ ...dates, started: '2026-01-01' })).toEqual({
      kind: 'order',
      earlier: 'delivered',
      later: 'started',
    });
    expect(checkSchedule({ ...dates, listed: '', delivered: '2026-04-01' })).toEqual({
      kind: 'order',
      earlier: 'signed',
      later: 'delivered',
    });
  });

  it('saves only what changed, as …Planned properties; an emptied date is removed (null)', () => {
    const project = {
      id: 'XM-001',
      signedOn: '2025-01-01',
      signedPlanned: '2024-12-20',
      listedPlanned: '2025-03-01',
    };
    const start = plannedDatesOf(project);
    expect(start).toEqual({
      signed: '2024-12-20',
      listed: '2025-03-01',
      delivered: '',
      started: '',
      producing: '',
      registered: '',
    });
    expect(scheduleChanges(project, start)).toEqual({});
    expect(scheduleChanges(project, { ...start, listed: '', producing: '2027-01-10' })).toEqual({
      listedPlanned: null,
      producingPlanned: '2027-01-10',
    });
  });
});

describe('rules form', () => {
  it('shows the defaults as fields (density in %) and reads them back unchanged', () => {
    const fields = rulesToFields(DEFAULT_RULES);
    expect(fields).toEqual({
      classes: [
        { landUseClass: '1001', far: '1', densityPercent: '30' },
        { landUseClass: '1101', far: '0.8', densityPercent: '30' },
      ],
      taxPerMu: '5.5',
      outputPerMu: '',
      idleYears: '1',
    });
    expect(fieldsToRules(fields)).toEqual({ ok: true, rules: DEFAULT_RULES });
  });

  it('a class with one bar only, a rule left empty (off), a new class', () => {
    const fields = rulesToFields(DEFAULT_RULES);
    const edited = {
      ...fields,
      classes: [...fields.classes, { landUseClass: '100103', far: '', densityPercent: '35.5' }],
      taxPerMu: '',
      outputPerMu: '300',
    };
    const result = fieldsToRules(edited);
    expect(result).toEqual({
      ok: true,
      rules: {
        farMin: { '1001': 1, '1101': 0.8 },
        buildingDensityMin: { '1001': 0.3, '1101': 0.3, '100103': 0.355 },
        taxPerMuMin: null,
        outputPerMuMin: 300,
        idleYearsMax: 1,
      },
    });
  });

  it('names the row and field of what is wrong, in both languages', () => {
    const fields = rulesToFields(DEFAULT_RULES);
    const wrong = (patch: Partial<(typeof fields.classes)[number]>, at = 1) =>
      fieldsToRules({
        ...fields,
        classes: fields.classes.map((row, index) => (index === at ? { ...row, ...patch } : row)),
      });
    expect(wrong({ far: 'abc' })).toEqual({
      ok: false,
      message: {
        zh: '第 2 行容积率下限须为 0 至 20 之间的数字（留空表示不考核），现为“abc”。',
        en: 'Row 2: the minimum FAR must be a number from 0 to 20 (empty: not judged); it is “abc”.',
      },
    });
    expect(wrong({ densityPercent: '130' }).ok).toBe(false);
    expect(wrong({ landUseClass: '10011' })).toMatchObject({
      ok: false,
      message: { zh: expect.stringContaining('2、4 或 6 位数字') },
    });
    expect(wrong({ landUseClass: '1001' })).toMatchObject({
      ok: false,
      message: { zh: '第 2 行：用地类型 1001 重复了。' },
    });
    expect(wrong({ far: '', densityPercent: '' })).toMatchObject({
      ok: false,
      message: { en: expect.stringContaining('has no bar') },
    });
    expect(fieldsToRules({ ...fields, idleYears: '-1' })).toMatchObject({
      ok: false,
      message: { zh: expect.stringContaining('闲置年限') },
    });
  });

  it('durations: whole days from 0 to 3650', () => {
    const fields = durationsToFields(DEFAULT_STAGE_DURATIONS);
    const name = (stage: string) => ({ zh: stage, en: stage });
    expect(fieldsToDurations(fields, name)).toEqual({ ok: true, durations: DEFAULT_STAGE_DURATIONS });
    expect(fieldsToDurations({ ...fields, started: '1.5' }, name).ok).toBe(false);
    expect(fieldsToDurations({ ...fields, started: '4000' }, name).ok).toBe(false);
  });

  it('a history entry as what changed, leaf by leaf', () => {
    expect(
      settingChanges(
        { value: DEFAULT_RULES },
        { value: { ...DEFAULT_RULES, farMin: { '1001': 1.3, '1101': 0.8 }, taxPerMuMin: null } },
      ),
    ).toEqual([
      { path: 'farMin.1001', before: 1, after: 1.3 },
      { path: 'taxPerMuMin', before: 5.5, after: null },
    ]);
    expect(settingChanges(null, { value: { listed: 60 } })).toEqual([
      { path: 'listed', before: undefined, after: 60 },
    ]);
  });
});
