// The words of the import screen (导入数据), in Chinese (default) and English.
import type { Bilingual, Lang } from '../../domain/i18n.ts';
import { fillPlaceholders } from '../i18n/i18n.ts';

const STRINGS = {
  importData: { zh: '导入数据', en: 'Import data' },
  closeImport: { zh: '关闭导入数据', en: 'Close the import' },
  dropHere: {
    zh: '把文件拖到这里，或',
    en: 'Drop a file here, or',
  },
  pickFile: { zh: '选择文件', en: 'Choose a file' },
  supported: {
    zh: '支持：Shapefile（.zip，或 .shp .shx .dbf .prj .cpg 一起选）、GeoJSON、KML/KMZ、CSV、勘测定界 TXT。文件在本机读取，提交前不会上传或改动任何数据。',
    en: 'Supported: Shapefile (.zip, or .shp .shx .dbf .prj .cpg together), GeoJSON, KML/KMZ, CSV, survey TXT. The file is read on this device; nothing is sent or changed before you commit.',
  },
  reading: { zh: '正在读取 {file}…… {percent}', en: 'Reading {file}… {percent}' },
  parsing: { zh: '正在解析 {file}……', en: 'Parsing {file}…' },
  progress: { zh: '读取进度', en: 'Reading progress' },
  readFailed: {
    zh: '未能读取 {file}{feature}：{text} {hint} 没有改动任何数据。',
    en: 'Could not read {file}{feature}: {text} {hint} Nothing was changed.',
  },
  featureAt: { zh: '（要素 {n}）', en: ' (feature {n})' },
  fileSummary: { zh: '文件概况', en: 'The file' },
  file: { zh: '文件', en: 'File' },
  format: { zh: '格式', en: 'Format' },
  encoding: { zh: '文字编码', en: 'Text encoding' },
  crs: { zh: '坐标系', en: 'Coordinate system' },
  featureCount: { zh: '要素数', en: 'Features' },
  fromFile: { zh: '（读自文件）', en: ' (from the file)' },
  guessed: {
    zh: '坐标系是根据坐标数值大小推测的，请核对后确认。',
    en: 'The coordinate system was guessed from the size of the coordinates; check it and confirm.',
  },
  confirmCrs: { zh: '我已核对，坐标系正确', en: 'I checked: the coordinate system is right' },
  warnings: { zh: '提示（{n}）', en: 'Warnings ({n})' },
  moreWarnings: { zh: '……另有 {n} 条', en: '… and {n} more' },
  landUseQuestion: {
    zh: '地类代码字段 {field} 无法判断属于哪套分类：{reason} 请选择：',
    en: 'The land-use field {field} could be either scheme: {reason} Choose:',
  },
  landUseScheme: { zh: '地类代码分类', en: 'Land-use code scheme' },
  schemeCurrent: {
    zh: '国土空间用地用海分类（1001 为工业用地）',
    en: 'Current 用地用海 classification (1001 industrial)',
  },
  schemeSandiao: {
    zh: '三调 GB/T 21010（0601 为工业用地，转换为用地用海代码）',
    en: '三调 GB/T 21010 (0601 industrial; converted to current codes)',
  },
  sandiaoNote: {
    zh: '文件的地类代码为三调分类（{field}）：导入时转换为用地用海代码。',
    en: 'The file’s land-use codes are 三调 ({field}): they are converted to current codes.',
  },
  target: { zh: '导入到', en: 'Import into' },
  targetLayer: { zh: '目标图层', en: 'Target layer' },
  mode: { zh: '方式', en: 'Mode' },
  modeMerge: { zh: '合并（按编号更新或新增）', en: 'Merge (update or add by id)' },
  modeReplace: { zh: '替换（文件中没有的要素将删除）', en: 'Replace (features not in the file are deleted)' },
  noVersion: {
    zh: '文件没有“版本”字段：无法判断服务器上哪些要素在导出后被修改过，同编号的要素将被文件内容更新。从本系统导出的 GeoJSON 带有版本字段（version）。',
    en: 'The file has no version field: changes made on the server since it was exported cannot be found, and features with the same id will be updated from the file. GeoJSON exported from Land Atlas carries it (version).',
  },
  mapping: { zh: '字段对应', en: 'Field mapping' },
  property: { zh: '图层属性', en: 'Layer property' },
  sourceField: { zh: '文件字段', en: 'File field' },
  defaultValue: { zh: '默认值', en: 'Default' },
  fieldFor: { zh: '{property} 的字段', en: 'Field for {property}' },
  defaultFor: { zh: '{property} 的默认值', en: 'Default for {property}' },
  notImported: { zh: '（不导入）', en: '(not imported)' },
  required: { zh: '必填', en: 'required' },
  requiredNote: {
    zh: '* 为必填属性：没有对应字段时请填默认值。',
    en: '* required: give a default where no field holds it.',
  },
  sample: { zh: '示例：{value}', en: 'e.g. {value}' },
  preset: { zh: '导入方案', en: 'Preset' },
  presetChoose: { zh: '使用已保存的方案', en: 'Use a saved preset' },
  presetNone: { zh: '（自动对应）', en: '(suggested)' },
  presetName: { zh: '方案名称', en: 'Preset name' },
  presetSave: { zh: '保存方案', en: 'Save preset' },
  presetSaved: { zh: '已保存导入方案“{name}”。', en: 'Preset “{name}” was saved.' },
  problems: { zh: '问题（{n}）：改正后才能提交', en: 'Problems ({n}): correct them to commit' },
  problemAt: { zh: '要素 {n}（编号 {id}）', en: 'Feature {n} (id {id})' },
  problemFile: { zh: '整个文件', en: 'The file' },
  ready: { zh: '{n} 个要素可以导入。', en: '{n} features are ready.' },
  commit: { zh: '提交导入（{n} 个要素）', en: 'Commit the import ({n} features)' },
  committing: { zh: '正在提交……', en: 'Committing…' },
  cancel: { zh: '取消', en: 'Cancel' },
  serverProblems: {
    zh: '服务器未接受：{message}',
    en: 'The server refused: {message}',
  },
  conflictsTitle: {
    zh: '{n} 个要素在文件导出后已在服务器上被修改：',
    en: '{n} features were changed on the server after the file was exported:',
  },
  conflictLine: {
    zh: '{id}：文件版本 {imported}，服务器版本 {stored}（{by} 于 {at} 修改）',
    en: '{id}: file version {imported}, server version {stored} (changed by {by} at {at})',
  },
  overwrite: { zh: '仍然覆盖这 {n} 个要素', en: 'Overwrite these {n} features anyway' },
  overwriteConfirm: {
    zh: '确定用文件内容覆盖这 {n} 个要素在服务器上的较新修改吗？变更历史会记录每一个覆盖。',
    en: 'Overwrite the newer server versions of these {n} features with the file? History records each one.',
  },
  done: {
    zh: '已导入到{layer}：新增 {created}，更新 {updated}，未变 {unchanged}，删除 {deleted}。已记入变更历史（第 {seq} 条）。',
    en: 'Imported into {layer}: {created} added, {updated} updated, {unchanged} unchanged, {deleted} deleted. Recorded in history (entry {seq}).',
  },
  overwroteNote: { zh: '其中覆盖了 {n} 个较新的修改。', en: '{n} newer edits were overwritten.' },
  previewNote: {
    zh: '地图上的洋红色轮廓为预览，尚未保存。',
    en: 'The magenta outlines on the map are a preview; nothing is saved yet.',
  },
  anotherFile: { zh: '导入另一个文件', en: 'Import another file' },
  close: { zh: '关闭', en: 'Close' },
} as const satisfies Record<string, Bilingual>;

export type ImportStringKey = keyof typeof STRINGS;

export function ti(lang: Lang, key: ImportStringKey, values: Record<string, string | number> = {}): string {
  return fillPlaceholders(STRINGS[key][lang], values);
}
