// Failed logins per IP and per username: after LOGIN_MAX_FAILURES failures within the window every
// further attempt for that key is refused with 429 and Retry-After until the oldest failure ages out.
// In memory: a restart forgets, which costs an attacker a restart they cannot cause.
import { LOGIN_MAX_FAILURES, LOGIN_WINDOW_MS } from '../config.ts';

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly max: number;
  private readonly windowMs: number;

  constructor(max = LOGIN_MAX_FAILURES, windowMs = LOGIN_WINDOW_MS) {
    this.max = max;
    this.windowMs = windowMs;
  }

  private recent(key: string, now: number): number[] {
    const times = (this.failures.get(key) ?? []).filter((time) => now - time < this.windowMs);
    if (times.length) this.failures.set(key, times);
    else this.failures.delete(key);
    return times;
  }

  /** Seconds to wait before another attempt for any of the keys, or 0 if one may try now. */
  retryAfterSeconds(keys: readonly string[], now = Date.now()): number {
    let wait = 0;
    for (const key of keys) {
      const times = this.recent(key, now);
      if (times.length >= this.max) {
        const oldest = times[times.length - this.max] as number;
        wait = Math.max(wait, Math.ceil((oldest + this.windowMs - now) / 1000));
      }
    }
    return wait;
  }

  fail(keys: readonly string[], now = Date.now()): void {
    for (const key of keys) this.failures.set(key, [...this.recent(key, now), now]);
    if (this.failures.size > 100_000) this.failures.clear();
  }

  succeed(keys: readonly string[]): void {
    for (const key of keys) if (key.startsWith('user:')) this.failures.delete(key);
  }
}
