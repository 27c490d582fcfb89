// The layers as last served, kept in the browser (IndexedDB, through idb) with their ETag, each
// feature's area and when they came: a reload asks the server with If-None-Match and, on 304, takes the
// layer from here without parsing, checking or measuring it again. Kept per user; signing out empties
// it, so a shared tablet keeps nothing of the last person. Where IndexedDB is missing or refuses (a
// private window, a test in Node), the cache is simply absent and every load is a full one.

import type { FeatureCollection } from 'geojson';
import { lazyDatabase } from './idb.ts';
import type { StoredLayerId } from './layer-data.ts';

const DB_NAME = 'land-atlas';
const STORE = 'layers';

export interface CachedLayer {
  /** `${user}/${layer}`. */
  key: string;
  etag: string;
  collection: FeatureCollection;
  /** Each feature's ellipsoidal area, m², by id, as measured when the layer came. */
  areaM2: [string, number][];
  /** When the server sent it (ms since the epoch). */
  receivedAt: number;
}

const database = lazyDatabase(DB_NAME, 1, (db) => {
  db.createObjectStore(STORE, { keyPath: 'key' });
});

const keyOf = (user: string, layer: StoredLayerId) => `${user}/${layer}`;

export async function readCachedLayer(user: string, layer: StoredLayerId): Promise<CachedLayer | null> {
  try {
    const db = await database();
    return ((await db?.get(STORE, keyOf(user, layer))) as CachedLayer | undefined) ?? null;
  } catch {
    return null;
  }
}

export async function writeCachedLayer(
  user: string,
  layer: StoredLayerId,
  entry: Omit<CachedLayer, 'key'>,
): Promise<void> {
  try {
    const db = await database();
    await db?.put(STORE, { ...entry, key: keyOf(user, layer) });
  } catch {
    // Full or refused: the next load is a full one, nothing else changes.
  }
}

/** Forgets every cached layer (signing out). */
export async function clearLayerCache(): Promise<void> {
  try {
    const db = await database();
    await db?.clear(STORE);
  } catch {
    // Nothing kept, or nothing we can reach.
  }
}
