// `atlas`, the Land Atlas command line: thin over src/geo and src/domain. Run with
// `npm run -s atlas -- <command> …`. Exit codes: 0 fine, 1 invalid data (or an unexpected failure),
// 2 a usage error.
import { runArea } from './commands/area.ts';
import { runCheck } from './commands/check.ts';
import { usage } from './commands/help.ts';
import { runOverlap } from './commands/overlap.ts';
import { runBackup, runUser } from './commands/server.ts';
import { runShare } from './commands/share.ts';
import {
  defaultLang,
  EXIT_INVALID,
  EXIT_OK,
  EXIT_USAGE,
  type Lang,
  type Output,
  readProcessStdin,
  UsageError,
} from './io.ts';

type Command = (args: readonly string[], output: Output) => number | Promise<number>;

const COMMANDS: Record<string, Command> = {
  check: runCheck,
  area: runArea,
  overlap: runOverlap,
  share: runShare,
  user: runUser,
  backup: runBackup,
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
  const run = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
  if (!run) {
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

// `atlas … | head` closes the pipe early: stop quietly instead of failing with a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const output: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  readStdin: readProcessStdin,
  env: process.env,
};
main(process.argv.slice(2), output).then((code) => {
  process.exitCode = code;
});
