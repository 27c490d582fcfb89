// `atlas`, the Land Atlas command line: thin over src/geo and src/domain. Run with
// `npm run -s atlas -- <command> …`. Exit codes: 0 fine, 1 invalid data (or an unexpected failure),
// 2 a usage error. This file connects main (src/cli/main.ts) to the process.
import { type Output, readProcessStdin } from './io.ts';
import { main } from './main.ts';

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
