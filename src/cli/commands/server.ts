// `atlas user add …` and `atlas backup …`: the server's own commands (src/server/cli), loaded only when
// asked for, so that check, area, overlap and share never load the database driver (better-sqlite3).
// Their messages are already in both languages at once; --lang is taken off before they parse.
import type { ServerCliIo } from '../../server/cli/io.ts';
import { type Output, readProcessStdin, UsageError } from '../io.ts';

function withoutLang(args: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === '--lang') i++;
    else if (!arg.startsWith('--lang=')) kept.push(arg);
  }
  return kept;
}

function serverIo(output: Output): ServerCliIo {
  return {
    out: output.out,
    err: output.err,
    readStdin: output.readStdin ?? readProcessStdin,
    env: output.env ?? process.env,
  };
}

export async function runUser(args: readonly string[], output: Output): Promise<number> {
  const [action, ...rest] = withoutLang(args);
  if (action !== 'add') {
    throw new UsageError(
      action === undefined
        ? 'user needs an action: user add NAME …'
        : `unknown action user ${action}; try user add NAME …`,
      action === undefined
        ? 'user 需要一个操作：user add 用户名 …'
        : `未知操作 user ${action}；请用 user add 用户名 …`,
    );
  }
  const { userAdd } = await import('../../server/cli/user-add.ts');
  return userAdd(rest, serverIo(output));
}

export async function runBackup(args: readonly string[], output: Output): Promise<number> {
  const { backup } = await import('../../server/cli/backup.ts');
  return backup(withoutLang(args), serverIo(output));
}
