// Where the server keeps its data and the limits it works within. DATA_DIR overrides ./data.
import { resolve } from 'node:path';

export const DATABASE_FILE = 'atlas.sqlite';
export const PHOTOS_DIR = 'photos';

/** JSON bodies of ordinary requests; a zone's geometry fits easily. */
export const JSON_BODY_LIMIT = 1024 * 1024;
/** A whole layer sent to /api/import. */
export const IMPORT_BODY_LIMIT = 64 * 1024 * 1024;
/** One photo: the limit. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;
export const PHOTOS_PER_INSPECTION = 30;

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const SESSION_COOKIE = 'atlas_session';

/** Login: this many failures within the window, per IP or per username, and further tries get 429. */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_WINDOW_MS = 60 * 1000;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR && env.DATA_DIR.trim() !== '' ? env.DATA_DIR : 'data');
}
