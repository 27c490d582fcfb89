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

export class GroupCommit {
  private readonly db: Database.Database;
  private queue: Job[] = [];
  private scheduled = false;

  constructor(db: Database.Database) {
    this.db = db;
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
