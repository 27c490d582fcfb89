// UI strings in Chinese (default) and English (`?lang=en`). Property names and vocabulary values are
// labelled in src/domain/labels.ts; this module holds the words of the application itself.
import type { Bilingual, Lang } from '../../domain/i18n.ts';

const STRINGS = {
  title: { zh: '鹤山市土地一张图', en: 'Heshan Land Atlas' },
  subtitle: { zh: '自然资源局', en: 'Natural Resources Bureau' },
  otherLanguage: { zh: 'English', en: '中文' },
  otherLanguageName: { zh: '切换到英文', en: 'Switch to Chinese' },
  search: { zh: '搜索', en: 'Search' },
  searchPlaceholder: {
    zh: '地块编号、企业、园区、项目…',
    en: 'Plot ID, enterprise, park, project…',
  },
  searchResults: { zh: '搜索结果', en: 'Search results' },
  noMatches: { zh: '没有匹配的要素', en: 'No matching features' },
  layersPanel: { zh: '图层', en: 'Layers' },
  openLayers: { zh: '打开图层面板', en: 'Open the layer panel' },
  closeLayers: { zh: '关闭图层面板', en: 'Close the layer panel' },
  legend: { zh: '图例', en: 'Legend' },
  colourMode: { zh: '地块着色', en: 'Colour plots by' },
  byStatus: { zh: '按状态', en: 'By status' },
  byGrade: { zh: '按等级', en: 'By grade' },
  byDeadline: { zh: '按期限', en: 'By deadline' },
  legendDeadlineProjects: { zh: '{layer}（按下一节点期限）', en: '{layer} (by next milestone)' },
  deadline_overdue: { zh: '已逾期', en: 'Overdue' },
  'deadline_due-soon': { zh: '30 天内到期', en: 'Due within 30 days' },
  'deadline_on-track': { zh: '按期推进', en: 'On track' },
  deadline_none: { zh: '无期限', en: 'No date' },
  deadlineNote: { zh: '以今天（{today}）为准。', en: 'As of today ({today}).' },
  basemap: { zh: '底图', en: 'Basemap' },
  basemapNone: { zh: '无底图（离线）', en: 'None (offline)' },
  basemapOsm: { zh: 'OpenStreetMap', en: 'OpenStreetMap' },
  basemapTdtVec: { zh: '天地图 矢量', en: 'Tianditu vector' },
  basemapTdtImg: { zh: '天地图 影像', en: 'Tianditu imagery' },
  basemapOnlineNote: { zh: '在线底图需要联网。', en: 'Online basemaps need a network.' },
  tiandituNoKey: {
    zh: '天地图尚未开通，请联系管理员。',
    en: 'Tianditu is not set up yet; ask the administrator.',
  },
  tiandituNoKeyAdmin: {
    zh: '天地图尚未开通：在服务器上设置 TIANDITU_KEY（本单位的天地图密钥）并重启服务即可，无需重新构建。',
    en: 'Tianditu is not set up: set TIANDITU_KEY (the bureau’s Tianditu key) on the server and restart it; no rebuild is needed.',
  },
  inspector: { zh: '属性', en: 'Inspector' },
  inspectorEmpty: {
    zh: '在地图上点击地块、园区、项目或新增用地，查看属性。',
    en: 'Click or tap a plot, park, project or new-land parcel on the map to see its attributes.',
  },
  featureLoading: { zh: '正在读取要素……', en: 'Reading the feature…' },
  close: { zh: '关闭', en: 'Close' },
  closeInspector: { zh: '关闭属性面板', en: 'Close the inspector' },
  skipToInspector: { zh: '跳到属性面板', en: 'Skip to the inspector' },
  surveyTxt: { zh: '导出勘测定界 TXT', en: 'Export survey TXT' },
  surveyTxtOf: { zh: '导出 {id} 的勘测定界 TXT', en: 'Export the survey TXT of {id}' },
  area: { zh: '面积', en: 'Area' },
  areaNote: {
    zh: 'CGCS2000 椭球面积',
    en: 'Ellipsoidal area on CGCS2000',
  },
  attributes: { zh: '属性信息', en: 'Attributes' },
  parksOfFeature: { zh: '所在园区', en: 'Parks' },
  noPark: { zh: '不在任何园区内', en: 'Not in any park' },
  within: { zh: '位于园区内', en: 'within' },
  crosses: { zh: '跨越园区边界', en: 'crosses the boundary' },
  indicators: { zh: '低效认定指标', en: 'Why it is low-efficiency' },
  citedReason: { zh: '认定原因', en: 'cited' },
  otherReasons: { zh: '其他原因', en: 'Other reasons' },
  noReasons: { zh: '未记录低效原因', en: 'No reasons recorded' },
  loading: { zh: '正在加载图层…', en: 'Loading layers…' },
  problemsTitle: {
    zh: '以下数据文件有问题，未加载：',
    en: 'These data files have problems and were not loaded:',
  },
  problemsWarnings: { zh: '数据文件提示：', en: 'Notes on the data files:' },
  fetchFailed: {
    zh: '无法读取 {file}（{reason}）。请检查文件是否存在。',
    en: 'Could not read {file} ({reason}). Check that the file exists.',
  },
  dismiss: { zh: '收起', en: 'Hide' },
  statusBar: { zh: '状态栏', en: 'Status bar' },
  offlineTitle: { zh: '离线', en: 'Offline' },
  offlineNoServer: {
    zh: '连不上服务器，显示的是本机保存的数据。',
    en: 'The server cannot be reached; the data shown is what this device keeps.',
  },
  offlineWorks: {
    zh: '离线可用：查看地图、地块信息、联网时打开过的数据表、记录巡查（联网后同步）。',
    en: 'Works offline: the map, plot information, the tables opened online, recording inspections (sent when back online).',
  },
  dataAsOf: { zh: '数据更新于 {time}', en: 'Data as of {time}' },
  scale: { zh: '比例尺', en: 'Scale' },
  cursor: { zh: '光标', en: 'Cursor' },
  centre: { zh: '中心', en: 'Centre' },
  lonLat: { zh: '经纬度', en: 'Lon/Lat' },
  gkZone: { zh: 'CGCS2000 3°带 38带', en: 'CGCS2000 3° GK zone 38' },
  featureCount: { zh: '{n} 个要素', en: '{n} features' },
  featureCountOne: { zh: '1 个要素', en: '1 feature' },
  notLoaded: { zh: '未加载', en: 'not loaded' },
  legendManufacturing: { zh: '工业用地（制造业 1001）', en: 'Manufacturing (1001)' },
  legendInfrastructure: { zh: '基础设施（12、13 类）', en: 'Infrastructure (12, 13)' },
  legendOther: { zh: '其他用途', en: 'Other uses' },
  legendPlots: { zh: '{layer}（{mode}）', en: '{layer} ({mode})' },
  densityNote: {
    zh: '缩小地图时，过小的地块画作圆点；较大的圆点代表附近多宗同状态地块，点击可放大查看。',
    en: 'Zoomed out, plots too small to draw are dots; a larger dot stands for several nearby plots of one status — tap it to zoom in.',
  },
  gradeNote: {
    zh: '亩均评价：A 类最优，D 类为末位',
    en: 'Per-mu grading: A is best, D the bottom few percent',
  },
  legendOutlines: { zh: '边界', en: 'Outlines' },
  parkHolds: { zh: '园区内（含跨界）', en: 'In this park (or crossing it)' },
  countParcels: { zh: '{n} 宗', en: '{n} parcels' },
  countProjects: { zh: '{n} 个', en: '{n} projects' },
  projectStages: { zh: '项目进度', en: 'Progress' },
  legendBoundary: { zh: '鹤山市界', en: 'Heshan city boundary' },
  legendPark: { zh: '园区范围', en: 'Park outline' },
  legendZone: {
    zh: '改造片区（虚线范围，片区内地块仍按图例着色）',
    en: 'Redevelopment zone (dashed outline; plots inside keep their colours)',
  },
  legendProjectPoint: { zh: '项目点位（圆点）', en: 'Project site (point)' },
  map: { zh: '地图', en: 'Map' },
  showLayers: { zh: '图层', en: 'Layers' },
  moreActions: { zh: '更多', en: 'More' },
  showInspector: { zh: '属性', en: 'Inspector' },
  sampleNote: { zh: '示例数据', en: 'Sample data' },
  // Where am I (src/app/map/locate.tsx) and the bottom sheet's handle (src/app/ui/sheet-handle.tsx).
  locate: { zh: '定位', en: 'Locate me' },
  follow: { zh: '跟随', en: 'Follow' },
  locating: { zh: '正在定位…', en: 'Finding your position…' },
  locateDenied: {
    zh: '无法定位：未允许本网站使用位置信息。请在浏览器（或平板）设置中允许定位后再点“定位”。',
    en: 'Cannot locate: this site may not use your location. Allow location in the browser (or tablet) settings, then press “Locate me” again.',
  },
  locateUnavailable: {
    zh: '无法定位：收不到定位信号。请确认平板已打开定位，并到室外开阔处。',
    en: 'Cannot locate: no position can be had. Check that location is on and move into the open.',
  },
  locateTimeout: {
    zh: '定位超时：暂未取得位置，仍在继续尝试。',
    en: 'Location timed out: no position yet; still trying.',
  },
  locateUnsupported: { zh: '此浏览器不能定位。', en: 'This browser cannot give a location.' },
  positionAccuracy: { zh: '定位 ±{m} 米', en: 'Position ±{m} m' },
  youAreIn: { zh: '您在 {id} 内', en: 'You are in {id}' },
  openPlot: { zh: '打开 {id}', en: 'Open {id}' },
  nearbyPlots: { zh: '附近地块：', en: 'Nearby plots:' },
  nearbyPlot: { zh: '{id} {m} 米', en: '{id} {m} m' },
  noPlotNearby: { zh: '1 公里内没有地块', en: 'No plot within 1 km' },
  sheetHandle: { zh: '调整面板高度（现在：{height}）', en: 'Resize the panel (now: {height})' },
  sheetPeek: { zh: '收起', en: 'peek' },
  sheetHalf: { zh: '半屏', en: 'half' },
  sheetFull: { zh: '全屏', en: 'full' },
} as const satisfies Record<string, Bilingual>;

