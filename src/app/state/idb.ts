// One IndexedDB database of the app, opened once, when first asked for (idb's promise wrapper). Null
// where the browser has no IndexedDB or refuses it (a private window, storage off): the callers then
// keep what they hold in memory for this page only.
import { type IDBPDatabase, openDB } from 'idb';

export function lazyDatabase(
  name: string,
  version: number,
  upgrade: (db: IDBPDatabase) => void,
): () => Promise<IDBPDatabase | null> {
  let opening: Promise<IDBPDatabase | null> | null = null;
  return () => {
    opening ??=
      typeof indexedDB === 'undefined'
        ? Promise.resolve(null)
        : openDB(name, version, { upgrade }).catch(() => null);
    return opening;
  };
}
