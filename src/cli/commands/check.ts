// `atlas check FILE…`: every problem of every file, one line each (errors on stdout, warnings on
// stderr), then a summary line on stderr. Exit 0 when all files are valid, 1 otherwise.
import { parseArgs } from '../args.ts';
import {
  checkFile,
  EXIT_INVALID,
  EXIT_OK,
  type Output,
  printProblems,
  readChoices,
  UsageError,
} from '../io.ts';

export function runCheck(args: readonly string[], output: Output): number {
  const options = parseArgs(args, ['lang', 'layer', 'from', 'encoding']);
  if (options.files.length === 0)
    throw new UsageError('check needs at least one FILE', 'check 需要至少一个文件');
  const choices = readChoices(options.values);
  let invalid = 0;
  for (const file of options.files) {
    const report = checkFile(file, options.layer, choices);
    printProblems(file, report, options.lang, output);
    if (!report.ok) invalid++;
  }
  const total = options.files.length;
  output.err(
    options.lang === 'zh'
      ? invalid === 0
        ? `全部 ${total} 个文件有效。`
        : `${total} 个文件中有 ${invalid} 个无效。`
      : invalid === 0
        ? `${total} file${total === 1 ? '' : 's'} valid.`
        : `${invalid} of ${total} file${total === 1 ? '' : 's'} invalid.`,
  );
  return invalid === 0 ? EXIT_OK : EXIT_INVALID;
}
