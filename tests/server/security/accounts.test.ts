// Item 7 of issue 8 (accounts): the "at least one active admin" rule holds when two admins are changed
// at the same moment, because the store checks it inside the transaction that writes the change.
// Item 11 (accounts): common passwords and passwords holding the user name are refused everywhere a
// password is set; names that fold together in an older database do not stop the start.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildServer } from '../../../src/server/app.ts';
import { hashPassword } from '../../../src/server/auth/password.ts';
import { userAdd } from '../../../src/server/cli/user-add.ts';
import { DATABASE_FILE } from '../../../src/server/config.ts';
import { migrate } from '../../../src/server/store/migrations.ts';
import { SqliteStore } from '../../../src/server/store/sqlite.ts';
import {
  cliStreams,
  describeEachStore,
  PASSWORD,
  type StoreKind,
  startServer,
  type TestServer,
  tempRoot,
} from '../helpers.ts';

let app: TestServer | undefined;
afterEach(async () => {
  await app?.server.close();
  app = undefined;
});

const LAST_ADMIN = {
  error: 'last-admin',
  message: {
    zh: '这是唯一可用的管理员账号，不能降级或停用。请先设另一位管理员。',
    en: 'This is the only active administrator; it cannot be demoted or disabled. Make another admin first.',
  },
};

/** With a new password each: the hashing takes long enough that both requests are checked before either writes. */
const NEW = { password: 'a fresh long passphrase' };

