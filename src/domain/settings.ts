// Settings an administrator keeps on the server, each with a version and its history (PUT from the
// version it started from; a stale one is refused, as features are): the rules that identify
// low-efficiency plots (rules.ts) and the standard durations of the project steps used by 工期倒排
// (deadlines.ts). One schema per key, shared by the server (which refuses what fails it) and the app's
// forms (which say why before sending).
import { z } from 'zod';
import { DEFAULT_STAGE_DURATIONS, type StageDurations } from './deadlines.ts';
import { DEFAULT_RULES, type IdentificationRules, identificationRules } from './rules.ts';

export const SETTING_KEYS = ['rules', 'stage-durations'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** At most this many land-use classes with a bar of their own (a bureau has a handful). */
const MAX_CLASS_BARS = 100;

const days = z
  .number()
  .int('must be whole days')
  .min(0, 'must not be negative')
  .max(3650, 'at most 3650 days (10 years)');

/** Standard days from one milestone to the next (keyed by the later one). */
const stageDurations = z.strictObject({
  listed: days,
  delivered: days,
  started: days,
  producing: days,
  registered: days,
});

const rulesSetting = identificationRules.refine(
  (rules) =>
    Object.keys(rules.farMin).length <= MAX_CLASS_BARS &&
    Object.keys(rules.buildingDensityMin).length <= MAX_CLASS_BARS,
  { message: `at most ${MAX_CLASS_BARS} land-use classes per bar` },
);

export interface SettingValues {
  rules: IdentificationRules;
  'stage-durations': StageDurations;
}

export const SETTING_SCHEMAS: { [K in SettingKey]: z.ZodType<SettingValues[K]> } = {
  rules: rulesSetting,
  'stage-durations': stageDurations,
};

/** What a setting is until an administrator first saves it (version 0). */
export const SETTING_DEFAULTS: { [K in SettingKey]: SettingValues[K] } = {
  rules: DEFAULT_RULES,
  'stage-durations': DEFAULT_STAGE_DURATIONS,
};

export function isSettingKey(value: string): value is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(value);
}
