// What the commands share: reading a file into a validation report with messages a person can act on
// (missing file, a directory, a device or a pipe, too large, unreadable), the output language, and exit
// codes.

import { closeSync, constants, fstatSync, openSync, readdirSync, readSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { Lang } from '../domain/i18n.ts';
import type { LayerId } from '../domain/layers.ts';
import { crsFromCode } from '../formats/crs.ts';
import {
  type EncodingName,
  FormatError,
  type InputFile,
  type ReadResult,
  readLayerFileSync,
} from '../formats/index.ts';
import { decodeText } from '../formats/text.ts';
import {
  formatProblem,
  PROBLEM_CODES,
  type Problem,
  type ProblemCode,
  type ValidationReport,
  validateGeoJson,
  validateGeoJsonText,
} from '../geo/validate.ts';

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

/**
 * The largest file `atlas` reads: 256 MB, twice a county's layer of 100 000 plots with room to spare.
 * Text held in memory costs about twice its size again, and Node cannot hold a string of more than
 * 512 MB at all.
 */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;
const MAX_FILE_TEXT = '256 MB';

function fileProblem(zh: string, en: string, code: ProblemCode = PROBLEM_CODES.notGeoJson): Problem {
  return {
    severity: 'error',
    code,
    message: { zh, en },
    featureIndex: null,
    featureId: null,
    line: null,
  };
}

function refused(problem: Problem): ValidationReport {
  return { ok: false, geojson: null, problems: [problem] };
}

const DIRECTORY = fileProblem(
  '这是一个目录，不是文件；请给出 GeoJSON 文件路径。',
  'this is a directory, not a file; give the path of a GeoJSON file.',
);

const TOO_LARGE = fileProblem(
  `文件大于 ${MAX_FILE_TEXT}（atlas 最多读取 ${MAX_FILE_TEXT}）；请按乡镇或图层分成几个文件分别检查。`,
  `the file is larger than ${MAX_FILE_TEXT}, the most atlas reads; split it (by town or by layer) and check the parts.`,
  PROBLEM_CODES.fileTooLarge,
);

/**
 * The bytes of a regular file of at most MAX_FILE_BYTES, or the problem that stops reading it. The file
 * is opened without blocking (a named pipe with no writer would wait for ever) and checked before a
 * byte is read: a device such as /dev/zero never ends, so only regular files are read, and reading
 * stops once the limit is passed even if the file grows meanwhile.
 */
function readRegularFile(path: string): Buffer | Problem {
  const fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return DIRECTORY;
    if (!stat.isFile()) {
      const kind = stat.isFIFO()
        ? { zh: '命名管道（FIFO）', en: 'a named pipe (FIFO)' }
        : stat.isCharacterDevice() || stat.isBlockDevice()
          ? { zh: '设备', en: 'a device' }
          : stat.isSocket()
            ? { zh: '套接字', en: 'a socket' }
            : { zh: '特殊文件', en: 'a special file' };
      return fileProblem(
        `这不是普通文件，而是${kind.zh}；atlas 只读取普通文件，请给出 GeoJSON 文件的路径。`,
        `this is not a regular file but ${kind.en}; atlas reads regular files only: give the path of a GeoJSON file.`,
        PROBLEM_CODES.notRegularFile,
      );
    }
    if (stat.size > MAX_FILE_BYTES) return TOO_LARGE;
    const buffer = Buffer.allocUnsafe(Math.min(stat.size, MAX_FILE_BYTES) + 1);
    let length = 0;
    for (;;) {
      if (length === buffer.length) return TOO_LARGE; // grew past the limit while being read
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
      if (length > MAX_FILE_BYTES) return TOO_LARGE;
    }
    return buffer.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

function unreadable(error: unknown): Problem {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT')
    return fileProblem('文件不存在；请检查路径和文件名。', 'no such file; check the path and the file name.');
  if (code === 'EACCES' || code === 'EPERM')
    return fileProblem('没有读取此文件的权限。', 'no permission to read this file.');
  if (code === 'EISDIR') return DIRECTORY;
  return fileProblem(
    `无法读取文件（${code ?? '未知原因'}）。`,
    `cannot read the file (${code ?? 'unknown reason'}).`,
  );
}

/** How to read a file: the system and encoding the person named (--from, --encoding). */
export interface ReadChoices {
  from?: string | undefined;
  encoding?: EncodingName | undefined;
}

/** --from and --encoding as given, checked: a system we do not take or an unknown encoding is a usage error. */
export function readChoices(values: Record<string, string>): ReadChoices {
  const { from, encoding } = values;
  if (encoding !== undefined && encoding !== 'utf-8' && encoding !== 'gbk')
    throw new UsageError(
      `--encoding must be utf-8 or gbk, not ${encoding}`,
      `--encoding 须为 utf-8 或 gbk，而不是 ${encoding}`,
    );
  if (from !== undefined) {
    const verdict = crsFromCode(from);
    if (!verdict.ok)
      throw new UsageError(`--from ${from}: ${verdict.reason.en}`, `--from ${from}：${verdict.reason.zh}`);
  }
  return { from, encoding };
}

/** The parts of a loose Shapefile beside FILE.shp (FILE.dbf, FILE.prj, … in any letter case). */
function shapefileParts(path: string, shp: Buffer): InputFile[] {
  const base = basename(path, extname(path)).toLowerCase();
  const files: InputFile[] = [{ name: basename(path), bytes: shp }];
  for (const name of readdirSync(dirname(path))) {
    if (name === basename(path)) continue;
    const extension = extname(name).toLowerCase();
    if (basename(name, extname(name)).toLowerCase() !== base) continue;
    if (!['.shx', '.dbf', '.prj', '.cpg'].includes(extension)) continue;
    const bytes = readRegularFile(join(dirname(path), name));
    if (Buffer.isBuffer(bytes)) files.push({ name, bytes });
  }
  return files;
}

function note(problem: { feature?: number; message: Problem['message'] }, code: ProblemCode): Problem {
  return {
    severity: 'warning',
    code,
    message: problem.message,
    featureIndex: problem.feature ?? null,
    featureId: null,
    line: null,
  };
}

/** A reader's refusal as a problem: what is wrong, then what to do. */
export function formatErrorProblem(error: FormatError): Problem {
  return {
    severity: 'error',
    code: PROBLEM_CODES.unreadableFile,
    message: { zh: `${error.text.zh}${error.hint.zh}`, en: `${error.text.en} ${error.hint.en}` },
    featureIndex: error.feature ?? null,
    featureId: null,
    line: null,
  };
}

/**
 * A file in any format src/formats reads (GeoJSON, zipped or loose Shapefile, KML/KMZ, CSV, survey
 * TXT), validated as GeoJSON in longitude/latitude. A GeoJSON in longitude/latitude is validated from
 * its text (lines in messages, duplicate keys), decoded strictly (GBK is read as GBK and said, never
 * garbled). A coordinate system only guessed from the coordinates is an error naming the guess, to be
 * confirmed with --from.
 */
function readAndValidate(
  path: string,
  bytes: Buffer,
  layer: LayerId | null | undefined,
  choices: ReadChoices,
): ValidationReport & { read: ReadResult | null } {
  const validateOptions = layer === undefined ? { fileName: path } : { fileName: path, layer };
  const extension = extname(path).toLowerCase();
  const isGeoJson =
    extension !== '.zip' &&
    extension !== '.shp' &&
    extension !== '.kml' &&
    extension !== '.kmz' &&
    extension !== '.csv' &&
    extension !== '.txt';
  const readOptions = {
    ...(choices.from !== undefined ? { crs: choices.from } : {}),
    ...(choices.encoding !== undefined ? { encoding: choices.encoding } : {}),
  };
  if (isGeoJson) {
    const decoded = decodeText(bytes, choices.encoding);
    // Not text in either encoding, or GeoJSON in longitude/latitude: the validator reads the text itself.
    if (!decoded) return { ...validateGeoJsonText(bytes.toString('latin1'), validateOptions), read: null };
    const named = /"crs"\s*:/.test(decoded.text.slice(0, 4096)) || choices.from !== undefined;
    if (!named) {
      const report = validateGeoJsonText(decoded.text, validateOptions);
      if (decoded.encoding.name === 'gbk')
        report.problems.unshift(
          note(
            {
              message: {
                zh: `文件是 ${decoded.encoding.source === 'given' ? '指定的' : ''}GBK 编码（GeoJSON 应为 UTF-8），已按 GBK 读取。`,
                en: `the file is in GBK${decoded.encoding.source === 'given' ? ' (as given)' : ''}, not UTF-8 as GeoJSON should be: read as GBK.`,
              },
            },
            PROBLEM_CODES.readingNote,
          ),
        );
      return { ...report, read: null };
    }
  }
  let read: ReadResult;
  try {
    const files = extension === '.shp' ? shapefileParts(path, bytes) : [{ name: basename(path), bytes }];
    read = readLayerFileSync(files, readOptions);
  } catch (error) {
    if (error instanceof FormatError) return { ...refused(formatErrorProblem(error)), read: null };
    throw error;
  }
  const notes = read.warnings.map((warning) => note(warning, PROBLEM_CODES.readingNote));
  if (read.crs.needsConfirmation)
    return {
      ...refused({
        severity: 'error',
        code: PROBLEM_CODES.crsUnconfirmed,
        message: {
          zh: `文件没有说明坐标系；从坐标大小看像是 ${read.crs.name.zh}。如果是，请加上 --from ${read.crs.code} 再运行。`,
          en: `the file names no coordinate system; its coordinates look like ${read.crs.name.en}. If that is right, run again with --from ${read.crs.code}.`,
        },
        featureIndex: null,
        featureId: null,
        line: null,
      }),
      read: null,
    };
  const collection = { type: 'FeatureCollection', features: read.features };
  const report = validateGeoJson(collection, validateOptions);
  // Coordinates computed from another system or format carry every digit of a double: no file's fault.
  const problems = report.problems.filter((p) => p.code !== PROBLEM_CODES.excessivePrecision);
  return { ...report, problems: [...notes, ...problems], read };
}

/**
 * Reads and validates one file; a file that cannot be read, or whose check fails unexpectedly, becomes
 * a report with one problem, so that every file of a command gets its own verdict. `read` is what the
 * format reader gave (null for a GeoJSON read as text).
 */
export function checkFile(
  path: string,
  layer: LayerId | null | undefined,
  choices: ReadChoices = {},
): ValidationReport & { read?: ReadResult | null } {
  let bytes: Buffer | Problem;
  try {
    bytes = readRegularFile(path);
  } catch (error) {
    return refused(unreadable(error));
  }
  if (!Buffer.isBuffer(bytes)) return refused(bytes);
  try {
    return readAndValidate(path, bytes, layer, choices);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return refused(
      fileProblem(
        `检查此文件时发生意外错误（${reason}）；其他文件照常检查。请把此文件报告给维护者。`,
        `an unexpected error while checking this file (${reason}); the other files are checked as usual. Please report this file to the maintainers.`,
        PROBLEM_CODES.unexpectedError,
      ),
    );
  }
}

/** Errors on stdout, warnings on stderr, one line each. */
export function printProblems(path: string, report: ValidationReport, lang: Lang, output: Output): void {
  for (const problem of report.problems) {
    const line = formatProblem(path, problem, lang);
    if (problem.severity === 'error') output.out(line);
    else output.err(line);
  }
}
