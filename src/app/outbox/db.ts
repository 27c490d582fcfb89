// Where the outbox keeps its items: IndexedDB (its own database, `land-atlas-outbox`), so a queued write
// survives a reload, a closed tab and a killed browser. Each write is awaited (the transaction's
// `done`) before the outbox goes on: an item is on disk before it is sent. Where IndexedDB is missing
// or refuses (a private window), the items live in memory only and the online path works as before.

import type { Bilingual } from '../../domain/i18n.ts';
import type { QueuedItem } from '../../domain/outbox.ts';
import type { Conflict, Intent } from '../api/transact.ts';
import { lazyDatabase } from '../state/idb.ts';

const DB_NAME = 'land-atlas-outbox';
const STORE = 'items';

export interface OutboxItem extends QueuedItem {
  intent: Intent;
  /** What it is, for the list: 巡查 HS-DX-0012, 照片 …, 编辑属性 …, 新建片区 …. */
  what: Bilingual;
  /** Failed tries so far. */
  attempts: number;
  /** Why the server refused it (refused), or the last failure (waiting). */
  reason: Bilingual | null;
  /** The fields both sides changed (conflict). */
  conflict: Conflict | null;
  /** When it was queued (ms since the epoch). */
  createdAt: number;
}

const memory = new Map<string, OutboxItem>();

const database = lazyDatabase(DB_NAME, 1, (db) => {
  db.createObjectStore(STORE, { keyPath: 'id' });
});

export async function readItems(): Promise<OutboxItem[]> {
  const db = await database();
  if (!db) return [...memory.values()];
  return (await db.getAll(STORE)) as OutboxItem[];
}

/** Puts an item (a new one, or a new state of one), durably before it resolves. */
export async function putItem(item: OutboxItem): Promise<void> {
  const db = await database();
  if (!db) {
    memory.set(item.id, item);
    return;
  }
  const tx = db.transaction(STORE, 'readwrite', { durability: 'strict' });
  await tx.store.put(item);
  await tx.done;
}

export async function deleteItem(id: string): Promise<void> {
  const db = await database();
  if (!db) {
    memory.delete(id);
    return;
  }
  // Not 'strict': an acknowledged item that comes back after a power cut is sent again, and its
  // Idempotency-Key gets it the first answer; nothing is written twice.
  const tx = db.transaction(STORE, 'readwrite');
  await tx.store.delete(id);
  await tx.done;
}