async function concurrently(store: StoreKind, changes: Record<string, object>) {
  app = await startServer({ store, users: { ann: 'admin', bob: 'admin', viewer: 'viewer' } });
  const server = app.server;
  const cookie = await app.login('ann');
  await server.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  // One admin changes both admin accounts (the other's and her own) at once, over real connections.
  const [first, second] = await Promise.all(
    Object.entries(changes).map(async ([target, payload]) => {
      const response = await fetch(`${base}/api/users/${target}`, {
        method: 'PATCH',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      return { statusCode: response.status, json: await response.json() };
    }),
  );
  const statuses = [first?.statusCode, second?.statusCode].sort();
  const refused = [first, second].find((response) => response?.statusCode === 409);
  return { statuses, refused: refused?.json, active: await server.atlas.store.countActiveAdmins() };
}

describeEachStore('two admins disabled or demoted at once', (store) => {
  it('two concurrent PATCHes disabling (and resetting the password of) the last two admins: one succeeds, the other gets 409 last-admin', async () => {
    const outcome = await concurrently(store, {
      ann: { ...NEW, disabled: true },
      bob: { ...NEW, disabled: true },
    });
    expect(outcome).toEqual({ statuses: [200, 409], refused: LAST_ADMIN, active: 1 });
  });

  it('two concurrent PATCHes demoting (and resetting the password of) the last two admins: one succeeds, the other gets 409 last-admin', async () => {
    const outcome = await concurrently(store, {
      ann: { ...NEW, role: 'viewer' },
      bob: { ...NEW, role: 'planner' },
    });
    expect(outcome).toEqual({ statuses: [200, 409], refused: LAST_ADMIN, active: 1 });
  });

  it('one demoted and one disabled at once leave one active admin', async () => {
    const outcome = await concurrently(store, {
      ann: { ...NEW, role: 'viewer' },
      bob: { ...NEW, disabled: true },
    });
    expect(outcome).toEqual({ statuses: [200, 409], refused: LAST_ADMIN, active: 1 });
  });

  it('the refused change is not written: no history entry, the account unchanged', async () => {
    app = await startServer({ store, users: { ann: 'admin' } });
    const before = await app.server.atlas.store.getUser('ann');
    await expect(app.server.atlas.store.updateUser('ann', { disabled: true }, 'test')).rejects.toThrow(
      'ann is the only active administrator',
    );
    expect(await app.server.atlas.store.getUser('ann')).toEqual(before);
    const entries = await app.server.atlas.store.history({ entity: 'user', limit: 10 });
    expect(entries.filter((entry) => entry.action === 'update')).toEqual([]);
  });
});

describe('the only admin from the shell', () => {
  it('`atlas user add --update` demoting the only admin fails (exit 1) and leaves it an admin', async () => {
    const dataDir = join(tempRoot(), 'data');
    const lines: string[] = [];
    const io = (stdin: string) => cliStreams(lines, stdin);
    const args = (role: string) => [
      'ann',
      '--role',
      role,
      '--password-stdin',
      '--update',
      '--data-dir',
      dataDir,
    ];
    expect(await userAdd(args('admin'), io('tea by the river\n'))).toBe(0);
    expect(await userAdd(args('viewer'), io('tea by the river\n'))).toBe(1);
    expect(lines.at(-1)).toBe(
      'ann 是唯一可用的管理员，不能降级；请先设另一位管理员 / ann is the only active administrator and cannot be demoted; make another admin first',
    );
    const store = SqliteStore.open(dataDir);
    expect((await store.getUser('ann'))?.role).toBe('admin');
    await store.close();
  });
});

const COMMON = {
  error: 'weak-password',
  field: 'password',
  message: {
    zh: '这是最常见的密码之一，很容易被猜中，请换一个。',
    en: 'This is one of the most common passwords and easily guessed; choose another.',
  },
};
const HOLDS_NAME = {
  error: 'weak-password',
  field: 'password',
  message: { zh: '密码不能包含用户名。', en: 'The password must not contain the user name.' },
};
const WEAK = [
  '12345678',
  'password',
  'qwerty123',
  '11111111',
  '88888888',
  'abc12345',
  'woaini1314',
  'Passw0rd',
];

describe('weak passwords', () => {
  it('a new account with a common password (12345678, woaini1314, …) or one holding its name gets 400 weak-password and is not made', async () => {
    app = await startServer({ users: { admin: 'admin' } });
    const server = app.server;
    const cookie = await app.login('admin');
    const create = (username: string, password: string) =>
      server.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie },
        payload: { username, role: 'viewer', password },
      });
    for (const password of WEAK) {
      const response = await create('zhang', password);
      expect([password, response.statusCode, response.json()]).toEqual([password, 400, COMMON]);
    }
    for (const password of ['zhangwei-2026', 'ZHANGWEI2026', 'my name is zhangwei']) {
      const response = await create('zhangwei', password);
      expect([password, response.statusCode, response.json()]).toEqual([password, 400, HOLDS_NAME]);
    }
    expect((await server.atlas.store.listUsers()).map((user) => user.username)).toEqual(['admin']);
  });

  it('an admin resetting a password to a common one, and a user changing theirs to one, get 400 weak-password', async () => {
    app = await startServer({ users: { admin: 'admin', viewer: 'viewer' } });
    const server = app.server;
    const admin = await app.login('admin');
    const reset = await server.inject({
      method: 'PATCH',
      url: '/api/users/viewer',
      headers: { cookie: admin },
      payload: { password: 'woaini1314' },
    });
    expect([reset.statusCode, reset.json()]).toEqual([400, COMMON]);
    const viewer = await app.login('viewer');
    const change = await server.inject({
      method: 'POST',
      url: '/api/me/password',
      headers: { cookie: viewer },
      payload: { currentPassword: PASSWORD, newPassword: 'viewer123' },
    });
    expect([change.statusCode, change.json()]).toEqual([400, { ...HOLDS_NAME, field: 'newPassword' }]);
    // Nothing changed: the old password still works.
    expect(
      (
        await server.inject({
          method: 'POST',
          url: '/api/login',
          payload: { username: 'viewer', password: PASSWORD },
        })
      ).statusCode,
    ).toBe(200);
  });

  it('setup with a common password gets 400 weak-password and creates no admin', async () => {
    const server = await buildServer({ distDir: null, dataDir: join(tempRoot(), 'data'), geodataDir: null });
    try {
      const token = server.atlas.setupToken as string;
      const setup = (password: string) =>
        server.inject({ method: 'POST', url: '/api/setup', payload: { token, username: 'root', password } });
      const weak = await setup('88888888');
      expect([weak.statusCode, weak.json()]).toEqual([400, COMMON]);
      expect(await server.atlas.store.countUsers()).toBe(0);
      expect((await setup('root-of-all')).json()).toEqual(HOLDS_NAME);
      expect((await setup('a quiet long morning')).statusCode).toBe(201);
    } finally {
      await server.close();
    }
  });

  it('`atlas user add` with a common password or one holding the name fails (exit 1) and makes no account', async () => {
    const dataDir = join(tempRoot(), 'data');
    const lines: string[] = [];
    const io = (stdin: string) => cliStreams(lines, stdin);
    const add = (password: string) =>
      userAdd(['wang', '--role', 'admin', '--password-stdin', '--data-dir', dataDir], io(password));
    expect(await add('qwerty123\n')).toBe(1);
    expect(lines.at(-1)).toBe(
      `密码太弱 / the password is too weak: ${COMMON.message.zh} / ${COMMON.message.en}`,
    );
    expect(await add('Wang.2026.spring\n')).toBe(1);
    expect(lines.at(-1)).toBe(
      `密码太弱 / the password is too weak: ${HOLDS_NAME.message.zh} / ${HOLDS_NAME.message.en}`,
    );
    const store = SqliteStore.open(dataDir);
    expect(await store.countUsers()).toBe(0);
    await store.close();
  });
});

