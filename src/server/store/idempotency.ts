// Idempotency keys (the `Idempotency-Key` header of a write, src/server/idempotency.ts). The key, its
// user, the request's route and fingerprint and the answer the write got are kept in the SAME
// transaction as the write, so a write and its key commit together or not at all: a retry finds either
// both (and gets the first answer back, writing nothing) or neither (and writes).
//
// A route runs one store write inside `withKey`; the store's transaction helper (SqliteStore.write,
// PostgresStore.transaction) reads the claim from here when it is called — not when it runs, as the
// SQLite group commit may run it in another request's turn — and, in the transaction:
// - first claims the key: if a row for (user, key) is already committed, it throws KeyAlreadyUsed and
//   the transaction rolls back having written nothing (PostgreSQL: the claim is an INSERT … ON CONFLICT
//   DO NOTHING on the primary key, which waits for a concurrent transaction holding the same key and
//   then sees its row; SQLite: writes are serialised, a SELECT sees it);
// - runs the write;
// - keeps the answer (`keep(result)`) beside the key, or drops the claim when `keep` says the write was
//   refused (a 409, a 404: nothing was written, so nothing is replayed and a retry is judged anew).
import { AsyncLocalStorage } from 'node:async_hooks';

export interface KeyClaim {
  user: string;
  key: string;
  /** Method and path, e.g. `PATCH /api/features/plots/HS-0001`. */
  route: string;
  /** SHA-256 of what the request asks (body, query; a photo's content). */
  fingerprint: string;
}

/** The answer a write got, kept to be sent again to a retry with the same key. */
export interface KeptReply {
  status: number;
  body: unknown;
}

export interface KeptRecord extends KeyClaim, KeptReply {}

/** A write's key was already used by a committed write: this one rolled back, having written nothing. */
export class KeyAlreadyUsed extends Error {
  constructor() {
    super('idempotency key already used');
    this.name = 'KeyAlreadyUsed';
  }
}

export interface KeyedWrite {
  claim: KeyClaim;
  /** The answer to keep for the write's result, or null when the result is a refusal. */
  keep(result: unknown): KeptReply | null;
}

const current = new AsyncLocalStorage<KeyedWrite>();

/** Runs `write` (one store write) with `claim` kept in its transaction with `keep(result)`. */
export function withKey<T>(
  claim: KeyClaim,
  keep: (result: T) => KeptReply | null,
  write: () => Promise<T>,
): Promise<T> {
  return current.run({ claim, keep: keep as (result: unknown) => KeptReply | null }, write);
}

/** The keyed write the caller is part of, if any (read by the stores' transaction helpers). */
export function keyedWrite(): KeyedWrite | undefined {
  return current.getStore();
}

/** A kept row as both stores read it. */
export interface KeyRow {
  username: string;
  key: string;
  route: string;
  fingerprint: string;
  status: number;
  body: string;
}

export function toKeptRecord(row: KeyRow): KeptRecord {
  return {
    user: row.username,
    key: row.key,
    route: row.route,
    fingerprint: row.fingerprint,
    status: row.status,
    body: JSON.parse(row.body),
  };
}
