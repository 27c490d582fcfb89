// The words of the login, setup and user-menu screens, in Chinese (default) and English.
import type { Bilingual, Lang } from '../../domain/i18n.ts';
import { fillPlaceholders } from '../i18n/i18n.ts';

const STRINGS = {
  loginTitle: { zh: '登录', en: 'Log in' },
  username: { zh: '用户名', en: 'Username' },
  password: { zh: '密码', en: 'Password' },
  passwordAgain: { zh: '再次输入密码', en: 'Password again' },
  logIn: { zh: '登录', en: 'Log in' },
  loggingIn: { zh: '正在登录…', en: 'Logging in…' },
  checking: { zh: '正在连接服务器…', en: 'Connecting to the server…' },
  required: { zh: '请输入用户名和密码。', en: 'Enter your username and password.' },
  retryAt: { zh: '可在 {time} 后再试。', en: 'You can try again at {time}.' },
  setupNeeded: {
    zh: '首次使用：请打开服务器控制台打印的设置链接',
    en: 'First use: open the setup link the server printed on its console',
  },
  setupNeededDetail: {
    zh: '系统还没有用户。服务器启动时在控制台打印了一个一次性链接（…/setup?token=…），用它创建第一位管理员。',
    en: 'There are no users yet. When it started, the server printed a one-time link (…/setup?token=…) on its console; use it to create the first administrator.',
  },
  sessionEnded: { zh: '登录已失效，请重新登录。', en: 'Your session has ended; please log in again.' },
  setupTitle: { zh: '创建第一位管理员', en: 'Create the first administrator' },
  setupIntro: {
    zh: '这是首次使用。请设定管理员的用户名和密码（至少 8 个字符）。此链接只能使用一次。',
    en: 'This is the first use. Choose the administrator’s username and a password of at least 8 characters. This link works once.',
  },
  createAdmin: { zh: '创建管理员并登录', en: 'Create the administrator and log in' },
  creating: { zh: '正在创建…', en: 'Creating…' },
  usernameRule: {
    zh: '用户名 2–32 个字符：字母、数字、“.”、“_”、“-”，以字母或数字开头。',
    en: 'Username: 2–32 letters, digits, “.”, “_” or “-”, beginning with a letter or digit.',
  },
  passwordTooShort: { zh: '密码至少 8 个字符。', en: 'The password needs at least 8 characters.' },
  passwordsDiffer: { zh: '两次输入的密码不一致。', en: 'The two passwords differ.' },
  setupDone: {
    zh: '系统已设置完毕，请直接登录。',
    en: 'Land Atlas is already set up; log in instead.',
  },
  goToLogin: { zh: '前往登录', en: 'Go to log in' },
  userMenu: { zh: '用户菜单', en: 'User menu' },
  signedInAs: { zh: '当前用户', en: 'Signed in as' },
  role: { zh: '角色', en: 'Role' },
  logOut: { zh: '退出登录', en: 'Log out' },
  changePassword: { zh: '修改密码', en: 'Change password' },
  accounts: { zh: '用户管理', en: 'Accounts' },
  importData: { zh: '导入数据', en: 'Import data' },
  exportData: { zh: '导出数据', en: 'Export data' },
  currentPassword: { zh: '当前密码', en: 'Current password' },
  newPassword: { zh: '新密码', en: 'New password' },
  newPasswordAgain: { zh: '再次输入新密码', en: 'New password again' },
  newPasswordHint: {
    zh: '至少 8 个字符，不能是常见密码，不能包含用户名。修改后其他设备上的登录将失效。',
    en: 'At least 8 characters, not a common password, not containing your username. Other devices are signed out.',
  },
  currentPasswordWrong: {
    zh: '当前密码不正确，密码未修改。',
    en: 'The current password is not right; the password was not changed.',
  },
  passwordChanged: { zh: '密码已修改。', en: 'Your password was changed.' },
  saving: { zh: '正在保存…', en: 'Saving…' },
  save: { zh: '保存', en: 'Save' },
  cancel: { zh: '取消', en: 'Cancel' },
  close: { zh: '关闭', en: 'Close' },
} as const satisfies Record<string, Bilingual>;

export type AuthStringKey = keyof typeof STRINGS;

export function ta(lang: Lang, key: AuthStringKey, values: Record<string, string | number> = {}): string {
  return fillPlaceholders(STRINGS[key][lang], values);
}
