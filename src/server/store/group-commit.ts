// Group commit: writes that arrive in the same turn of the event loop share one SQLite transaction,
// so one fsync of the WAL (synchronous=FULL) acknowledges them all. Each write runs in its own
// SAVEPOINT: one that throws is rolled back alone and rejected alone; the others commit. Every promise
// settles only after COMMIT returned, so "acknowledged" still means "durable". If COMMIT itself fails
// (disk full, say), every write of the batch is rejected and none is visible.
import type Database from 'better-sqlite3';

interface Job {
  run: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

/**
 * Holds this connection's writes back while another connection to the same file writes (an import's
 * worker thread, import-job.ts): SQLite has one writer, and a write attempted here meanwhile would wait
 * on the lock synchronously (busy_timeout), freezing the request thread. Holds run one at a time, in
 * the order asked; a write that waits runs when the hold ends, before or after it, never inside it.
 */
export class WriteGate {
  private current: Promise<void> | null = null;
  private tail: Promise<void> = Promise.resolve();

  get closed(): boolean {
    return this.current !== null;
  }

  /** Resolves when no hold is in force; a synchronous write right after it cannot meet one. */
  async open(): Promise<void> {
    while (this.current) await this.current;
  }

  hold<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(async () => {
      let release = () => {};
      this.current = new Promise<void>((resolve) => {
        release = resolve;
      });
      try {
        return await work();
      } finally {
        this.current = null;
        release();
      }
    });
    this.tail = run.then(
      () => {},
      () => {},
    );
    return run;
  }
}

export class GroupCommit {
  private readonly db: Database.Database;
  private readonly gate: WriteGate;
  private queue: Job[] = [];
  private scheduled = false;

  constructor(db: Database.Database, gate: WriteGate) {
    this.db = db;
    this.gate = gate;
  }

  run<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ run: write, resolve: resolve as (value: unknown) => void, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        // After the poll phase: every request read in this turn joins the batch.
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    if (this.gate.closed) {
      // Another connection writes: the batch waits (still scheduled) and runs after it.
      void this.gate.open().then(() => this.flush());
      return;
    }
    this.scheduled = false;
    const jobs = this.queue;
    this.queue = [];
    const outcomes: Outcome[] = [];
    try {
      this.db
        .transaction(() => {
          for (const job of jobs) {
            try {
              outcomes.push({ ok: true, value: this.db.transaction(job.run)() });
            } catch (error) {
              outcomes.push({ ok: false, error });
            }
          }
        })
        .immediate();
    } catch (error) {
      for (const job of jobs) job.reject(error);
      return;
    }
    jobs.forEach((job, index) => {
      const outcome = outcomes[index] as Outcome;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
  }
}
