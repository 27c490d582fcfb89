// Idempotency keys in SQLite (idempotency.ts): claimed and kept inside the write's savepoint. Writes
// are serialised on the one connection, so a key committed by an earlier write is seen by a SELECT.
import type Database from 'better-sqlite3';
import {
  type KeptRecord,
  KeyAlreadyUsed,
  type KeyedWrite,
  type KeyRow,
  toKeptRecord,
} from './idempotency.ts';

export class IdempotencyTable {
  private readonly statements;

  constructor(db: Database.Database) {
    this.statements = {
      get: db.prepare<[string, string], KeyRow>(
        'SELECT username, key, route, fingerprint, status, body FROM idempotency_keys WHERE username = ? AND key = ?',
      ),
      insert: db.prepare(
        `INSERT INTO idempotency_keys (username, key, route, fingerprint, status, body, created_at)
         VALUES (@username, @key, @route, @fingerprint, @status, @body, @createdAt)`,
      ),
    };
  }

  get(user: string, key: string): KeptRecord | null {
    const row = this.statements.get.get(user, key);
    return row ? toKeptRecord(row) : null;
  }

  /** Runs `work` (inside the write's savepoint) with the key claimed before and kept after it. */
  around<T>(keyed: KeyedWrite, work: () => T): T {
    const { claim } = keyed;
    if (this.statements.get.get(claim.user, claim.key)) throw new KeyAlreadyUsed();
    const result = work();
    const kept = keyed.keep(result);
    if (kept) {
      this.statements.insert.run({
        username: claim.user,
        key: claim.key,
        route: claim.route,
        fingerprint: claim.fingerprint,
        status: kept.status,
        body: JSON.stringify(kept.body),
        createdAt: new Date().toISOString(),
      });
    }
    return result;
  }
}
