// One worker thread answering numbered jobs: the request side of the tile and query services. A job is
// posted with a fresh id and answered by the message carrying that id; an answer `{ error }` rejects.
// The worker is started on the first job; an idle one does not keep the process alive. When it dies
// (an error, an exit), every job it held fails and `onLost` tells the owner to forget what the worker
// held; the next job starts a new one.
import type { Worker } from 'node:worker_threads';

export class WorkerClient<Job extends { id: number }, Answer extends { id: number }> {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  private nextId = 1;

  constructor(
    private readonly name: string,
    private readonly start: () => Worker,
    private readonly onLost: () => void,
  ) {}

  /** Posts the job and resolves with its answer; rejects with the worker's error or its loss. */
  call(body: Omit<Job, 'id'>): Promise<Answer> {
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    return new Promise<Answer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...body, id });
    }).then((answer) => {
      if ('error' in answer) throw new Error(`${this.name}: ${String(answer.error)}`);
      return answer;
    });
  }

  private spawn(): Worker {
    const worker = this.start();
    this.worker = worker;
    worker.on('message', (answer: Answer) => {
      const pending = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      // An idle worker does not keep the process alive.
      if (this.pending.size === 0) worker.unref();
      pending?.resolve(answer);
    });
    const lost = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.onLost();
      this.rejectAll(error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`${this.name} stopped (exit code ${code})`)));
    return worker;
  }

  private rejectAll(error: Error): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const pending of waiting) pending.reject(error);
  }

  /** Fails what waits and stops the worker. */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.onLost();
    this.rejectAll(new Error('the server is closing'));
    await worker.terminate();
  }
}
