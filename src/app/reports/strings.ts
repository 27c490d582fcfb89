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
} as const satisfies Record<string, Bilingual>;

export type ReportStringKey = keyof typeof STRINGS;

export function tr(lang: Lang, key: ReportStringKey, values: Record<string, string | number> = {}): string {
  return fillPlaceholders(STRINGS[key][lang], values);
}
