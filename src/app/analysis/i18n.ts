// The analysis panel's words in Chinese (default) and English, as src/app/i18n/i18n.ts keeps the app's own.
import type { Bilingual, Lang } from '../../domain/i18n.ts';
import { fillPlaceholders } from '../i18n/i18n.ts';

const STRINGS = {
  analysis: { zh: '统计分析', en: 'Analysis' },
  closeAnalysis: { zh: '关闭统计分析', en: 'Close the analysis' },
  recompute: { zh: '重新计算', en: 'Recompute' },
  cancel: { zh: '取消', en: 'Cancel' },
  openTable: { zh: '{what}：{n}，在数据表中列出', en: '{what}: {n}, list them in the table' },
  signedTotal: { zh: '签约项目合计', en: 'All signed projects' },
  progress: { zh: '分析进度', en: 'Analysis progress' },
  running: { zh: '正在分析：{phase}', en: 'Analysing: {phase}' },
  waitingForLayers: { zh: '等待图层加载…', en: 'Waiting for the layers…' },
  done: {
    zh: '分析完成（{n} 宗地块、{m} 宗新增用地、{p} 个项目，用时 {ms} 毫秒）',
    en: 'Done ({n} plots, {m} new-land parcels, {p} projects, in {ms} ms)',
  },
  cancelled: { zh: '已取消分析。', en: 'Analysis cancelled.' },
  cancelledOld: {
    zh: '已取消，下面是上一次的结果。',
    en: 'Cancelled; the figures below are from the previous run.',
  },
  failed: { zh: '分析失败：{reason}', en: 'The analysis failed: {reason}' },
  phase_plotsByPark: { zh: '园区地块', en: 'plots per park' },
  phase_overlaps: { zh: '地块重叠', en: 'overlapping plots' },
  phase_share: { zh: '制造业占比', en: 'manufacturing share' },
  phase_pipeline: { zh: '项目推进', en: 'project pipeline' },
  noLayer: { zh: '{layer}未加载，无法统计。', en: '{layer} not loaded: nothing to count.' },
  areaNote: {
    zh: '面积为 CGCS2000 椭球面积。',
    en: 'Areas are ellipsoidal areas on CGCS2000.',
  },

  parksHeading: { zh: '园区地块统计', en: 'Plots per park' },
  parksNote: {
    zh: '低效工业用地按所在园区（与园区重叠面积最大者）统计；不在任何园区的计入“园区外”。',
    en: 'Low-efficiency plots counted in the park they overlap most; plots in no park under “Outside the parks”.',
  },
  breakdown: { zh: '分类', en: 'Break down by' },
  byStatus: { zh: '按整治状态', en: 'By status' },
  byGrade: { zh: '按亩均等级', en: 'By grade' },
  park: { zh: '园区', en: 'Park' },
  total: { zh: '合计', en: 'Total' },
  allPlots: { zh: '全部地块', en: 'All plots' },
  outside: { zh: '园区外', en: 'Outside the parks' },
  parcels: { zh: '{n} 宗', en: '{n}' },
  parksCaption: {
    zh: '各园区低效工业用地宗数与面积（{by}）',
    en: 'Low-efficiency plots per park, count and area ({by})',
  },

  overlapsHeading: { zh: '地块重叠检查', en: 'Overlapping plots' },
  overlapsNone: { zh: '未发现地块相互重叠。', en: 'No plots overlap one another.' },
  overlapsFound: {
    zh: '发现 {n} 处地块相互重叠（按重叠面积从大到小）。点击一处在地图上查看。',
    en: '{n} pairs of plots overlap (largest first). Choose one to see it on the map.',
  },
  overlapWord: { zh: '重叠', en: 'overlap' },
  overlapShown: {
    zh: '地图上以黄底红斜线、红色粗边框标出 {a} × {b} 的重叠部分。',
    en: 'The overlap of {a} × {b} is hatched red on yellow, outlined in red, on the map.',
  },
  overlapMissing: {
    zh: '无法绘制 {a} × {b} 的重叠部分。',
    en: 'Could not draw the overlap of {a} × {b}.',
  },
  clearOverlap: { zh: '清除重叠标注', en: 'Clear the overlap from the map' },

  shareHeading: { zh: '新增建设用地制造业占比', en: 'Manufacturing share of new land' },
  shareOverall: { zh: '总体占比', en: 'Overall' },
  shareTarget: { zh: '目标 {target}', en: 'target {target}' },
  targetLine: { zh: '目标线 {target}', en: 'target {target}' },
  meets: { zh: '达标', en: 'meets the target' },
  misses: { zh: '未达标', en: 'below the target' },
  noLand: { zh: '无可计入用地', en: 'no land to judge' },
  shareRule: {
    zh: '占比 = 工业用地（1001）÷（新增建设用地 − 交通运输与公用设施用地（12、13 类））。竖线为 {target} 目标线。',
    en: 'Share = industrial (1001) ÷ (new construction land − transport and utilities (12, 13)). The vertical line is the {target} target.',
  },
  shareByPark: { zh: '按园区', en: 'By park' },
  shareByYear: { zh: '按年度', en: 'By year' },
  shareChartPark: {
    zh: '各园区制造业占比图（目标 {target}）',
    en: 'Manufacturing share by park (target {target})',
  },
  shareChartYear: {
    zh: '各年度制造业占比图（目标 {target}）',
    en: 'Manufacturing share by year (target {target})',
  },
  shareBarLabel: {
    zh: '{name}：{value}，{verdict}（制造业 {mfg}，计入 {judged}）',
    en: '{name}: {value}, {verdict} (manufacturing {mfg} of {judged})',
  },
  yearUnknown: { zh: '年度不详', en: 'Year unknown' },
  yearName: { zh: '{year} 年', en: '{year}' },

  pipelineHeading: { zh: '重点项目推进', en: 'Project pipeline' },
  pipelineNote: {
    zh: '各阶段为项目当前所处阶段，投资为这些项目的计划与完成投资。',
    en: 'Each stage counts the projects now at it, with their planned and completed investment.',
  },
  pipelineCaption: {
    zh: '重点项目各阶段项目数与投资（亿元）',
    en: 'Key projects per stage, count and investment (100 M yuan)',
  },
  stage: { zh: '阶段', en: 'Stage' },
  projectCount: { zh: '项目数', en: 'Projects' },
  plannedYi: { zh: '计划投资（亿元）', en: 'Planned (100 M yuan)' },
  completedYi: { zh: '完成投资（亿元）', en: 'Completed (100 M yuan)' },
  ratesHeading: { zh: '签约项目推进率', en: 'Rates among signed projects' },
  rate_listed: { zh: '挂网率', en: 'Listed' },
  rate_delivered: { zh: '交地率', en: 'Delivered' },
  rate_started: { zh: '动工率', en: 'Started' },
  rate_registered: { zh: '入库率', en: 'Registered' },
  rateOf: { zh: '{reached} / {of} 个', en: '{reached} of {of}' },
  rateRule: {
    zh: '已到达某阶段 = 当前阶段为该阶段或其后，或已填该阶段日期；推进率 = 已到达数 ÷ 已签约项目数。',
    en: 'A project has reached a stage when it is at that stage or later, or the stage’s date is set; rate = reached ÷ signed projects.',
  },
  unstaged: {
    zh: '另有 {n} 个项目未填阶段，未计入。',
    en: '{n} more projects have no stage and are not counted.',
  },
} as const satisfies Record<string, Bilingual>;

export type AnalysisStringKey = keyof typeof STRINGS;

/** The analysis string in the language, with `{name}` placeholders filled. */
export function ta(lang: Lang, key: AnalysisStringKey, values: Record<string, string | number> = {}): string {
  return fillPlaceholders(STRINGS[key][lang], values);
}
