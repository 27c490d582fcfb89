// The settings screen's words (识别规则 and 工期倒排 durations), in Chinese (default) and English.
import type { Lang } from '../../domain/i18n.ts';
import { fillPlaceholders } from '../i18n/i18n.ts';

const STRINGS = {
  open: { zh: '识别规则', en: 'Identification rules' },
  panel: { zh: '识别规则与标准工期', en: 'Identification rules and standard durations' },
  close: { zh: '关闭识别规则', en: 'Close the identification rules' },
  rulesHeading: { zh: '低效工业用地识别规则', en: 'Rules that identify low-efficiency plots' },
  rulesIntro: {
    zh: '地块的容积率、建筑密度低于所属用地类型的下限，亩均税收、亩均产值低于下限，或闲置达到年限，即不符合规则。留空表示该项不考核。',
    en: 'A plot fails a rule when its FAR or building density is under the bar of its land-use class, its tax or output per mu under the minimum, or it has stood idle the years given. Empty: not judged.',
  },
  classesCaption: { zh: '按用地类型的下限', en: 'Bars by land-use class' },
  landUseClass: { zh: '用地类型代码', en: 'Land-use code' },
  farMin: { zh: '容积率下限', en: 'Minimum FAR' },
  densityMin: { zh: '建筑密度下限（%）', en: 'Minimum building density (%)' },
  classOf: { zh: '第 {n} 行', en: 'row {n}' },
  removeClass: { zh: '删除第 {n} 行', en: 'Remove row {n}' },
  addClass: { zh: '添加用地类型', en: 'Add a land-use class' },
  taxMin: { zh: '亩均税收下限（万元/亩）', en: 'Minimum tax per mu (10k yuan/mu)' },
  outputMin: { zh: '亩均产值下限（万元/亩）', en: 'Minimum output per mu (10k yuan/mu)' },
  idleMax: { zh: '闲置年限（年）', en: 'Years idle (years)' },
  saveRules: { zh: '保存识别规则', en: 'Save the rules' },
  durationsHeading: { zh: '工期倒排标准工期', en: 'Standard durations of the project steps' },
  durationsIntro: {
    zh: '从上一节点到本节点的标准天数，用于按目标投产日期倒排各节点计划日期。',
    en: 'Standard days from one milestone to the next, used to schedule back from a target production date.',
  },
  daysTo: { zh: '至{stage}（天）', en: 'To {stage} (days)' },
  saveDurations: { zh: '保存标准工期', en: 'Save the durations' },
  defaults: { zh: '恢复默认值', en: 'Restore the defaults' },
  saving: { zh: '正在保存…', en: 'Saving…' },
  saved: { zh: '已保存（版本 {version}）。', en: 'Saved (version {version}).' },
  queued: { zh: '已保存，待同步。', en: 'Saved; it will be sent when the network is back.' },
  nothingChanged: { zh: '没有修改。', en: 'Nothing changed.' },
  versionLine: {
    zh: '版本 {version}，{who} 于 {when} 修改',
    en: 'Version {version}, changed by {who} on {when}',
  },
  versionDefault: { zh: '默认值（尚未修改）', en: 'The defaults (never changed)' },
  reload: { zh: '载入最新内容', en: 'Load the current values' },
  history: { zh: '修改记录', en: 'Change history' },
  historyEmpty: { zh: '尚无修改记录。', en: 'No changes yet.' },
  historyLoading: { zh: '正在读取修改记录…', en: 'Reading the history…' },
  historyCreate: { zh: '首次设置', en: 'First set' },
  historyUpdate: { zh: '修改', en: 'Changed' },
  historyConflict: { zh: '被拒绝的修改（版本已过期）', en: 'Refused change (stale version)' },
  off: { zh: '不考核', en: 'off' },
  path_farMin: { zh: '容积率下限', en: 'Minimum FAR' },
  path_buildingDensityMin: { zh: '建筑密度下限', en: 'Minimum building density' },
  path_taxPerMuMin: { zh: '亩均税收下限', en: 'Minimum tax per mu' },
  path_outputPerMuMin: { zh: '亩均产值下限', en: 'Minimum output per mu' },
  path_idleYearsMax: { zh: '闲置年限', en: 'Years idle' },
} as const;

export type SettingsStringKey = keyof typeof STRINGS;

export function ts(lang: Lang, key: SettingsStringKey, values: Record<string, string | number> = {}): string {
  return fillPlaceholders(STRINGS[key][lang], values);
}

export function hasString(key: string): key is SettingsStringKey {
  return key in STRINGS;
}
