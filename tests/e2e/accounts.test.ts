// 用户管理 and 修改密码 in Chromium, at a desktop (1280×800, mouse) and a touch tablet (820×1180, taps):
// an administrator adds a user, changes their role and disables them, and that user cannot log in; the
// last active administrator cannot be disabled (the server's message is shown); a person changes their
// own password and logs in with the new one (a wrong current one is said and changes nothing); a viewer
// finds neither 用户管理 nor 导入数据.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  appAndBrowser,
  type BrowserOptions,
  login,
  openAndLogin,
  openContext,
  PASSWORD,
  pressFor,
  USERS,
} from './harness.ts';

const SIZES: [string, BrowserOptions][] = [
  ['desktop 1280×800, mouse', { viewport: { width: 1280, height: 800 }, touch: false }],
  ['tablet 820×1180, touch', { viewport: { width: 820, height: 1180 }, touch: true }],
];

async function openMenu(page: Page, username: string, touch: boolean) {
  await pressFor(touch)(page.getByRole('button', { name: new RegExp(`^用户菜单：${username}（`) }));
}

describe.each(SIZES)('accounts (%s)', (_device, options) => {
  const run = appAndBrowser(options, { users: [USERS.admin, USERS.viewer] });
  const press = pressFor(options.touch);
  const tag = options.touch ? 'tablet' : 'desktop';

  it('an administrator adds a user, changes the role, disables them; they cannot log in', async () => {
    const { page, browser } = { page: run.session.page, browser: run.session.browser };
    await openAndLogin(page, run.app.url, USERS.admin);
    await openMenu(page, USERS.admin.username, options.touch);
    await press(page.getByRole('button', { name: '用户管理', exact: true }));
    const sheet = page.getByRole('dialog', { name: '用户管理' });
    await sheet.getByRole('rowheader', { name: /viewer1/ }).waitFor();

    const name = `核查员${tag}`;
    await sheet.getByLabel('用户名', { exact: true }).fill(name);
    await sheet.getByLabel('角色', { exact: true }).selectOption({ label: '核查员' });
    await sheet.getByLabel('初始密码').fill('short');
    await press(sheet.getByRole('button', { name: '添加用户', exact: true }));
    await expect.poll(() => sheet.getByRole('alert').textContent()).toBe('密码至少 8 个字符。');
    await sheet.getByLabel('初始密码').fill('巡查 2026 鹤山');
    await press(sheet.getByRole('button', { name: '添加用户', exact: true }));
    await expect.poll(() => sheet.getByRole('status').textContent()).toBe(`已添加用户 ${name}（核查员）。`);
    const row = sheet.getByRole('row', { name: new RegExp(name) });
    await expect.poll(() => row.getByRole('cell').nth(1).textContent()).toBe('启用');

    await sheet.getByRole('combobox', { name: `${name} 的角色` }).selectOption({ label: '规划员' });
    await expect.poll(() => sheet.getByRole('status').textContent()).toBe(`已将 ${name} 的角色改为规划员。`);
    await press(sheet.getByRole('button', { name: `停用 ${name}` }));
    await expect.poll(() => row.getByRole('cell').nth(1).textContent()).toBe('已停用');
    await sheet.getByRole('button', { name: `启用 ${name}` }).waitFor();

    // The only active administrator: the server refuses, and the sheet says why.
    await press(sheet.getByRole('button', { name: `停用 ${USERS.admin.username}` }));
    await expect
      .poll(() => sheet.getByRole('alert').textContent())
      .toBe('未能完成：这是唯一可用的管理员账号，不能降级或停用。请先设另一位管理员。');
    const accounts = await run.app.server.atlas.store.listUsers();
    expect(accounts.find((one) => one.username === name)).toMatchObject({ role: 'planner', disabled: true });
    expect(accounts.find((one) => one.username === USERS.admin.username)).toMatchObject({
      role: 'admin',
      disabled: false,
    });
    await page.screenshot({ path: `/tmp/accounts-${tag}.png` });

    const other = await openContext(browser, options);
    try {
      await other.page.goto(run.app.url);
      await other.page.getByLabel('用户名', { exact: true }).fill(name);
      await other.page.getByLabel('密码', { exact: true }).fill('巡查 2026 鹤山');
      await pressFor(options.touch)(other.page.getByRole('button', { name: '登录', exact: true }));
      await expect.poll(() => other.page.getByRole('alert').textContent()).toBe('用户名或密码不正确。');
      expect(await other.page.getByRole('button', { name: /^用户菜单/ }).count()).toBe(0);
    } finally {
      await other.close();
    }
  });

  it('a viewer sees neither screen, changes their own password and logs in with it', async () => {
    const other = await openContext(run.session.browser, options);
    const { page } = other;
    try {
      await openAndLogin(page, run.app.url, USERS.viewer);
      await openMenu(page, USERS.viewer.username, options.touch);
      await page.getByRole('button', { name: '修改密码', exact: true }).waitFor();
      expect(await page.getByRole('button', { name: '用户管理' }).count()).toBe(0);
      expect(await page.getByRole('button', { name: '导入数据' }).count()).toBe(0);
      await press(page.getByRole('button', { name: '修改密码', exact: true }));
      const sheet = page.getByRole('dialog', { name: '修改密码' });
      const next = `${tag} 新的密码 2026`;
      await sheet.getByLabel('当前密码').fill('not my password');
      await sheet.getByLabel('新密码', { exact: true }).fill(next);
      await sheet.getByLabel('再次输入新密码').fill(next);
      await press(sheet.getByRole('button', { name: '保存', exact: true }));
      await expect.poll(() => sheet.getByRole('alert').textContent()).toBe('当前密码不正确，密码未修改。');
      await sheet.getByLabel('当前密码').fill(PASSWORD);
      await press(sheet.getByRole('button', { name: '保存', exact: true }));
      await expect.poll(() => sheet.getByRole('status').textContent()).toBe('密码已修改。');
      await page.screenshot({ path: `/tmp/password-${tag}.png` });
      await press(sheet.getByRole('button', { name: '关闭', exact: true }).last());
      // Still signed in (this browser got a new session), then out and in again with the new password.
      await openMenu(page, USERS.viewer.username, options.touch);
      await press(page.getByRole('button', { name: '退出登录' }));
      await page.getByRole('button', { name: '登录', exact: true }).waitFor();
      await login(page, USERS.viewer.username, next);
      // The old password is refused now.
      expect(
        (
          await fetch(new URL('/api/login', run.app.url), {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ username: USERS.viewer.username, password: PASSWORD }),
          })
        ).status,
      ).toBe(401);
    } finally {
      await other.close();
    }
  });
});
