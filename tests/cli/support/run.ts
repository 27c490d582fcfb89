// Running `atlas` for real, as a subprocess: `atlas` runs src/cli/atlas.ts (Node with tsx, as `npm run
// atlas` does), one at a time; `atlasMany` runs several such processes two at a time; `atlasBatch` runs
// many command lines through the CLI's main in a couple of processes (tests/cli/support/batch.ts), for
// tests that need only output and exit codes: each Node start costs about a second (tsx, Turf, zod).
import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const repo = join(import.meta.dirname, '../../..');

export interface AtlasResult {
  code: number | null;
  out: string[];
  err: string[];
  stdout: string;
  stderr: string;
}

export interface AtlasOptions {
  /** Standard input (e.g. a password for --password-stdin). */
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** Node options before the script (e.g. an --import probe). */
  node?: string[];
  /** Kill the process after this many ms (a hang then fails the test with code null). */
  timeoutMs?: number;
}

const lines = (text: string) => text.split('\n').filter((line) => line !== '');

function result(code: number | null, stdout: string, stderr: string): AtlasResult {
  return { code, out: lines(stdout), err: lines(stderr), stdout, stderr };
}

const environment = (options: AtlasOptions) => ({ ...process.env, LANG: 'C', ...options.env });
const entry = (args: readonly string[], options: AtlasOptions) => [
  ...(options.node ?? []),
  '--import',
  'tsx',
  'src/cli/atlas.ts',
  ...args,
];

export function atlas(args: readonly string[], options: AtlasOptions = {}): AtlasResult {
  const run = spawnSync(process.execPath, entry(args, options), {
    cwd: repo,
    encoding: 'utf8',
    env: environment(options),
    input: options.input ?? '',
    maxBuffer: 256 * 1024 * 1024,
    ...(options.timeoutMs === undefined
      ? {}
      : { timeout: options.timeoutMs, killSignal: 'SIGKILL' as const }),
  });
  return result(run.status, run.stdout, run.stderr);
}

function spawnNode(argv: readonly string[], options: AtlasOptions): Promise<AtlasResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, argv, { cwd: repo, env: environment(options) });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve(result(code, Buffer.concat(stdout).toString('utf8'), Buffer.concat(stderr).toString('utf8'))),
    );
    child.stdin.end(options.input ?? '');
  });
}

/** Each command line in its own process, at most `parallel` at a time; results in the order given. */
export async function atlasMany(
  runs: readonly (readonly string[])[],
  options: AtlasOptions = {},
  parallel = 2,
): Promise<AtlasResult[]> {
  const results: AtlasResult[] = new Array(runs.length);
  let next = 0;
  const worker = async () => {
    while (next < runs.length) {
      const index = next++;
      results[index] = await spawnNode(entry(runs[index] as string[], options), options);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, runs.length) }, worker));
  return results;
}

/** A command line for atlasBatch, with what it reads on standard input. */
export interface BatchRun {
  args: readonly string[];
  stdin: string;
}

/**
 * Many command lines through the CLI's main, split over `parallel` processes; results in order. Within
 * one process they run one after another (parallel = 1 for a sequence that builds on itself).
 */
export async function atlasBatch(
  runs: readonly (readonly string[] | BatchRun)[],
  options: AtlasOptions = {},
  parallel = 2,
): Promise<AtlasResult[]> {
  const size = Math.ceil(runs.length / parallel);
  const slices = Array.from({ length: parallel }, (_, k) => runs.slice(k * size, (k + 1) * size)).filter(
    (slice) => slice.length > 0,
  );
  const outputs = await Promise.all(
    slices.map((slice) =>
      spawnNode(['--import', 'tsx', 'tests/cli/support/batch.ts'], {
        ...options,
        input: JSON.stringify(slice),
      }),
    ),
  );
  return outputs.flatMap((output) => {
    if (output.code !== 0) throw new Error(`batch failed (${output.code}): ${output.stderr}`);
    const rows = JSON.parse(output.stdout) as { code: number; stdout: string; stderr: string }[];
    return rows.map((row) => result(row.code, row.stdout, row.stderr));
  });
}

/** A stack trace or Node internals in what a person reads. */
export const STACK_TRACE = /\n\s+at .*:\d+:\d+|node:internal/;

/** JSON lines of stdout. */
export function jsonLines(result: AtlasResult): Record<string, unknown>[] {
  return result.out.map((line) => JSON.parse(line));
}
