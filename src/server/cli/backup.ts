// `atlas backup FILE [--data-dir DIR]`: a consistent copy of the database while the server runs
// (SQLite's online backup API, page by page under a read snapshot), then the photos into FILE-photos/.
// Photos are written and fsynced before their row commits and never change, so copying them after
// the database copy includes every photo the copy refers to (perhaps a few newer ones, harmless).
import { cpSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { DATABASE_FILE, databaseUrlFromEnv, PHOTOS_DIR } from '../config.ts';
import { commandArgs, dataDirOf, EXIT_FAILED, EXIT_OK, EXIT_USAGE, type ServerCliIo } from './io.ts';

const USAGE = 'usage: atlas backup FILE [--data-dir DIR]   (writes FILE and FILE-photos/)';

function photosBackupDir(file: string): string {
  return `${resolve(file)}-photos`;
}

export async function backup(argv: readonly string[], io: ServerCliIo): Promise<number> {
  const args = commandArgs(argv, USAGE, ['data-dir'], [], io);
  if (typeof args === 'number') return args;
  const target = args.positional[0];
  if (args.positional.length !== 1 || !target) {
    io.err(USAGE);
    return EXIT_USAGE;
  }
  if (!args.options.has('data-dir') && databaseUrlFromEnv(io.env)) {
    io.err(
      '数据在 PostgreSQL（DATABASE_URL）中：请用 pg_dump -Fc 备份，并复制 DATA_DIR/photos / the data are in PostgreSQL (DATABASE_URL): back them up with `pg_dump -Fc` and copy DATA_DIR/photos (src/server/README-storage.md)',
    );
    return EXIT_FAILED;
  }
  const destination = resolve(target);
  const dataDir = dataDirOf(args, io);
  const source = join(dataDir, DATABASE_FILE);
  if (!existsSync(source)) {
    io.err(`没有数据库 / no database at ${source} (set DATA_DIR or --data-dir)`);
    return EXIT_FAILED;
  }
  if (existsSync(destination)) {
    io.err(`${destination} 已存在，不会覆盖 / exists already and is not overwritten: choose another name`);
    return EXIT_FAILED;
  }
  mkdirSync(dirname(destination), { recursive: true });
  const partial = join(dirname(destination), `.${basename(destination)}.partial`);
  rmSync(partial, { force: true });
  const db = new Database(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    await db.backup(partial);
  } finally {
    db.close();
  }
  const copy = new Database(partial);
  let check: string;
  let counts: { features: number; inspections: number; photos: number };
  try {
    check = copy.pragma('quick_check', { simple: true }) as string;
    copy.pragma('journal_mode = DELETE');
    counts = copy
      .prepare(
        `SELECT (SELECT count(*) FROM features) AS features, (SELECT count(*) FROM inspections) AS inspections,
                (SELECT count(*) FROM photos) AS photos`,
      )
      .get() as typeof counts;
  } finally {
    copy.close();
  }
  if (check !== 'ok') {
    io.err(`备份校验失败 / the copy failed its check: ${check}`);
    return EXIT_FAILED;
  }
  renameSync(partial, destination);
  const photos = join(dataDir, PHOTOS_DIR);
  const photosCopy = photosBackupDir(destination);
  if (existsSync(photos)) {
    cpSync(photos, photosCopy, { recursive: true, filter: (path) => !basename(path).endsWith('.tmp') });
  } else mkdirSync(photosCopy, { recursive: true });
  io.out(
    `备份完成 / backup written: ${destination} (${counts.features} features, ${counts.inspections} inspections, ${counts.photos} photos) + ${photosCopy}/`,
  );
  return EXIT_OK;
}
