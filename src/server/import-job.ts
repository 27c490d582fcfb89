// Imports at any size. The body is streamed to a file under DATA_DIR/import-uploads (never held whole
// on the request thread; refused with 413 past IMPORT_UPLOAD_LIMIT, config.ts), then a file of
// IMPORT_WORKER_MIN_BYTES or more is read, validated, planned and written by a worker thread of its own
// (import-worker.ts) with its own connection to the database, while this thread keeps answering; the
// store orders its own writes around that one (Store.writeElsewhere). The upload's file is removed in
// every outcome: success, refusal, an aborted upload, a worker that dies.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { finished, type Readable } from 'node:stream';
import type { Worker } from 'node:worker_threads';
import { IMPORT_UPLOADS_DIR, IMPORT_WORKER_HEAP_MB } from './config.ts';
import { ApiError } from './errors.ts';
import type { ImportCommand, ImportJob, ImportMessage } from './import-worker.ts';
import type { Store } from './store/types.ts';
import { startTsWorker } from './ts-worker.ts';
import { trackValidation } from './validation-pool.ts';

export function uploadTooLarge(limit: number): ApiError {
  const LIMIT_MB = Number((limit / (1024 * 1024)).toFixed(1));
  return new ApiError(
    413,
    'file-too-large',
    {
      zh: `文件太大（导入最多 ${LIMIT_MB} MB）；请把图层分成几个文件，以 mode=merge 依次导入。`,
      en: `The file is too large (imports: ${LIMIT_MB} MB at most); split the layer into several files and import them one after another with mode=merge.`,
    },
    { limitBytes: limit },
  );
}

class TooLarge extends Error {}

function uploadsDir(dataDir: string): string {
  return join(dataDir, IMPORT_UPLOADS_DIR);
}

/**
 * At a start: files left by a process that stopped mid-import (older than an hour: another server
 * sharing the data directory may be receiving one now).
 */
export async function clearUploads(dataDir: string): Promise<void> {
  const dir = uploadsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const before = Date.now() - 60 * 60 * 1000;
  for (const name of await readdir(dir)) {
    const path = join(dir, name);
    const info = await stat(path).catch(() => null);
    if (info && info.mtimeMs < before) await rm(path, { force: true });
  }
}

/**
 * Streams `body` to a new file under the uploads directory; its path and size. A body past the limit
 * is a 413 and one that stops early (the client went away) an error; either way no file is left.
 */
export async function receiveUpload(
  dataDir: string,
  body: Readable,
  limit: number,
): Promise<{ file: string; bytes: number }> {
  const dir = uploadsDir(dataDir);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${randomUUID()}.upload`);
  const out = createWriteStream(file);
  let bytes = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      let failed = false;
      const fail = (error: unknown) => {
        if (failed) return;
        failed = true;
        // The rest of the body is read and dropped (not the socket destroyed), so a 413 can be sent.
        body.unpipe(out);
        body.removeListener('data', counted);
        body.resume();
        out.destroy();
        reject(error);
      };
      const counted = (chunk: Buffer) => {
        bytes += chunk.length;
        if (bytes > limit) fail(new TooLarge());
      };
      body.on('data', counted);
      body.pipe(out);
      // A client that goes away mid-upload: the body closes before its end.
      finished(body, (error) => {
        if (error) fail(error);
      });
      out.on('error', fail);
      out.on('finish', () => {
        if (!failed) resolve();
      });
    });
  } catch (error) {
    out.destroy();
    await rm(file, { force: true });
    if (error instanceof TooLarge) throw uploadTooLarge(limit);
    throw error;
  }
  return { file, bytes };
}

function startWorker(job: ImportJob): Worker {
  return startTsWorker(new URL('./import-worker.ts', import.meta.url), {
    name: 'atlas-import',
    workerData: job,
    resourceLimits: { maxOldGenerationSizeMb: IMPORT_WORKER_HEAP_MB },
  });
}

export type WorkerImport = Exclude<ImportMessage, { kind: 'validated' | 'error' }>;

/**
 * Runs one import on a worker thread. Resolves with what it found ('invalid': nothing changed) or
 * did ('done'); rejects when it failed or its thread died — nothing changed then either (the
 * transaction was not committed).
 */
export function importOnWorker(store: Store, job: ImportJob): Promise<WorkerImport> {
  const untrack = trackValidation();
  const worker = startWorker(job);
  // Messages in the order they came, and the one waiting for the next.
  const inbox: ImportMessage[] = [];
  let waiting: ((message: ImportMessage) => void) | null = null;
  const deliver = (message: ImportMessage) => {
    const next = waiting;
    waiting = null;
    if (next) next(message);
    else inbox.push(message);
  };
  const nextMessage = () =>
    new Promise<ImportMessage>((resolve) => {
      const first = inbox.shift();
      if (first) resolve(first);
      else waiting = resolve;
    });
  worker.on('message', (message: ImportMessage) => deliver(message));
  worker.on('error', (error) => deliver({ kind: 'error', message: error.message }));
  worker.on('exit', (code) =>
    deliver({ kind: 'error', message: `the import worker stopped (exit code ${code})` }),
  );
  const run = async (): Promise<WorkerImport> => {
    const first = await nextMessage();
    if (first.kind === 'error') throw new Error(first.message);
    if (first.kind !== 'validated') return first;
    const written = await store.writeElsewhere(job.layer, async () => {
      const answer = nextMessage();
      worker.postMessage({ kind: 'write' } satisfies ImportCommand);
      return answer;
    });
    if (written.kind === 'error') throw new Error(written.message);
    if (written.kind === 'validated') throw new Error('the import worker answered out of turn');
    return written;
  };
  return run().finally(() => {
    untrack();
    void worker.terminate();
  });
}
