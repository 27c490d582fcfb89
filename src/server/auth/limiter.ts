// Login attempts, counted before the password is checked. Each attempt takes a slot, at once and
// synchronously, in every window it falls under (per user name and address, per address, per user
// name); a full window answers 429 with Retry-After before any hashing. A correct password gives its
// slot back (and clears the failures of that name at that address); a wrong one keeps it. So 200
// concurrent guesses check exactly as many passwords as the limit allows, never more.
// In memory: a restart forgets, which costs an attacker a restart they cannot cause.
import {
  LOGIN_MAX_FAILURES,
  LOGIN_MAX_FAILURES_PER_ADDRESS,
  LOGIN_MAX_FAILURES_PER_USER,
  LOGIN_WINDOW_MS,
} from '../config.ts';

export interface Limit {
  key: string;
  max: number;
  /** A successful attempt forgets the earlier failures counted under this key. */
  resetOnSuccess?: boolean;
}

export type Attempt =
  | {
      allowed: true;
      /** The password was right: the slot is given back, and the keys that reset on success forget. */
      succeed(): void;
      /** The password was never checked (the server was busy): the slot is given back. */
      cancel(): void;
    }
  | { allowed: false; retryAfterSeconds: number };

export class AttemptLimiter {
  private readonly attempts = new Map<string, number[]>();
  private readonly windowMs: number;

  constructor(windowMs = LOGIN_WINDOW_MS) {
    this.windowMs = windowMs;
  }

  private recent(key: string, now: number): number[] {
    const times = (this.attempts.get(key) ?? []).filter((time) => now - time < this.windowMs);
    if (times.length) this.attempts.set(key, times);
    else this.attempts.delete(key);
    return times;
  }

  /** Drops the keys with no attempt left in the window. Never clears live counts: a flood of new
   *  names must not wipe out the limits of the names under attack. */
  private forgetExpired(now: number): void {
    for (const key of [...this.attempts.keys()]) this.recent(key, now);
  }

  /** Takes a slot under every limit, or none if one of them is full. */
  attempt(limits: readonly Limit[], now = Date.now()): Attempt {
    let wait = 0;
    for (const { key, max } of limits) {
      const times = this.recent(key, now);
      if (times.length >= max) {
        const oldest = times[times.length - max] as number;
        wait = Math.max(wait, Math.max(1, Math.ceil((oldest + this.windowMs - now) / 1000)));
      }
    }
    if (wait > 0) return { allowed: false, retryAfterSeconds: wait };
    if (this.attempts.size > 100_000) this.forgetExpired(now);
    for (const { key } of limits) this.attempts.set(key, [...this.recent(key, now), now]);
    const giveBack = (reset: boolean) => {
      for (const { key, resetOnSuccess } of limits) {
        if (reset && resetOnSuccess) {
          this.attempts.delete(key);
          continue;
        }
        const times = this.attempts.get(key);
        const index = times?.lastIndexOf(now) ?? -1;
        if (times && index >= 0) times.splice(index, 1);
      }
    };
    return { allowed: true, succeed: () => giveBack(true), cancel: () => giveBack(false) };
  }
}

/**
 * The limits of a login (or of any other check of a password against a name): strict for one name at
 * one address (one person's typos lock out only that name there), loose for the address (a whole
 * office behind one NAT), and in between for the name across addresses (a distributed guess).
 */
export function loginLimits(canonicalName: string, address: string): Limit[] {
  return [
    { key: `pair:${canonicalName}\u0000${address}`, max: LOGIN_MAX_FAILURES, resetOnSuccess: true },
    { key: `address:${address}`, max: LOGIN_MAX_FAILURES_PER_ADDRESS },
    { key: `user:${canonicalName}`, max: LOGIN_MAX_FAILURES_PER_USER },
  ];
}
