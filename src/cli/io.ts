// What the commands share: reading a file into a validation report with messages a person can act on
// (missing file, a directory, unreadable), the output language, and exit codes.
import { readFileSync, statSync } from 'node:fs';
import type { LayerId } from '../domain/layers.ts';
import { formatProblem, type Problem, type ValidationReport, validateGeoJsonText } from '../geo/validate.ts';

export type Lang = 'zh' | 'en';

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** Where a command writes; tests and the top level pass process streams. */
export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
  /** All of standard input (only `user add --password-stdin` reads it); process.stdin when absent. */
  readStdin?: () => Promise<string>;
  /** The environment (DATA_DIR); process.env when absent. */
  env?: NodeJS.ProcessEnv;
}

export async function readProcessStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

/** A mistake in the command line: exit 2. The message is English; `zh` its Chinese when there is one. */
export class UsageError extends Error {
  readonly zh: string | undefined;
  constructor(en: string, zh?: string) {
    super(en);
    this.zh = zh;
  }
  text(lang: Lang): string {
    return lang === 'zh' && this.zh !== undefined ? this.zh : this.message;
  }
}

export function defaultLang(env: NodeJS.ProcessEnv = process.env): Lang {
  return (env.LANG ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function fileProblem(zh: string, en: string): Problem {
  return {
    severity: 'error',
    code: 'not-geojson',
    message: { zh, en },
    featureIndex: null,
    featureId: null,
    line: null,
  };
}

/** Reads and validates one file; a file that cannot be read becomes a report with one problem. */
export function checkFile(path: string, layer: LayerId | null | undefined): ValidationReport {
  let text: string;
  try {
    if (statSync(path).isDirectory()) {
      return {
        ok: false,
        geojson: null,
        problems: [
          fileProblem(
            '这是一个目录，不是文件；请给出 GeoJSON 文件路径。',
            'this is a directory, not a file; give the path of a GeoJSON file.',
          ),
        ],
      };
    }
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const problem =
      code === 'ENOENT'
        ? fileProblem('文件不存在；请检查路径和文件名。', 'no such file; check the path and the file name.')
        : code === 'EACCES' || code === 'EPERM'
          ? fileProblem('没有读取此文件的权限。', 'no permission to read this file.')
          : fileProblem(
              `无法读取文件（${code ?? '未知原因'}）。`,
              `cannot read the file (${code ?? 'unknown reason'}).`,
            );
    return { ok: false, geojson: null, problems: [problem] };
  }
  return validateGeoJsonText(text, layer === undefined ? { fileName: path } : { fileName: path, layer });
}

/** Errors on stdout, warnings on stderr, one line each. */
export function printProblems(path: string, report: ValidationReport, lang: Lang, output: Output): void {
  for (const problem of report.problems) {
    const line = formatProblem(path, problem, lang);
    if (problem.severity === 'error') output.out(line);
    else output.err(line);
  }
}
