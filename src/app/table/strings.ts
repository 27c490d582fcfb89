// The data table's words in Chinese (default) and English.
import { DUE_SOON_DAYS } from '../../domain/deadlines.ts';
import type { Bilingual, Lang } from '../../domain/i18n.ts';
import type { TableLayerId } from '../../domain/table-filter.ts';
import { fillPlaceholders } from '../i18n/i18n.ts';

const STRINGS = {
  table: { zh: '数据表', en: 'Table' },
  tableOf: { zh: '{layer}数据表', en: 'Table of {layer}' },
  closeTable: { zh: '关闭数据表', en: 'Close the table' },
  layer: { zh: '图层', en: 'Layer' },
  filters: { zh: '筛选', en: 'Filters' },
  any: { zh: '全部', en: 'Any' },
  clearFilters: { zh: '清除筛选', en: 'Clear filters' },
  columns: { zh: '显示列', en: 'Columns' },
  exportExcel: { zh: '导出 Excel', en: 'Export to Excel' },
  exportOffline: {
    zh: '导出 Excel 需联网（工作簿由服务器生成）',
    en: 'Exporting to Excel needs the network (the server makes the workbook)',
  },
  fit: { zh: '缩放至筛选结果', en: 'Zoom to results' },
  fitNothing: { zh: '筛选结果没有可定位的要素。', en: 'Nothing the filter keeps has a place on the map.' },
  fitFailed: { zh: '无法定位筛选结果：{reason}', en: 'The results could not be located: {reason}' },
  count: { zh: '显示 {shown} / {total} {unit}', en: 'Showing {shown} of {total} {unit}' },
  mapCount: { zh: '地图显示 {shown} / {total} {unit}', en: 'Map shows {shown} of {total} {unit}' },
  mapCountDensity: {
    zh: '（筛选时不显示聚合点，放大可见全部）',
    en: ' (clusters hidden while filtering: zoom in to see all)',
  },
  loading: { zh: '正在读取数据表…', en: 'Reading the table…' },
  noRows: { zh: '未读到数据', en: 'No rows read' },
  failed: { zh: '数据表读取失败：{reason}', en: 'The table could not be read: {reason}' },
  offline: {
    zh: '本机没有保存这张数据表：联网时打开一次，离线也能查看。',
    en: 'This device does not keep this table yet: open it once online and it opens offline too.',
  },
  retry: { zh: '重试', en: 'Try again' },
  empty: { zh: '没有符合筛选条件的要素。', en: 'Nothing matches the filters.' },
  sortBy: { zh: '按{column}排序', en: 'Sort by {column}' },
  park: { zh: '所在园区', en: 'Park' },
  outside: { zh: '园区外', en: 'Outside parks' },
  town: { zh: '镇街', en: 'Town' },
  status_plots: { zh: '整治状态', en: 'Status' },
  status_projects: { zh: '项目阶段', en: 'Stage' },
  grade: { zh: '亩均评价等级', en: 'Grade' },
  mode: { zh: '整治模式', en: 'Mode' },
  landUse: { zh: '用地类型', en: 'Land use' },
  deadline: { zh: '期限', en: 'Deadline' },
  deadline_overdue: { zh: '已逾期', en: 'Passed' },
  'deadline_due-soon': { zh: `${DUE_SOON_DAYS} 天内到期`, en: `Within ${DUE_SOON_DAYS} days` },
  deadline_none: { zh: '未设期限', en: 'None' },
  inspected: { zh: '最近巡查', en: 'Last inspection' },
  inspected_never: { zh: '从未巡查', en: 'Never' },
  inspected_older: { zh: '超过 N 天未巡查', en: 'More than N days ago' },
  days: { zh: '天数', en: 'Days' },
  rules: { zh: '认定规则', en: 'Rules' },
  rules_fails: { zh: '不符合认定规则', en: 'Fails the rules' },
  rules_disagrees: { zh: '状态与规则不一致', en: 'Status disagrees with rules' },
  text: { zh: '关键字', en: 'Text' },
  textPlaceholder: { zh: '编号、企业、名称…', en: 'ID, enterprise, name…' },
  rows: { zh: '数据行', en: 'Rows' },
} satisfies Record<string, Bilingual>;

export type TableStringKey = keyof typeof STRINGS;

export function tt(lang: Lang, key: TableStringKey, values: Record<string, string | number> = {}): string {
  return fillPlaceholders(STRINGS[key][lang], values);
}

/** The counting word of a layer: 宗 for land, 个 for projects and zones. */
export const COUNT_UNIT: Record<TableLayerId, Bilingual> = {
  plots: { zh: '宗', en: 'plots' },
  projects: { zh: '个', en: 'projects' },
  newland: { zh: '宗', en: 'parcels' },
  zones: { zh: '个', en: 'zones' },
};
