// `atlas user add NAME --role ROLE --password-stdin [--update] [--data-dir DIR]`: creates an account
// in the database under DATA_DIR, or in DATABASE_URL's PostgreSQL database when that is set and
// --data-dir is not (the server may be running). The password comes from standard input only, never
// the command line (shell history, `ps`). --update resets an existing account's role and
// password and enables it: the way back in when the only admin has forgotten their password.

import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROLES } from '../../domain/wire.ts';
import { hashPassword } from '../auth/password.ts';
import { weakPasswordReason } from '../auth/weak-password.ts';
import { DATABASE_FILE, databaseUrlFromEnv, safeDatabaseUrl } from '../config.ts';
import { newPassword, role as roleSchema, username as usernameSchema } from '../routes/schemas.ts';
import { LastAdminError } from '../store/accounts.ts';
import { PostgresStore } from '../store/postgres.ts';
import { SqliteStore } from '../store/sqlite.ts';
import type { Store } from '../store/types.ts';
import { commandArgs, dataDirOf, EXIT_FAILED, EXIT_OK, EXIT_USAGE, type ServerCliIo } from './io.ts';

const USAGE = `usage: atlas user add NAME --role ${ROLES.join('|')} --password-stdin [--update] [--data-dir DIR]`;

export async function userAdd(argv: readonly string[], io: ServerCliIo): Promise<number> {
  const args = commandArgs(argv, USAGE, ['role', 'data-dir'], ['password-stdin', 'update'], io);
  if (typeof args === 'number') return args;
  const name = usernameSchema.safeParse(args.positional[0] ?? '');
  const role = roleSchema.safeParse(args.options.get('role'));
  if (args.positional.length !== 1 || !name.success) {
    io.err(`用户名无效 / the username is not valid (2–32 letters, digits, . _ -)\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (!role.success) {
    io.err(`--role 须为 / must be one of ${ROLES.join(', ')}\n${USAGE}`);
    return EXIT_USAGE;
  }
  if (!args.options.has('password-stdin')) {
    io.err(
      `密码只能从标准输入读取 / the password is read from standard input only: add --password-stdin\n${USAGE}`,
    );
    return EXIT_USAGE;
  }
  const password = (await io.readStdin()).replace(/\r?\n$/, '');
  const checked = newPassword.safeParse(password);
  if (!checked.success) {
    io.err(`密码无效 / the password is not valid: ${checked.error.issues[0]?.message ?? ''}`);
    return EXIT_FAILED;
  }
  const weak = weakPasswordReason(checked.data, name.data);
  if (weak) {
    io.err(`密码太弱 / the password is too weak: ${weak.zh} / ${weak.en}`);
    return EXIT_FAILED;
  }
  // DATABASE_URL names the PostgreSQL database the servers share, unless --data-dir names a SQLite one.
  const databaseUrl = args.options.has('data-dir') ? null : databaseUrlFromEnv(io.env);
  const sqliteFile = databaseUrl ? null : join(dataDirOf(args, io), DATABASE_FILE);
  // A database that did not exist is made now: almost always a DATA_DIR other than the server's.
  const isNew = sqliteFile !== null && !existsSync(sqliteFile);
  const store: Store = databaseUrl
    ? await PostgresStore.open(databaseUrl, 1)
    : SqliteStore.open(dataDirOf(args, io));
  /**
   * Which database was written, and how many accounts it holds now, so the person can check it is the
   * server's (on standard error: standard output stays the one line scripts read).
   */
  const where = async () => {
    const count = await store.countUsers();
    const place = sqliteFile ?? safeDatabaseUrl(databaseUrl ?? '');
    return `数据库 / database: ${place}（共 ${count} 个用户 / ${count} user${count === 1 ? '' : 's'}）`;
  };
  try {
    const passwordHash = await hashPassword(checked.data);
    const created = await store.createUser(name.data, role.data, passwordHash, 'cli');
    if (created) {
      io.out(
        `已创建用户 ${created.username}（${created.role}）/ created user ${created.username} (${created.role})`,
      );
      io.err(await where());
      if (isNew) {
        io.err(
          `注意：此数据库刚刚新建。若服务器使用另一个 DATA_DIR，请用 --data-dir 指定它 / note: this database was just created; if the server runs with another DATA_DIR, name it with --data-dir`,
        );
      }
      return EXIT_OK;
    }
    if (!args.options.has('update')) {
      io.err(
        `用户 ${name.data} 已存在；加 --update 可重设其角色和密码 / user ${name.data} exists; add --update to reset its role and password`,
      );
      return EXIT_FAILED;
    }
    let updated: Awaited<ReturnType<typeof store.updateUser>>;
    try {
      updated = await store.updateUser(name.data, { role: role.data, passwordHash, disabled: false }, 'cli');
    } catch (error) {
      if (!(error instanceof LastAdminError)) throw error;
      io.err(
        `${name.data} 是唯一可用的管理员，不能降级；请先设另一位管理员 / ${name.data} is the only active administrator and cannot be demoted; make another admin first`,
      );
      return EXIT_FAILED;
    }
    io.out(
      `已更新用户 ${updated?.username}（${updated?.role}）/ updated user ${updated?.username} (${updated?.role})`,
    );
    io.err(await where());
    return EXIT_OK;
  } finally {
    await store.close();
  }
}
