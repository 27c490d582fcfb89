// Validation of large bodies off the request thread: a text above VALIDATION_INLINE_LIMIT (an import,
// a large zone) is validated by one of a few worker threads, so /api/health, logins and small edits
// are served meanwhile; a small text is validated inline, where a thread hop would cost more than the
// work. The result is the same report either way (the same validateGeoJsonText runs in both places).
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { LayerId } from '../domain/layers.ts';
import { type Problem, validateGeoJsonText } from '../geo/validate.ts';
import { VALIDATION_INLINE_LIMIT } from './config.ts';
import { startTsWorker } from './ts-worker.ts';
import type { ValidationAnswer, ValidationJob } from './validation-worker.ts';

export interface TextValidation {
  ok: boolean;
  problems: Problem[];
  /** The parsed value when ok, else null. */
  value: unknown;
}

interface Pending {
  job: ValidationJob;
  resolve: (answer: { ok: boolean; problems: Problem[] }) => void;
  reject: (error: Error) => void;
}

function startWorker(): Worker {
  return startTsWorker(new URL('./validation-worker.ts', import.meta.url), { name: 'atlas-validation' });
}

class ValidationPool {
  private readonly size: number;
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Pending>();
  private readonly queue: Pending[] = [];
  private started = 0;
  private nextId = 1;

  constructor(size: number) {
    this.size = size;
  }

  run(text: string, fileName: string, layer: LayerId | null): Promise<{ ok: boolean; problems: Problem[] }> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job: { id: this.nextId++, text, fileName, layer }, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      let worker = this.idle.pop();
      if (!worker && this.started < this.size) worker = this.spawn();
      if (!worker) return;
      const pending = this.queue.shift() as Pending;
      this.busy.set(worker, pending);
      worker.ref();
      worker.postMessage(pending.job);
    }
  }

  /** Validations on a worker thread now (for tests and the benchmark). */
  get running(): number {
    return this.busy.size;
  }

  private spawn(): Worker {
    const worker = startWorker();
    this.started++;
    worker.on('message', (answer: ValidationAnswer) => {
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      // An idle worker does not keep the process alive.
      worker.unref();
      this.idle.push(worker);
      if (pending) {
        if ('error' in answer) pending.reject(new Error(`validation failed: ${answer.error}`));
        else pending.resolve({ ok: answer.ok, problems: answer.problems });
      }
      this.dispatch();
    });
    let gone = false;
    const lost = (error: Error) => {
      if (gone) return;
      gone = true;
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      const index = this.idle.indexOf(worker);
      if (index !== -1) this.idle.splice(index, 1);
      this.started--;
      pending?.reject(error);
      this.dispatch();
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`validation worker stopped (exit code ${code})`)));
    return worker;
  }
}

/** One or two workers: the machine's other cores serve requests and commits. */
const pool = new ValidationPool(Math.max(1, Math.min(2, availableParallelism() - 1)));

/** Imports validated on threads of their own (import-job.ts), counted with the pool's. */
let importsRunning = 0;

/** Counts one validation on another thread until the returned function is called. */
export function trackValidation(): () => void {
  importsRunning++;
  let done = false;
  return () => {
    if (!done) importsRunning--;
    done = true;
  };
}

/** How many validations run on worker threads at this moment. */
export const validationsRunning = (): number => pool.running + importsRunning;

/**
 * Validates GeoJSON text with the layer's rules: inline when small, on a worker thread when large.
 * A text that passed is parsed here (the worker's parse stays in the worker).
 */
export async function validateText(
  text: string,
  fileName: string,
  layer: LayerId | null,
): Promise<TextValidation> {
  if (text.length < VALIDATION_INLINE_LIMIT) {
    const report = validateGeoJsonText(text, { fileName, layer });
    return { ok: report.ok, problems: report.problems, value: report.ok ? report.geojson : null };
  }
  const answer = await pool.run(text, fileName, layer);
  if (!answer.ok) return { ...answer, value: null };
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return { ...answer, value: JSON.parse(body) };
}
