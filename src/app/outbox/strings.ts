// The words of the outbox's badge and list.
import type { Lang } from '../../domain/i18n.ts';
import type { OutboxState } from '../../domain/outbox.ts';
import { fillPlaceholders } from '../i18n/i18n.ts';

const STRINGS = {
  badge: { zh: '待同步 {n}', en: '{n} to sync' },
  badgeLabel: {
    zh: '待同步 {n} 条：打开同步列表',
    en: '{n} to sync: open the sync list',
  },
  title: { zh: '待同步', en: 'To sync' },
  intro: {
    zh: '以下记录已保存在本机，网络可用时按顺序自动发送到服务器。关闭页面或重启平板不会丢失。',
    en: 'These records are kept on this device and sent to the server in order when the network allows. Closing the page or restarting the tablet loses none of them.',
  },
  empty: { zh: '没有待同步的记录。', en: 'Nothing waits to be synced.' },
  syncNow: { zh: '立即同步', en: 'Sync now' },
  syncing: { zh: '正在同步…', en: 'Syncing…' },
  discard: { zh: '放弃', en: 'Discard' },
  discardWhat: { zh: '放弃 {what}', en: 'Discard {what}' },
  confirmDiscard: {
    zh: '确定放弃“{what}”？它将不会发送到服务器，且无法恢复。',
    en: 'Discard “{what}”? It will not be sent to the server and cannot be brought back.',
  },
  confirmDiscardWithPhotos: {
    zh: '确定放弃“{what}”及其 {n} 张照片？它们将不会发送到服务器，且无法恢复。',
    en: 'Discard “{what}” and its {n} photos? They will not be sent to the server and cannot be brought back.',
  },
  confirm: { zh: '确认放弃', en: 'Discard it' },
  keep: { zh: '保留', en: 'Keep it' },
  resolve: { zh: '处理冲突', en: 'Resolve the conflict' },
  attempts: { zh: '已尝试 {n} 次', en: '{n} tries so far' },
  afterInspection: { zh: '在其巡查记录之后发送', en: 'sent after its inspection' },
  close: { zh: '关闭', en: 'Close' },
  state: { zh: '状态', en: 'State' },
} as const;

const STATES: Record<OutboxState, { zh: string; en: string }> = {
  waiting: { zh: '等待', en: 'Waiting' },
  sending: { zh: '发送中', en: 'Sending' },
  sent: { zh: '已同步', en: 'Sent' },
  conflict: { zh: '冲突', en: 'Conflict' },
  refused: { zh: '被拒绝', en: 'Refused' },
};

export function to(lang: Lang, key: keyof typeof STRINGS, values: Record<string, string | number> = {}) {
  return fillPlaceholders(STRINGS[key][lang], values);
}

export function stateLabel(state: OutboxState, lang: Lang): string {
  return STATES[state][lang];
}
