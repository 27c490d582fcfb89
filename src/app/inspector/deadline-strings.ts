// The card's words for the rules, deadlines and the project timeline (工期倒排), in Chinese (default)
// and English, as src/app/i18n/i18n.ts keeps the app's own.
import type { Lang } from '../../domain/i18n.ts';
import { fillPlaceholders } from '../i18n/i18n.ts';

const STRINGS = {
  rulesHeading: { zh: '识别规则判定', en: 'Identification rules' },
  rulesFailCount: { zh: '不符合 {n} 项规则', en: 'Fails {n} rule(s)' },
  rulesPassAll: { zh: '符合全部可判定的规则', en: 'Meets every rule it can be judged on' },
  rulesNotJudged: { zh: '缺少指标，无法按规则判定', en: 'No figures to judge by the rules' },
  ruleFails: { zh: '不达标', en: 'fails' },
  rulePasses: { zh: '达标', en: 'meets' },
  ruleBarMin: { zh: '规则 ≥ {bar}', en: 'rule ≥ {bar}' },
  ruleBarIdle: { zh: '规则 < {bar} 年', en: 'rule < {bar} years' },
  ruleClass: { zh: '（{class} 类）', en: ' (class {class})' },
  idleYears: { zh: '闲置 {n} 年', en: 'idle {n} years' },
  rule_far: { zh: '容积率', en: 'Floor-area ratio' },
  rule_buildingDensity: { zh: '建筑密度', en: 'Building density' },
  rule_taxPerMu: { zh: '亩均税收', en: 'Tax per mu' },
  rule_outputPerMu: { zh: '亩均产值', en: 'Output per mu' },
  rule_idle: { zh: '闲置年限', en: 'Years idle' },
  disagreesCampaign: {
    zh: '状态与规则不一致：该地块仍在整治名单中，但已符合全部可判定的规则。',
    en: 'The status disagrees with the rules: the plot is still in the campaign but meets every rule it can be judged on.',
  },
  disagreesCompleted: {
    zh: '状态与规则不一致：该地块已完成整治，但仍不符合规则。',
    en: 'The status disagrees with the rules: the plot is completed but still fails a rule.',
  },
  deadlineLine: { zh: '整治期限 {date}', en: 'Deadline {date}' },
  deadlineDays: { zh: '（还有 {n} 天）', en: ' ({n} days left)' },
  timelineHeading: { zh: '项目节点（计划 / 实际）', en: 'Milestones (planned / actual)' },
  timelineStage: { zh: '节点', en: 'Milestone' },
  timelinePlanned: { zh: '计划', en: 'Planned' },
  timelineActual: { zh: '实际', en: 'Actual' },
  timelineLate: { zh: '延误 {n} 天', en: '{n} days late' },
  timelineEarly: { zh: '提前 {n} 天', en: '{n} days early' },
  timelineOnTime: { zh: '按期', en: 'on time' },
  timelineOverdue: { zh: '已逾期 {n} 天', en: '{n} days overdue' },
  timelineNext: { zh: '下一节点', en: 'next' },
  scheduleOpen: { zh: '工期倒排', en: 'Schedule back' },
  scheduleHeading: {
    zh: '工期倒排：从目标投产日期倒推各节点计划日期',
    en: 'Schedule back from the target production date',
  },
  scheduleTarget: { zh: '目标投产日期', en: 'Target production date' },
  scheduleNote: {
    zh: '按标准工期（挂网 {listed} 天、交地 {delivered} 天、动工 {started} 天、投产 {producing} 天、入库 {registered} 天）推算，可逐项调整。',
    en: 'Computed from the standard durations (listing {listed} days, delivery {delivered}, start {started}, production {producing}, registration {registered}); adjust any of them.',
  },
  schedulePlannedOf: { zh: '{stage}计划日期', en: 'Planned date of {stage}' },
  scheduleSave: { zh: '保存计划日期', en: 'Save the planned dates' },
  scheduleSaving: { zh: '正在保存…', en: 'Saving…' },
  scheduleCancel: { zh: '取消', en: 'Cancel' },
  scheduleSaved: { zh: '计划日期已保存。', en: 'The planned dates were saved.' },
  scheduleQueued: { zh: '已保存，待同步。', en: 'Saved; it will be sent when the network is back.' },
  scheduleNothing: { zh: '计划日期没有变化。', en: 'The planned dates did not change.' },
  scheduleTargetInvalid: {
    zh: '请填写有效的目标投产日期（年-月-日）。',
    en: 'Enter a valid target production date (YYYY-MM-DD).',
  },
  scheduleDateInvalid: {
    zh: '{stage}计划日期无效，请填写 年-月-日 或留空。',
    en: 'The planned date of {stage} is not a valid date: write YYYY-MM-DD or leave it empty.',
  },
  scheduleOrder: {
    zh: '{later}计划日期早于{earlier}，请调整顺序。',
    en: 'The planned date of {later} is before that of {earlier}; put them in order.',
  },
  scheduleConflict: {
    zh: '他人同时修改了这些计划日期（{fields}），您的修改未保存。请关闭后重新打开再改。',
    en: 'Someone else changed these planned dates at the same time ({fields}); yours were not saved. Close and open the form again.',
  },
} as const;

export type DeadlineStringKey = keyof typeof STRINGS;

export function td(lang: Lang, key: DeadlineStringKey, values: Record<string, string | number> = {}): string {
  return fillPlaceholders(STRINGS[key][lang], values);
}