export type StringKey = keyof typeof STRINGS;

/** `{name}` placeholders filled from `values`; a placeholder without a value stays as written. */
export function fillPlaceholders(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  );
}

/** The UI string in the language, with `{name}` placeholders filled. */
export function t(lang: Lang, key: StringKey, values: Record<string, string | number> = {}): string {
  return fillPlaceholders(STRINGS[key][lang], values);
}

/** `?lang=en` → English; anything else → Chinese. */
export function langFromSearch(search: string): Lang {
  return new URLSearchParams(search).get('lang') === 'en' ? 'en' : 'zh';
}

/** The same address in the other language, keeping every other parameter and the map's hash. */
export function hrefForLang(href: string, lang: Lang): string {
  const url = new URL(href);
  if (lang === 'en') url.searchParams.set('lang', 'en');
  else url.searchParams.delete('lang');
  return url.toString();
}

/** MapLibre's own control strings (zoom buttons, attribution), in Chinese; English is its default. */
export const MAPLIBRE_LOCALE_ZH: Record<string, string> = {
  'Map.Title': '地图',
  'NavigationControl.ZoomIn': '放大',
  'NavigationControl.ZoomOut': '缩小',
  'NavigationControl.ResetBearing': '重置方向',
  'AttributionControl.ToggleAttribution': '显示或隐藏版权信息',
  'AttributionControl.MapFeedback': '地图反馈',
  'Popup.Close': '关闭',
  'Marker.Title': '标记',
  'ScaleControl.Meters': '米',
  'ScaleControl.Kilometers': '千米',
};

/** The four roles by name (the user menu, the accounts screen). */
export const ROLE_LABELS = {
  viewer: { zh: '查看者', en: 'Viewer' },
  inspector: { zh: '核查员', en: 'Inspector' },
  planner: { zh: '规划员', en: 'Planner' },
  admin: { zh: '管理员', en: 'Administrator' },
} as const;