describe('user names that fold together, in a database made before the fold', () => {
  it('`Ädmin` and `ädmin` made by an older version: the start does not fail, the older keeps the name, the later is disabled', async () => {
    const dataDir = join(tempRoot(), 'data');
    mkdirSync(dataDir, { recursive: true });
    // The schema as version 1 made it, with two accounts that differ only in case (and one in width).
    const db = new Database(join(dataDir, DATABASE_FILE));
    migrate(db, 1);
    const hash = await hashPassword(PASSWORD);
    const insert = db.prepare(
      "INSERT INTO users (username, role, password_hash, disabled, created_at, updated_at) VALUES (?, 'admin', ?, 0, ?, ?)",
    );
    insert.run('Ädmin', hash, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
    insert.run('ädmin', hash, '2026-02-01T00:00:00Z', '2026-02-01T00:00:00Z');
    insert.run('ＢＯＢ', hash, '2026-03-01T00:00:00Z', '2026-03-01T00:00:00Z');
    insert.run('bob', hash, '2026-04-01T00:00:00Z', '2026-04-01T00:00:00Z');
    db.prepare('INSERT INTO sessions (token_hash, username, created_at, expires_at) VALUES (?, ?, 0, ?)').run(
      'x'.repeat(64),
      'ädmin',
      Date.now() + 3_600_000,
    );
    db.close();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    let warnings: unknown[] = [];
    try {
      app = await startServer({ root: join(dataDir, '..') });
      warnings = warn.mock.calls.map((call) => call[0]);
    } finally {
      warn.mockRestore();
    }
    expect(warnings).toEqual([
      '用户 ädmin 与 Ädmin 视为同名，已停用 / user ädmin is the same name as Ädmin once case and width are folded: disabled',
      '用户 bob 与 ＢＯＢ 视为同名，已停用 / user bob is the same name as ＢＯＢ once case and width are folded: disabled',
    ]);
    const users = await app.server.atlas.store.listUsers();
    expect(users.map((user) => [user.username, user.disabled]).sort()).toEqual(
      [
        ['Ädmin', false],
        ['ädmin', true],
        ['ＢＯＢ', false],
        ['bob', true],
      ].sort(),
    );
    // Every spelling reaches the older account; the later one's session has ended.
    const ok = await app.server.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'ädmin', password: PASSWORD },
    });
    expect(ok.json().user).toEqual({ username: 'Ädmin', role: 'admin' });
    const bob = await app.server.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'bob', password: PASSWORD },
    });
    expect(bob.json().user).toEqual({ username: 'ＢＯＢ', role: 'admin' });
    const db2 = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db2.prepare("SELECT count(*) AS n FROM sessions WHERE username = 'ädmin'").get()).toEqual({
      n: 0,
    });
    db2.close();
  });
});
