// The record forms' drafts, kept in their own IndexedDB database (`land-atlas-drafts`, apart from the
// layer cache and the outbox) as they are typed: the fields and the photos as Blobs, under the key of
// src/domain/drafts.ts (user, layer, feature, form). A draft is removed when its form is saved or
// cancelled with confirmation, or discarded from the plot's card; signing out keeps it (it is the
// person's unsaved work, shown only to them). Where IndexedDB is missing or refuses, drafts are simply
// not kept.

import { type DraftAddress, type DraftFields, draftKey } from '../../domain/drafts.ts';
import { lazyDatabase } from './idb.ts';

const DB_NAME = 'land-atlas-drafts';
const STORE = 'drafts';

export interface DraftPhoto {
  name: string;
  type: string;
  lastModified: number;
  blob: Blob;
}

export interface StoredDraft extends DraftAddress {
  key: string;
  fields: DraftFields;
  photos: DraftPhoto[];
  /** When it was last written (ms since the epoch). */
  savedAt: number;
}

const database = lazyDatabase(DB_NAME, 1, (db) => {
  const store = db.createObjectStore(STORE, { keyPath: 'key' });
  store.createIndex('feature', ['user', 'layer', 'featureId']);
});

/** Every draft one user has for one feature (the plot's card offers to continue them). */
export async function draftsOf(user: string, layer: string, featureId: string): Promise<StoredDraft[]> {
  try {
    const db = await database();
    return ((await db?.getAllFromIndex(STORE, 'feature', [user, layer, featureId])) ?? []) as StoredDraft[];
  } catch {
    return [];
  }
}

export async function writeDraft(
  address: DraftAddress,
  fields: DraftFields,
  photos: readonly File[],
): Promise<void> {
  const draft: StoredDraft = {
    ...address,
    key: draftKey(address),
    fields,
    photos: photos.map((file) => ({
      name: file.name,
      type: file.type,
      lastModified: file.lastModified,
      blob: file,
    })),
    savedAt: Date.now(),
  };
  try {
    const db = await database();
    await db?.put(STORE, draft);
  } catch {
    // Full or refused: the form still holds it; only a reload would lose it.
  }
}

export async function deleteDraft(address: DraftAddress): Promise<void> {
  try {
    const db = await database();
    await db?.delete(STORE, draftKey(address));
  } catch {
    // Nothing kept, or nothing we can reach.
  }
}

/** A kept photo as a File again, with its name, type and date. */
export function photoFile(photo: DraftPhoto): File {
  return new File([photo.blob], photo.name, { type: photo.type, lastModified: photo.lastModified });
}
