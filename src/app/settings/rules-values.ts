// The rules form's logic, pure: the identification rules (domain/rules.ts) as the form's text fields
// (one row per land-use class with its FAR and density bars, density in %; tax, output per 亩 and idle
// years, empty for off) and back, with a message in both languages for the first field that is wrong;
// and a setting's history entry as the list of what changed, from what to what.
import type { StageDurations } from '../../domain/deadlines.ts';
import type { Bilingual } from '../../domain/i18n.ts';
import type { IdentificationRules } from '../../domain/rules.ts';

export interface ClassRow {
  landUseClass: string;
  far: string;
  densityPercent: string;
}

export interface RulesFields {
  classes: ClassRow[];
  taxPerMu: string;
  outputPerMu: string;
  idleYears: string;
}

const text = (value: number | null | undefined) =>
  value === null || value === undefined ? '' : String(value);
/** A fraction as a percentage, without binary noise (0.3 → 30, not 30.000000000000004). */
const percent = (fraction: number) => String(Math.round(fraction * 100 * 1e6) / 1e6);

export function rulesToFields(rules: IdentificationRules): RulesFields {
  const classes = [
    ...new Set([...Object.keys(rules.farMin), ...Object.keys(rules.buildingDensityMin)]),
  ].sort();
  return {
    classes: classes.map((landUseClass) => {
      const density = rules.buildingDensityMin[landUseClass];
      return {
        landUseClass,
        far: text(rules.farMin[landUseClass]),
        densityPercent: density === undefined ? '' : percent(density),
      };
    }),
    taxPerMu: text(rules.taxPerMuMin),
    outputPerMu: text(rules.outputPerMuMin),
    idleYears: text(rules.idleYearsMax),
  };
}

export type RulesCheck = { ok: true; rules: IdentificationRules } | { ok: false; message: Bilingual };

const NUMBER = /^\d+(\.\d+)?$/;

function number(value: string, what: Bilingual, max: number): { value: number | null } | Bilingual {
  const trimmed = value.trim();
  if (trimmed === '') return { value: null };
  if (!NUMBER.test(trimmed) || Number(trimmed) > max) {
    return {
      zh: `${what.zh}须为 0 至 ${max} 之间的数字（留空表示不考核），现为“${trimmed}”。`,
      en: `${what.en} must be a number from 0 to ${max} (empty: not judged); it is “${trimmed}”.`,
    };
  }
  return { value: Number(trimmed) };
}

const isMessage = (value: { value: number | null } | Bilingual): value is Bilingual => 'zh' in value;

/** The rules the fields say, or the first thing wrong with them. */
export function fieldsToRules(fields: RulesFields): RulesCheck {
  const farMin: Record<string, number> = {};
  const buildingDensityMin: Record<string, number> = {};
  for (const [index, row] of fields.classes.entries()) {
    const code = row.landUseClass.trim();
    const line = { zh: `第 ${index + 1} 行`, en: `Row ${index + 1}` };
    if (!/^\d{2}(\d{2}){0,2}$/.test(code)) {
      return {
        ok: false,
        message: {
          zh: `${line.zh}：用地类型代码须为 2、4 或 6 位数字（如 1001 工业用地），现为“${code}”。`,
          en: `${line.en}: the land-use code must be 2, 4 or 6 digits (1001 for industry, say); it is “${code}”.`,
        },
      };
    }
    if (code in farMin || code in buildingDensityMin) {
      return {
        ok: false,
        message: {
          zh: `${line.zh}：用地类型 ${code} 重复了。`,
          en: `${line.en}: land use ${code} is listed twice.`,
        },
      };
    }
    const far = number(row.far, { zh: `${line.zh}容积率下限`, en: `${line.en}: the minimum FAR` }, 20);
    if (isMessage(far)) return { ok: false, message: far };
    const density = number(
      row.densityPercent,
      { zh: `${line.zh}建筑密度下限（%）`, en: `${line.en}: the minimum building density (%)` },
      100,
    );
    if (isMessage(density)) return { ok: false, message: density };
    if (far.value === null && density.value === null) {
      return {
        ok: false,
        message: {
          zh: `${line.zh}：用地类型 ${code} 未填写任何下限；请填写或删除该行。`,
          en: `${line.en}: land use ${code} has no bar; fill one in or remove the row.`,
        },
      };
    }
    if (far.value !== null) farMin[code] = far.value;
    if (density.value !== null) buildingDensityMin[code] = Math.round(density.value * 1e4) / 1e6;
  }
  const tax = number(fields.taxPerMu, { zh: '亩均税收下限', en: 'The minimum tax per mu' }, 10_000);
  if (isMessage(tax)) return { ok: false, message: tax };
  const output = number(fields.outputPerMu, { zh: '亩均产值下限', en: 'The minimum output per mu' }, 100_000);
  if (isMessage(output)) return { ok: false, message: output };
  const idle = number(fields.idleYears, { zh: '闲置年限', en: 'The years idle' }, 50);
  if (isMessage(idle)) return { ok: false, message: idle };
  return {
    ok: true,
    rules: {
      farMin,
      buildingDensityMin,
      taxPerMuMin: tax.value,
      outputPerMuMin: output.value,
      idleYearsMax: idle.value,
    },
  };
}

/** The durations form's fields, and back: whole days from 0 to 3650 each. */
export function durationsToFields(durations: StageDurations): Record<keyof StageDurations, string> {
  return Object.fromEntries(
    Object.entries(durations).map(([stage, days]) => [stage, String(days)]),
  ) as Record<keyof StageDurations, string>;
}

export function fieldsToDurations(
  fields: Record<keyof StageDurations, string>,
  stageName: (stage: keyof StageDurations) => Bilingual,
): { ok: true; durations: StageDurations } | { ok: false; message: Bilingual } {
  const durations = {} as StageDurations;
  for (const [stage, value] of Object.entries(fields) as [keyof StageDurations, string][]) {
    const trimmed = value.trim();
    if (!/^\d{1,4}$/.test(trimmed) || Number(trimmed) > 3650) {
      const name = stageName(stage);
      return {
        ok: false,
        message: {
          zh: `${name.zh}的标准工期须为 0 至 3650 之间的整数天，现为“${trimmed}”。`,
          en: `The standard days of ${name.en} must be a whole number from 0 to 3650; it is “${trimmed}”.`,
        },
      };
    }
    durations[stage] = Number(trimmed);
  }
  return { ok: true, durations };
}

export interface SettingChange {
  /** The changed leaf, as a dotted path of the value (`farMin.1001`, `taxPerMuMin`, `started`). */
  path: string;
  before: unknown;
  after: unknown;
}

function leaves(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, item] of Object.entries(value)) leaves(item, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  out.set(prefix, value);
}

/** What a setting's history entry changed, leaf by leaf (`before`/`after` are `{ value }`). */
export function settingChanges(before: unknown, after: unknown): SettingChange[] {
  const settingValue = (side: unknown) =>
    side !== null && typeof side === 'object' && 'value' in side
      ? (side as { value: unknown }).value
      : undefined;
  const from = new Map<string, unknown>();
  const to = new Map<string, unknown>();
  leaves(settingValue(before), '', from);
  leaves(settingValue(after), '', to);
  const changes: SettingChange[] = [];
  for (const path of new Set([...from.keys(), ...to.keys()])) {
    const a = from.get(path);
    const b = to.get(path);
    if (JSON.stringify(a) !== JSON.stringify(b)) changes.push({ path, before: a, after: b });
  }
  return changes;
}
