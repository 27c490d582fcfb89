// The rules of the offline outbox (src/app/outbox): which queued write goes next, what a failure means,
// how long to wait before the next try, and how large a photo is sent. Pure: the app keeps the items in
// IndexedDB and sends them; these decide.

/**
 * An item's state. `sent` items have left the outbox (acknowledged by the server); the list shows them
 * until the page closes.
 */
export type OutboxState = 'waiting' | 'sending' | 'sent' | 'conflict' | 'refused';

/** What the queue rules read of an item. */
export interface QueuedItem {
  /** The intent's id, also the request's Idempotency-Key. */
  id: string;
  /** The order the person made them in. */
  seq: number;
  state: OutboxState;
  /** The item that must reach the server first (a photo's inspection). */
  dependsOn?: string | undefined;
  /** Who queued it: only their session sends it. */
  user: string;
}

/** The items in the order they are sent. */
export function inOrder<T extends QueuedItem>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => a.seq - b.seq);
}

/**
 * The next item to send for `user`: the first waiting one (in order) whose dependency is no longer in
 * the outbox. A `sending` item is one a closed or killed page was sending: it is sent again (its key
 * makes that safe). Conflicts and refusals wait for the person and hold back only what depends on them.
 */
export function nextToSend<T extends QueuedItem>(items: readonly T[], user: string): T | null {
  const present = new Set(items.filter((item) => item.state !== 'sent').map((item) => item.id));
  for (const item of inOrder(items)) {
    if (item.user !== user) continue;
    if (item.state !== 'waiting' && item.state !== 'sending') continue;
    if (item.dependsOn !== undefined && present.has(item.dependsOn)) continue;
    return item;
  }
  return null;
}

/** How many items still wait for the server or the person (the badge's number). */
export function pendingCount(items: readonly QueuedItem[]): number {
  return items.filter((item) => item.state !== 'sent').length;
}

/**
 * What a failed send means. `status` 0 is no answer at all (a fetch TypeError: offline, the server
 * down); 5xx, 408 and 429 are the server not able to take it now; 401 is a session that ended (sent
 * again after the person signs in, never dropped). Any other 4xx is the server refusing this write for
 * a reason the person must read: it stays, refused, until they discard it. A 409 the three-way merge
 * could not settle is a conflict (decided by the write path before this).
 */
export function failureKind(status: number): 'retry' | 'refused' {
  if (status === 0 || status === 401 || status === 408 || status === 429 || status >= 500) return 'retry';
  return 'refused';
}

/** The first wait after a failure, the longest wait, and how much a wait may vary (jitter). */
export const BACKOFF = { firstMs: 2000, maxMs: 5 * 60_000, jitter: 0.2 } as const;

/**
 * How long to wait before the next try after `failures` failed passes in a row (1 → about 2 s, 2 → 4 s,
 * … doubling to 5 min at most), varied by ±20% with `random` in [0, 1) so that tablets coming back
 * together do not all try at the same moment.
 */
export function backoffDelay(failures: number, random: number): number {
  const exponent = Math.max(0, Math.min(failures - 1, 20));
  const base = Math.min(BACKOFF.maxMs, BACKOFF.firstMs * 2 ** exponent);
  const factor = 1 + BACKOFF.jitter * (2 * Math.min(Math.max(random, 0), 1) - 1);
  return Math.round(Math.min(BACKOFF.maxMs, base * factor));
}

/** The longest side a photo is sent with (the tablet resizes larger ones before queueing them). */
const PHOTO_LONGEST_SIDE = 2560;
/** The JPEG quality of a resized photo. */
export const PHOTO_JPEG_QUALITY = 0.85;

/** The size a photo of `width` × `height` is sent at: within PHOTO_LONGEST_SIDE, proportions kept. */
export function photoSize(
  width: number,
  height: number,
  longest: number = PHOTO_LONGEST_SIDE,
): { width: number; height: number; resized: boolean } {
  const side = Math.max(width, height);
  if (side <= longest) return { width, height, resized: false };
  const scale = longest / side;
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
    resized: true,
  };
}
