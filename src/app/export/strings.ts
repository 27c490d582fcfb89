// The words of the export sheet (导出数据), in Chinese (default) and English.
import type { Bilingual, Lang } from '../../domain/i18n.ts';
import { fillPlaceholders } from '../i18n/i18n.ts';

const STRINGS = {
  exportData: { zh: '导出数据', en: 'Export data' },
  close: { zh: '关闭', en: 'Close' },
  layer: { zh: '图层', en: 'Layer' },
  format: { zh: '格式', en: 'Format' },
  geojson: { zh: 'GeoJSON（经纬度）', en: 'GeoJSON (lon/lat)' },
  shp: { zh: 'Shapefile（.zip，ArcGIS/QGIS）', en: 'Shapefile (.zip, ArcGIS/QGIS)' },
  kml: { zh: 'KML（奥维、Google 地球）', en: 'KML (Ovi, Google Earth)' },
  csv: { zh: 'CSV 表格（Excel，中文列名）', en: 'CSV table (Excel, Chinese headers)' },
  encoding: { zh: '属性文字编码', en: 'Attribute encoding' },
  utf8: { zh: 'UTF-8（附 .cpg，新版 ArcGIS/QGIS）', en: 'UTF-8 (with .cpg; current ArcGIS/QGIS)' },
  gbk: { zh: 'GBK（旧版 ArcGIS 等）', en: 'GBK (older ArcGIS and others)' },
  crs: { zh: '坐标系（.prj）', en: 'Coordinate system (.prj)' },
  download: { zh: '下载', en: 'Download' },
  downloadNote: {
    zh: '导出的 GeoJSON 带有每个要素的版本号：改后再导入时，服务器上更新的修改会作为冲突列出，不会被覆盖。',
    en: 'A GeoJSON export carries each feature’s version: when the file comes back, newer edits on the server are listed as conflicts, never overwritten.',
  },
} as const satisfies Record<string, Bilingual>;

export type ExportStringKey = keyof typeof STRINGS;

export function te(lang: Lang, key: ExportStringKey, values: Record<string, string | number> = {}): string {
  return fillPlaceholders(STRINGS[key][lang], values);
}
