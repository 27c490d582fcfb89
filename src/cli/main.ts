// The `atlas` command line's dispatch: the command named first, its usage errors (exit 2) and unexpected
// failures (exit 1) as one-line messages, never a stack trace. src/cli/atlas.ts wires it to the process.
// Commands are loaded when named: `help` stays quick, and only user/backup load the database driver.
import type { Lang } from '../domain/i18n.ts';
import { usage } from './commands/help.ts';
import { defaultLang, EXIT_INVALID, EXIT_OK, EXIT_USAGE, type Output, UsageError } from './io.ts';

type Command = (args: readonly string[], output: Output) => number | Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  check: async () => (await import('./commands/check.ts')).runCheck,
  area: async () => (await import('./commands/area.ts')).runArea,
  overlap: async () => (await import('./commands/overlap.ts')).runOverlap,
  share: async () => (await import('./commands/share.ts')).runShare,
  convert: async () => (await import('./commands/convert.ts')).runConvert,
  user: async () => (await import('./commands/server.ts')).runUser,
  backup: async () => (await import('./commands/server.ts')).runBackup,
};

/** The --lang value, read early so that even usage errors speak the asked language. */
function langOption(argv: readonly string[]): Lang | undefined {
  for (let i = 0; i < argv.length; i++) {
    const value =
      argv[i] === '--lang' ? argv[i + 1] : argv[i]?.startsWith('--lang=') ? argv[i]?.slice(7) : undefined;
    if (value === 'zh' || value === 'en') return value;
  }
  return undefined;
}

export async function main(argv: readonly string[], output: Output): Promise<number> {
  const lang = langOption(argv) ?? defaultLang();
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    (command === undefined ? output.err : output.out)(usage(lang));
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!load) {
    output.err(
      lang === 'zh'
        ? `atlas：未知命令 ${JSON.stringify(command)}`
        : `atlas: unknown command ${JSON.stringify(command)}`,
    );
    output.err(usage(lang));
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    output.out(usage(lang));
    return EXIT_OK;
  }
  try {
    const run = await load();
    return await run(rest, output);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(
        lang === 'zh' ? `atlas ${command}：${error.text(lang)}` : `atlas ${command}: ${error.message}`,
      );
      output.err(lang === 'zh' ? '运行 atlas help 查看用法。' : 'Run atlas help for usage.');
      return EXIT_USAGE;
    }
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    output.err(
      lang === 'zh'
        ? `atlas ${command}：意外错误：${reason}`
        : `atlas ${command}: unexpected error: ${reason}`,
    );
    return EXIT_INVALID;
  }
}
