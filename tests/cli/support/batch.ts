// Many `atlas` command lines in one Node process, through the CLI's own main (src/cli/main.ts, what
// src/cli/atlas.ts runs): start-up (tsx, Turf, zod) costs about a second a process, so tests that
// only need a command's output and exit code share one. Reads a JSON array of argument lists on
// stdin (or of { args, stdin } for a command that reads standard input); writes a JSON array of
// { code, stdout, stderr } on stdout. Runs one after another, in the order given.
import { main } from '../../../src/cli/main.ts';

const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
const runs = JSON.parse(Buffer.concat(chunks).toString('utf8')) as (
  | string[]
  | { args: string[]; stdin: string }
)[];
const results: { code: number; stdout: string; stderr: string }[] = [];
for (const run of runs) {
  const [argv, stdin] = Array.isArray(run) ? [run, ''] : [run.args, run.stdin];
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    out: (line) => {
      stdout += `${line}\n`;
    },
    err: (line) => {
      stderr += `${line}\n`;
    },
    readStdin: async () => stdin,
    env: process.env,
  });
  results.push({ code, stdout, stderr });
}
process.stdout.write(JSON.stringify(results));
