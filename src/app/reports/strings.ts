// The words of the progress report (进度通报) and the plot dossier (地块档案), Chinese first.
import type { Bilingual, Lang } from '../../domain/i18n.ts';
import { fillPlaceholders } from '../i18n/i18n.ts';

const STRINGS = {
  report: { zh: '进度通报', en: 'Progress report' },
  bureau: { zh: '鹤山市自然资源局', en: 'Heshan Natural Resources Bureau' },
  reportTitle: {
    zh: '低效工业用地整治及重点项目进度通报',
    en: 'Progress of the low-efficiency land rectification and key projects',
  },
  period: { zh: '统计期间：{since} 至 {today}', en: 'Period: {since} to {today}' },
  printedOn: { zh: '制表日期：{today}', en: 'Made on {today}' },
  since: { zh: '起始日期', en: 'Since' },
  sinceHelp: {
    zh: '“以来完成”统计此日期（含）之后状态变为已完成、且现在仍为已完成的地块（据变更历史）。',
    en: '“Completed since” counts plots whose status became completed on or after this date and still is (from the history).',
  },
  exportExcel: { zh: '导出 Excel', en: 'Export Excel' },
  print: { zh: '打印', en: 'Print' },
  close: { zh: '关闭进度通报', en: 'Close the progress report' },
  loading: { zh: '正在统计全市数据…', en: 'Counting the whole city…' },
  failed: { zh: '统计失败：{reason}', en: 'The report failed: {reason}' },
  badDate: { zh: '请选择今天或更早的日期。', en: 'Choose today or an earlier date.' },
  noShare: { zh: '没有新增建设用地数据。', en: 'No new construction land.' },
  rules: {
    zh: '说明：面积为 CGCS2000 椭球面积（1 亩 = 666.67 平方米）；地块归属与其重叠面积最大的园区；逾期 = 整治期限已过且未完成；制造业占比 = 制造业用地 ÷（新增建设用地 − 基础设施用地），目标 80%；推进率 = 已到达该阶段的项目 ÷ 签约项目。',
    en: 'Notes: areas are ellipsoidal on CGCS2000 (1 mu = 666.67 m²); a plot belongs to the park it overlaps most; overdue = deadline passed and not completed; manufacturing share = manufacturing ÷ (new land − infrastructure), target 80%; rate = projects that reached the stage ÷ signed projects.',
  },
  computedIn: { zh: '服务器用时 {ms} 毫秒', en: 'Computed by the server in {ms} ms' },
  printDossier: { zh: '打印档案', en: 'Print dossier' },
  dossier: { zh: '地块档案', en: 'Plot dossier' },
  dossierOf: { zh: '{id} 地块档案', en: 'Dossier of plot {id}' },
  closeDossier: { zh: '关闭地块档案', en: 'Close the dossier' },
  dossierLoading: { zh: '正在读取地块档案…', en: 'Reading the dossier…' },
  mapExtract: { zh: '位置示意图', en: 'Map extract' },
  mapScale: { zh: '比例尺 1:{n}', en: 'Scale 1:{n}' },
  mapLegend: {
    zh: '粗线：本地块；细线：相邻地块；虚线：园区界线。北向上。',
    en: 'Thick line: this plot; thin lines: neighbouring plots; dashed: park boundaries. North up.',
  },
  area: { zh: '面积（椭球面积，CGCS2000）', en: 'Area (ellipsoidal, CGCS2000)' },
  attributes: { zh: '属性', en: 'Attributes' },
  park: { zh: '所在园区', en: 'Park' },
  noPark: { zh: '不在任何园区内', en: 'In no park' },
  rulesHeading: { zh: '认定指标（对照认定标准）', en: 'Indicators against the identification rules' },
  rule: { zh: '指标', en: 'Indicator' },
  value: { zh: '本地块', en: 'This plot' },
  bar: { zh: '标准', en: 'Rule' },
  verdict: { zh: '结论', en: 'Verdict' },
  fails: { zh: '未达标', en: 'Fails' },
  passes: { zh: '达标', en: 'Passes' },
  notJudged: { zh: '无数据或无标准，未判定', en: 'Not judged (no figure or no rule)' },
  disagrees: {
    zh: '注意：整治状态与认定标准的结论不一致。',
    en: 'Note: the status disagrees with the rules.',
  },
  deadline: { zh: '整治期限', en: 'Deadline' },
  overdueBy: { zh: '已逾期 {n} 天', en: 'Overdue by {n} days' },
  dueIn: { zh: '剩余 {n} 天', en: '{n} days left' },
  signatures: { zh: '核查人：', en: 'Inspected by:' },
  reviewer: { zh: '审核人：', en: 'Reviewed by:' },
  signDate: { zh: '日期：', en: 'Date:' },
  printedBy: { zh: '打印：{user}，{today}', en: 'Printed by {user} on {today}' },
  idleYears: { zh: '闲置年限', en: 'Years idle' },
} as const satisfies Record<string, Bilingual>;

export type ReportStringKey = keyof typeof STRINGS;

export function tr(lang: Lang, key: ReportStringKey, values: Record<string, string | number> = {}): string {
  return fillPlaceholders(STRINGS[key][lang], values);
}
