// The words of the accounts screen (用户管理), in Chinese (default) and English.
import type { Bilingual, Lang } from '../../domain/i18n.ts';
import { fillPlaceholders } from '../i18n/i18n.ts';

const STRINGS = {
  accounts: { zh: '用户管理', en: 'Accounts' },
  close: { zh: '关闭', en: 'Close' },
  users: { zh: '用户列表', en: 'Users' },
  username: { zh: '用户名', en: 'Username' },
  role: { zh: '角色', en: 'Role' },
  state: { zh: '状态', en: 'State' },
  created: { zh: '创建时间', en: 'Created' },
  actions: { zh: '操作', en: 'Actions' },
  active: { zh: '启用', en: 'Active' },
  disabled: { zh: '已停用', en: 'Disabled' },
  you: { zh: '（本人）', en: ' (you)' },
  roleOf: { zh: '{name} 的角色', en: 'Role of {name}' },
  disable: { zh: '停用', en: 'Disable' },
  enable: { zh: '启用', en: 'Enable' },
  disableUser: { zh: '停用 {name}', en: 'Disable {name}' },
  enableUser: { zh: '启用 {name}', en: 'Enable {name}' },
  resetPassword: { zh: '重置密码', en: 'Reset password' },
  resetPasswordOf: { zh: '重置 {name} 的密码', en: 'Reset the password of {name}' },
  newPasswordOf: { zh: '{name} 的新密码', en: 'New password for {name}' },
  savePassword: { zh: '保存新密码', en: 'Save the new password' },
  cancel: { zh: '取消', en: 'Cancel' },
  addUser: { zh: '添加用户', en: 'Add a user' },
  initialPassword: { zh: '初始密码', en: 'Initial password' },
  passwordRule: {
    zh: '至少 8 个字符，不能是常见密码，不能包含用户名。请当面或电话告知本人，并请其登录后修改。',
    en: 'At least 8 characters, not a common password, not containing the username. Tell the person in person or by phone, and ask them to change it after logging in.',
  },
  usernameRule: {
    zh: '2–32 个字符：字母（可为中文）、数字、“.”、“_”、“-”。',
    en: '2–32 characters: letters (Chinese too), digits, “.”, “_” or “-”.',
  },
  passwordTooShort: { zh: '密码至少 8 个字符。', en: 'The password needs at least 8 characters.' },
  usernameMissing: { zh: '请输入用户名。', en: 'Enter a username.' },
  loading: { zh: '正在读取用户……', en: 'Reading the accounts…' },
  working: { zh: '正在保存……', en: 'Saving…' },
  added: { zh: '已添加用户 {name}（{role}）。', en: 'User {name} ({role}) was added.' },
  roleChanged: { zh: '已将 {name} 的角色改为{role}。', en: 'The role of {name} is now {role}.' },
  wasDisabled: {
    zh: '已停用 {name}：其登录已失效，且不能再登录。',
    en: '{name} is disabled: their sessions ended and they cannot log in.',
  },
  wasEnabled: { zh: '已启用 {name}，可以再次登录。', en: '{name} is enabled and can log in again.' },
  passwordReset: {
    zh: '已重置 {name} 的密码，其其他登录已失效。',
    en: 'The password of {name} was reset; their sessions ended.',
  },
  refused: { zh: '未能完成：{reason}', en: 'Not done: {reason}' },
  lastAdminNote: {
    zh: '至少要保留一位启用的管理员：唯一的管理员不能被停用或降级。',
    en: 'At least one active administrator must remain: the only one cannot be disabled or demoted.',
  },
} as const satisfies Record<string, Bilingual>;

export type AdminStringKey = keyof typeof STRINGS;

export function tu(lang: Lang, key: AdminStringKey, values: Record<string, string | number> = {}): string {
  return fillPlaceholders(STRINGS[key][lang], values);
}
