// The zone tools' words, Chinese first (English with ?lang=en).
import type { Bilingual, Lang } from '../../../domain/i18n.ts';
import type { ZoneMode } from '../../../domain/zone.ts';
import type { ZoneRefusal } from '../../../geo/zone-validate.ts';
import { fillPlaceholders } from '../../i18n/i18n.ts';

const STRINGS = {
  drawZones: { zh: '绘制区域', en: 'Draw zones' },
  zoneTools: { zh: '区域绘制工具', en: 'Zone drawing tools' },
  closeZones: { zh: '关闭区域绘制', en: 'Close zone drawing' },
  drawPolygon: { zh: '绘制多边形', en: 'Draw polygon' },
  drawRectangle: { zh: '绘制矩形', en: 'Draw rectangle' },
  drawFreehand: { zh: '徒手绘制', en: 'Draw freehand' },
  selectEdit: { zh: '选择编辑', en: 'Select and edit' },
  deleteVertex: { zh: '删除顶点', en: 'Delete vertex' },
  deleteVertexHint: {
    zh: '点击所选区域的一个顶点将其删除。',
    en: 'Click or tap a vertex of the selected zone to delete it.',
  },
  deleteZone: { zh: '删除区域', en: 'Delete zone' },
  confirmDelete: { zh: '确定删除区域“{name}”？', en: 'Delete zone “{name}”?' },
  undo: { zh: '撤销', en: 'Undo' },
  redo: { zh: '重做', en: 'Redo' },
  snap: { zh: '吸附', en: 'Snap' },
  finish: { zh: '完成', en: 'Finish' },
  cancel: { zh: '取消', en: 'Cancel' },
  saveZone: { zh: '保存区域', en: 'Save zone' },
  takeServerCopy: { zh: '改用服务器上的版本', en: 'Use the version on the server' },
  saving: { zh: '正在保存…', en: 'Saving…' },
  saved: { zh: '已保存（版本 {version}）', en: 'Saved (version {version})' },
  queued: {
    zh: '已保存，待同步：网络恢复后自动发送。',
    en: 'Saved, to sync: it is sent when the network is back.',
  },
  changedMeanwhile: {
    zh: '区域已被他人修改（{fields}，由 {by}），您的修改未保存。可改用服务器上的版本，或调整后再保存。',
    en: 'The zone was changed by someone else ({fields}, by {by}); your change is not saved. Use the version on the server, or adjust and save again.',
  },
  outline: { zh: '范围', en: 'outline' },
  zones: { zh: '区域列表', en: 'Zones' },
  noZones: { zh: '尚无区域。', en: 'No zones yet.' },
  zoomTo: { zh: '缩放至', en: 'Zoom to' },
  exportGeoJson: { zh: '导出 GeoJSON', en: 'Export GeoJSON' },
  exportCsv: { zh: '导出分析 CSV', en: 'Export analysis CSV' },
  readout: { zh: '区域量算', en: 'Zone readout' },
  area: { zh: '面积', en: 'Area' },
  perimeter: { zh: '周长', en: 'Perimeter' },
  plotsInZone: { zh: '涉及地块', en: 'Plots affected' },
  noPlots: { zh: '无地块', en: 'No plots' },
  tooManyInView: {
    zh: '放大地图后绘制以计算压占地块',
    en: 'Zoom in to draw: too many plots in view to compute overlaps',
  },
  parksTouched: { zh: '涉及园区', en: 'Parks touched' },
  noParks: { zh: '无', en: 'None' },
  manufacturingShare: { zh: '新增建设用地制造业占比', en: 'Manufacturing share of new land' },
  plotsManufacturingShare: { zh: '地块工业用地占比', en: 'Industrial share of plots' },
  sharesNote: {
    zh: '两个占比口径不同：新增建设用地制造业占比 = 区内新增建设用地中工业用地（1001）面积 ÷（新增建设用地 − 交通和公用设施用地），对照 80% 目标；地块工业用地占比 = 区内低效用地地块中工业用地所占的面积比例。',
    en: 'The two shares differ: the manufacturing share of new land is the industrial (1001) area of the new construction land inside the zone ÷ (that new land − transport and utility land), against the 80% target; the industrial share of plots is the part of the low-efficiency plots inside the zone that is industrial land.',
  },
  noNewLand: { zh: '区内无新增建设用地', en: 'No new construction land inside' },
  plotId: { zh: '地块', en: 'Plot' },
  enterprise: { zh: '企业', en: 'Enterprise' },
  overlap: { zh: '重叠', en: 'Overlap' },
  ofPlot: { zh: '占地块', en: 'Of plot' },
  name: { zh: '名称', en: 'Name' },
  mode: { zh: '改造方式', en: 'Redevelopment mode' },
  plannedLandUse: { zh: '规划用地分类', en: 'Planned land use' },
  notes: { zh: '备注', en: 'Notes' },
  unnamed: { zh: '未命名区域', en: 'Unnamed zone' },
  unsaved: { zh: '未保存', en: 'unsaved' },
  drawHint: {
    zh: '在地图上点击添加顶点，点击起点或按“完成”结束。',
    en: 'Click or tap the map to add vertices; click the first one or press Finish to end.',
  },
  selectHint: {
    zh: '选中区域后可拖动区域或顶点，拖动边中点添加顶点。',
    en: 'Select a zone to move it or drag its vertices; drag an edge midpoint to add a vertex.',
  },
  refused: { zh: '图形未接受：{reason}', en: 'Shape refused: {reason}' },
} as const;

export type ZoneStringKey = keyof typeof STRINGS;

export function tz(lang: Lang, key: ZoneStringKey, values: Record<string, string | number> = {}): string {
  return fillPlaceholders(STRINGS[key][lang], values);
}

const REFUSALS: Record<ZoneRefusal, Bilingual> = {
  'self-intersecting': { zh: '边线自相交', en: 'the outline crosses itself' },
  'too-small': { zh: '面积小于 0.1 亩', en: 'the area is under 0.1 mu' },
  'too-few-vertices': { zh: '顶点少于 3 个', en: 'fewer than 3 vertices' },
  slip: {
    zh: '图形在屏幕上太小，像是误触；请放大地图后再画',
    en: 'the outline is tiny on screen, like a slip; zoom in and draw it again',
  },
};

export function refusalText(lang: Lang, reason: ZoneRefusal): string {
  return tz(lang, 'refused', { reason: REFUSALS[reason][lang] });
}

export const ZONE_MODE_NAMES: Record<ZoneMode, Bilingual> = {
  'self-upgrade': { zh: '自我提升', en: 'Self-upgrade' },
  cooperation: { zh: '拓展合作', en: 'Cooperation' },
  acquisition: { zh: '收购收储', en: 'Acquisition' },
  redevelopment: { zh: '工改工', en: 'Industrial redevelopment' },
};
