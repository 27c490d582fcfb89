// What the server's CLI commands need from the `atlas` CLI: lines out, lines err, stdin, environment.
// `out`/`err` match src/cli/io.ts's Output, so the same object can be passed with two more members.
import { resolve } from 'node:path';
import { dataDirFromEnv } from '../config.ts';

export interface ServerCliIo {
  out: (line: string) => void;
  err: (line: string) => void;
  /** All of standard input as text (read only when --password-stdin asks for it). */
  readStdin: () => Promise<string>;
  env: NodeJS.ProcessEnv;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export interface CliArgs {
  positional: string[];
  options: Map<string, string | true>;
}

/** `--name value`, `--name=value` and flags; `flags` names the options that take no value. */
function parseCliArgs(argv: readonly string[], valued: readonly string[], flags: readonly string[]): CliArgs {
  const args: CliArgs = { positional: [], options: new Map() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (!arg.startsWith('--')) {
      args.positional.push(arg);
      continue;
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (flags.includes(name)) args.options.set(name, true);
    else if (valued.includes(name)) {
      const value = inline ?? argv[++i];
      if (value === undefined) throw new Error(`--${name} needs a value`);
      args.options.set(name, value);
    } else throw new Error(`unknown option --${name}`);
  }
  return args;
}

/**
 * A command's arguments (`--help` is always a flag), or the exit code when the command ends here: the
 * usage on standard error after a bad argument (EXIT_USAGE), on standard output for --help (EXIT_OK).
 */
export function commandArgs(
  argv: readonly string[],
  usage: string,
  valued: readonly string[],
  flags: readonly string[],
  io: ServerCliIo,
): CliArgs | number {
  let args: CliArgs;
  try {
    args = parseCliArgs(argv, valued, [...flags, 'help']);
  } catch (error) {
    io.err(`${(error as Error).message}\n${usage}`);
    return EXIT_USAGE;
  }
  if (args.options.has('help')) {
    io.out(usage);
    return EXIT_OK;
  }
  return args;
}

export function dataDirOf(args: CliArgs, io: ServerCliIo): string {
  const given = args.options.get('data-dir');
  return typeof given === 'string' ? resolve(given) : dataDirFromEnv(io.env);
}
