// Password hashing with scrypt (node:crypto): a random 16-byte salt per user, parameters kept in the
// stored string so they can be raised later, and a constant-time comparison. Hashes run through one
// gate (HASH_CONCURRENCY at once, HASH_QUEUE_LIMIT waiting): scrypt runs on libuv's thread pool, which
// also reads the app's files and the photos, and a flood of logins must not starve those.
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { HASH_CONCURRENCY, HASH_QUEUE_LIMIT } from '../config.ts';

const KEY_LENGTH = 64;
const DEFAULT_COST = { N: 16384, r: 8, p: 1 };

/** Too many password hashes waiting already: the caller answers 503 with Retry-After. */
export class HashBusyError extends Error {
  readonly retryAfterSeconds = 1;
  constructor() {
    super('too many password checks at once');
  }
}

/** At most `limit` hashes at once, at most `queueLimit` waiting; the rest are refused at once. */
class HashGate {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly limit = HASH_CONCURRENCY,
    private readonly queueLimit = HASH_QUEUE_LIMIT,
  ) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) {
      if (this.waiting.length >= this.queueLimit) throw new HashBusyError();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else this.running++;
    try {
      return await task();
    } finally {
      // The slot passes straight to the next in line, or is freed.
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

const gate = new HashGate();

function derive(password: string, salt: Buffer, cost: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...cost, maxmem: 128 * cost.N * cost.r * 2 };
  return gate.run(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) =>
          error ? reject(error) : resolve(key),
        );
      }),
  );
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, DEFAULT_COST);
  const { N, r, p } = DEFAULT_COST;
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), {
    N: Number(n),
    r: Number(r),
    p: Number(p),
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** Compared against when the username is unknown, so a wrong name takes as long as a wrong password. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword(randomBytes(16).toString('hex')).catch((error: unknown) => {
    dummyHash = null; // refused while busy: made by a later login, not remembered as a failure
    throw error;
  });
  return dummyHash;
}
