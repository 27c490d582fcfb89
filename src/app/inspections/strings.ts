// The words of the inspection form, the two histories, the attribute editor and the conflict dialog.

import type { Bilingual, Lang } from '../../domain/i18n.ts';
import { PHOTO_MAX_MB } from '../../domain/photos.ts';
import { PRESENCE_LIMITS } from '../../geo/locate.ts';
import { fillPlaceholders } from '../i18n/i18n.ts';

const STRINGS = {
  recordInspection: { zh: '记录巡查', en: 'Record inspection' },
  editAttributes: { zh: '编辑属性', en: 'Edit attributes' },
  draftInspection: { zh: '有未完成的巡查草稿', en: 'An unfinished inspection draft' },
  draftEdit: { zh: '有未完成的属性编辑草稿', en: 'An unfinished attribute edit' },
  draftSavedAt: { zh: '（{time} 自动保存）', en: ' (saved {time})' },
  draftPhotos: { zh: '，含 {n} 张照片', en: ', {n} photo(s)' },
  draftContinue: { zh: '继续', en: 'Continue' },
  draftDiscard: { zh: '丢弃', en: 'Discard' },
  draftDiscardConfirm: { zh: '确定丢弃草稿', en: 'Discard the draft' },
  draftKeep: { zh: '保留', en: 'Keep' },
  draftDiscardQuestion: {
    zh: '丢弃后草稿及其照片将无法恢复。',
    en: 'The draft and its photos cannot be brought back once discarded.',
  },
  cancelQuestion: {
    zh: '放弃本次填写的内容？已自动保存的草稿也将删除。',
    en: 'Give up what you have entered? The automatically saved draft is deleted too.',
  },
  cancelConfirm: { zh: '放弃填写', en: 'Give up' },
  cancelBack: { zh: '继续填写', en: 'Keep editing' },
  draftAutosaved: { zh: '草稿已自动保存在本机', en: 'Draft saved on this device' },
  inspectionHistory: { zh: '巡查记录', en: 'Inspection history' },
  changeHistory: { zh: '变更历史', en: 'Change history' },
  noInspections: { zh: '暂无巡查记录', en: 'No inspections yet' },
  noChanges: { zh: '暂无变更', en: 'No changes yet' },
  loadingRecords: { zh: '正在读取…', en: 'Loading…' },
  retry: { zh: '重试', en: 'Try again' },
  inspector: { zh: '巡查人', en: 'Inspector' },
  date: { zh: '巡查日期', en: 'Date' },
  statusAfter: { zh: '巡查后状态', en: 'Status after' },
  findings: { zh: '巡查发现', en: 'Findings' },
  mode: { zh: '整治模式', en: 'Rectification mode' },
  modeUnchanged: { zh: '不变', en: 'Unchanged' },
  notes: { zh: '备注', en: 'Notes' },
  photos: { zh: '照片', en: 'Photos' },
  photoN: { zh: '照片 {n}', en: 'Photo {n}' },
  photoOf: { zh: '{plot} 巡查照片 {n}（{date}）', en: 'Inspection photo {n} of {plot} ({date})' },
  takePhotos: { zh: '拍照或选择照片', en: 'Take or choose photos' },
  photoHint: {
    zh: `JPEG、PNG 或 WebP，每张不超过 ${PHOTO_MAX_MB} MB。`,
    en: `JPEG, PNG or WebP, at most ${PHOTO_MAX_MB} MB each.`,
  },
  removePhoto: { zh: '移除 {name}', en: 'Remove {name}' },
  photoTooLarge: {
    zh: `{name} 太大（{size} MB），每张照片不超过 ${PHOTO_MAX_MB} MB。`,
    en: `{name} is too large ({size} MB); a photo may be ${PHOTO_MAX_MB} MB at most.`,
  },
  photoHeic: {
    zh: '{name} 是 HEIC/HEIF 格式，系统不接收。请在相机设置中选择“兼容性最佳”（JPEG）后重拍，或选择 JPEG 照片。',
    en: '{name} is a HEIC/HEIF picture, which is not accepted. Set the camera to “Most Compatible” (JPEG) and take it again, or choose a JPEG.',
  },
  photoWrongType: {
    zh: '{name} 不是 JPEG、PNG 或 WebP 图片。',
    en: '{name} is not a JPEG, PNG or WebP image.',
  },
  findingsRequired: { zh: '请填写巡查发现。', en: 'Please write the findings.' },
  statusBack: {
    zh: '状态将由“{from}”退回“{to}”。请确认并填写退回原因。',
    en: 'The status goes back from “{from}” to “{to}”. Confirm it by giving the reason.',
  },
  backReason: { zh: '退回原因', en: 'Reason for going back' },
  backReasonRequired: {
    zh: '状态退回需要填写退回原因。',
    en: 'Going back needs a reason.',
  },
  backReasonNote: { zh: '退回原因：{reason}', en: 'Reason for going back: {reason}' },
  dateInvalid: { zh: '请填写日期（YYYY-MM-DD）。', en: 'Enter the date (YYYY-MM-DD).' },
  save: { zh: '保存巡查记录', en: 'Save the inspection' },
  saving: { zh: '正在保存…', en: 'Saving…' },
  uploadingPhotos: { zh: '正在上传照片…', en: 'Uploading photos…' },
  savedToSync: {
    zh: '已保存，待同步：网络恢复后自动发送（见顶栏“待同步”）。',
    en: 'Saved, to sync: it is sent when the network is back (see “to sync” in the top bar).',
  },
  cancel: { zh: '取消', en: 'Cancel' },
  close: { zh: '关闭', en: 'Close' },
  recordedPhotosFailed: {
    zh: '巡查记录已保存，但以下照片未能上传：',
    en: 'The inspection was saved, but these photos could not be uploaded:',
  },
  retryPhotos: { zh: '重新上传这些照片', en: 'Upload these photos again' },
  finishWithout: { zh: '不上传，关闭', en: 'Close without them' },
  recorded: { zh: '巡查记录已保存。', en: 'The inspection was saved.' },
  saved: { zh: '属性已保存。', en: 'The attributes were saved.' },
  inspectTitle: { zh: '记录巡查：{plot}', en: 'Record an inspection: {plot}' },
  editTitle: { zh: '编辑属性：{plot}', en: 'Edit attributes: {plot}' },
  saveAttributes: { zh: '保存属性', en: 'Save the attributes' },
  nothingChanged: { zh: '没有修改任何属性。', en: 'Nothing was changed.' },
  noDeadline: { zh: '留空表示无期限。', en: 'Leave empty for no deadline.' },
  conflictTitle: { zh: '修改冲突', en: 'Edit conflict' },
  conflictIntro: {
    zh: '您编辑期间，他人已修改此地块（您基于版本 {mine}，服务器现为版本 {theirs}）。下列属性双方都改了，且改得不同；请比较后选择。尚未保存任何内容。',
    en: 'Someone else changed this plot while you were editing (you started from version {mine}; the server now has version {theirs}). Both of you changed the fields below, differently: compare them and choose. Nothing is saved yet.',
  },
  conflictMerged: {
    zh: '不冲突的修改无论如何都会保存：{fields}。',
    en: 'Changes that do not conflict are saved either way: {fields}.',
  },
  conflictYoursList: { zh: '您改的{fields}', en: 'yours ({fields})' },
  conflictTheirsList: { zh: '他人改的{fields}', en: 'theirs ({fields})' },
  field: { zh: '属性', en: 'Field' },
  yours: { zh: '您的版本', en: 'Yours' },
  theirs: { zh: '服务器当前版本', en: 'Current on the server' },
  changedBy: { zh: '修改人', en: 'Changed by' },
  changedByUnknown: { zh: '（历史中未找到）', en: '(not found in history)' },
  keepMine: { zh: '保留我的修改', en: 'Keep my changes' },
  keepMineNote: {
    zh: '上表各项采用您的值，应用到服务器当前版本上。',
    en: 'Uses your value for each field above, on top of the current version.',
  },
  takeTheirs: { zh: '采用服务器版本', en: 'Take the server’s version' },
  takeTheirsNote: {
    zh: '上表各项保留服务器的值；您其他不冲突的修改仍会保存。',
    en: 'Keeps the server’s value for each field above; your other changes that do not conflict are still saved.',
  },
  takeTheirsInspection: {
    zh: '保存巡查记录，但上表各项保留服务器的值。',
    en: 'Saves the inspection but keeps the server’s value for each field above.',
  },
  geometryChanged: { zh: '几何图形已修改', en: 'Geometry changed' },
  created: { zh: '已创建', en: 'created' },
  deleted: { zh: '已删除', en: 'deleted' },
  attemptedInspection: { zh: '巡查尝试设置', en: 'The inspection tried to set' },
  versionArrow: { zh: '版本 {from} → {to}', en: 'version {from} → {to}' },
  versionNamed: { zh: '基于版本 {from}，当前版本 {to}', en: 'from version {from}, current {to}' },
  moreAttributes: { zh: '及其他 {n} 项属性', en: 'and {n} more attributes' },
  // Where the inspector stood (presence.tsx, inspection-history.tsx).
  position: { zh: '定位', en: 'Position' },
  positionValue: { zh: '±{m} 米（{time}）', en: '±{m} m ({time})' },
  positionNone: { zh: '无定位', en: 'No position' },
  showOnMap: { zh: '在地图上显示', en: 'Show on map' },
  showOnMapOf: {
    zh: '在地图上显示 {date} 巡查的位置',
    en: 'Show where the inspection of {date} was recorded',
  },
  positionNote: { zh: '无到场证明的原因', en: 'Reason (no proof of presence)' },
  presenceInside: { zh: '在地块内', en: 'inside the plot' },
  presenceDistance: { zh: '距地块 {m} 米', en: '{m} m from the plot' },
  presenceWaiting: { zh: '正在定位…', en: 'Finding your position…' },
  doubtNoPosition: {
    zh: '没有定位：定位未开启、未允许或收不到信号。',
    en: 'No position: location is off, not allowed or has no signal.',
  },
  doubtInaccurate: {
    zh: `定位精度只有 ±{m} 米（要求 ±${PRESENCE_LIMITS.accuracyM} 米以内）。`,
    en: `The position is only accurate to ±{m} m (±${PRESENCE_LIMITS.accuracyM} m or better is needed).`,
  },
  doubtFar: {
    zh: `当前位置距该地块 {m} 米（超过 ${PRESENCE_LIMITS.distanceM} 米）。`,
    en: `You are {m} m from this plot (more than ${PRESENCE_LIMITS.distanceM} m).`,
  },
  presenceReason: { zh: '仍要保存的原因', en: 'Reason to save anyway' },
  presenceReasonHint: {
    zh: '现场核查需要到场证明。请说明原因，如：围墙内无法进入，已在大门口拍照。',
    en: 'A site inspection needs proof of presence. Say why, e.g. the site is walled off; photos taken at the gate.',
  },
  presenceReasonRequired: {
    zh: '请填写“仍要保存的原因”：这条记录没有到场证明。',
    en: 'Fill in “Reason to save anyway”: this record has no proof of presence.',
  },
} as const satisfies Record<string, Bilingual>;

export type RecordStringKey = keyof typeof STRINGS;

export function tr(lang: Lang, key: RecordStringKey, values: Record<string, string | number> = {}): string {
  return fillPlaceholders(STRINGS[key][lang], values);
}

const ACTION_LABELS: Record<string, Bilingual> = {
  create: { zh: '创建', en: 'Created' },
  update: { zh: '修改属性', en: 'Attributes edited' },
  delete: { zh: '删除', en: 'Deleted' },
  inspection: { zh: '巡查', en: 'Inspection' },
  conflict: { zh: '冲突（未保存）', en: 'Conflict (not saved)' },
  'import-create': { zh: '导入新增', en: 'Imported (new)' },
  'import-update': { zh: '导入更新', en: 'Imported (update)' },
  'import-delete': { zh: '导入删除', en: 'Imported (removed)' },
  seed: { zh: '初始数据', en: 'Initial data' },
  photo: { zh: '照片', en: 'Photo' },
};

export function actionLabel(action: string, lang: Lang): string {
  return ACTION_LABELS[action]?.[lang] ?? action;
}
