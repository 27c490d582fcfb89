// Where the server keeps its data and the limits it works within. DATA_DIR overrides ./data.
import { resolve } from 'node:path';

export const DATABASE_FILE = 'atlas.sqlite';
export const PHOTOS_DIR = 'photos';

/** JSON bodies of ordinary requests; a zone's geometry fits easily. */
export const JSON_BODY_LIMIT = 1024 * 1024;
/**
 * A whole layer sent to /api/import: streamed to a file under IMPORT_UPLOADS_DIR (never held whole on
 * the request thread), refused with 413 past this many bytes. 300 000 plots are about 190 MB.
 */
export const IMPORT_UPLOAD_LIMIT = 512 * 1024 * 1024;
/** Where uploads wait for their import, under DATA_DIR; emptied at each start. */
export const IMPORT_UPLOADS_DIR = 'import-uploads';
/**
 * Uploads of at least this many bytes are parsed, validated, planned and written by an import worker
 * thread with its own database connection (import-job.ts); smaller ones on the request thread, where
 * the work is shorter than a thread's start.
 */
export const IMPORT_WORKER_MIN_BYTES = 1024 * 1024;
/** The import worker's heap: a 512 MB file parsed is several times that. */
export const IMPORT_WORKER_HEAP_MB = 8192;
/** Photo limits (PHOTO_MAX_BYTES, PHOTOS_PER_INSPECTION, the types) are the app's too: src/domain/photos.ts. */

/** Texts at least this long are validated on a worker thread (validation-pool.ts), smaller ones inline. */
export const VALIDATION_INLINE_LIMIT = 64 * 1024;

/** A refused attempt kept in history: at most this many bytes of JSON (store/history.ts). */
export const HISTORY_ATTEMPT_MAX_BYTES = 8 * 1024;

/**
 * Time limits of a request. An ordinary request's body must arrive within BODY_TIMEOUT_MS of its
 * headers; an import (up to 512 MB) within IMPORT_TIMEOUT_MS, which is also the limit of any whole request.
 * Headers must arrive within HEADERS_TIMEOUT_MS; a connection idle that long is closed.
 */
export interface Timeouts {
  headersMs: number;
  bodyMs: number;
  importMs: number;
}
export const TIMEOUTS: Timeouts = { headersMs: 30_000, bodyMs: 30_000, importMs: 300_000 };

/**
 * A tileable layer (src/domain/layers.ts TILEABLE_LAYERS) with more features than this is served to the
 * browser as vector tiles (GET /api/tiles/…) instead of one GeoJSON download (GET /api/layers says
 * which). At 20 000 plots the whole-layer path still loads in seconds and keeps everything local
 * (search, analysis, the park summaries without a round trip); past it download, parsing and memory grow
 * with the county rather than with the screen. ATLAS_TILE_THRESHOLD overrides it (tests, benchmarks).
 */
export const TILE_THRESHOLD = 20_000;

export function tileThresholdFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.ATLAS_TILE_THRESHOLD?.trim();
  if (!raw) return TILE_THRESHOLD;
  if (!/^\d{1,9}$/.test(raw)) {
    throw new Error(`ATLAS_TILE_THRESHOLD must be a whole number of features, not "${raw}".`);
  }
  return Number(raw);
}

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const SESSION_COOKIE = 'atlas_session';

/**
 * Login: failed attempts within the window (counted before the password is checked), after which
 * further tries get 429 with Retry-After: 5 per user name at one address, 100 per address (any names:
 * an office behind one address), 20 per user name from all addresses together (a distributed guess).
 */
export const LOGIN_MAX_FAILURES = 5;
export const LOGIN_MAX_FAILURES_PER_ADDRESS = 100;
export const LOGIN_MAX_FAILURES_PER_USER = 20;
export const LOGIN_WINDOW_MS = 60 * 1000;

/**
 * Password hashes (scrypt, ~16 MB and tens of ms each) computed at once, so that they never take all
 * of libuv's threads from file reads (the app, photos); and how many may wait for one. Beyond that a
 * login gets 503 with Retry-After instead of queueing for ever.
 */
export const HASH_CONCURRENCY = 2;
export const HASH_QUEUE_LIMIT = 64;

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;

export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.DATA_DIR && env.DATA_DIR.trim() !== '' ? env.DATA_DIR : 'data');
}

/** PostgreSQL instead of the SQLite file: DATABASE_URL=postgres://user:password@host:5432/atlas. */
export function databaseUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.DATABASE_URL && env.DATABASE_URL.trim() !== '' ? env.DATABASE_URL.trim() : null;
}

/** The bureau's Tianditu key (TIANDITU_KEY), set once on the server; null when there is none. */
export function tiandituKeyFromEnv(env: NodeJS.ProcessEnv = process.env): string | null {
  const key = env.TIANDITU_KEY?.trim();
  return key ? key : null;
}

/** A connection URL fit for the console: without its password. */
export function safeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'DATABASE_URL';
  }
}
