// The one storage seam of the server. Routes talk only to `Store`; SQLite (sqlite.ts) is the embedded
// default and PostgreSQL + PostGIS (postgres.ts, chosen by DATABASE_URL) the second (README-storage.md).
//
// Contract every implementation keeps:
// - each method that writes is one transaction, and its promise resolves only after the commit is
//   durable; a rejected promise means nothing was written;
// - history is append-only: no implementation ever updates or deletes a history row;
// - feature versions start at 1 and grow by exactly 1 per accepted change; a change names the version
//   it started from and a stale one is refused with the current feature, never merged silently.
import type { Geometry } from 'geojson';
import type { z } from 'zod';
import type { LayerId, PlotStatus, RectificationMode } from '../../domain/layers.ts';
import type { SettingKey } from '../../domain/settings.ts';
import type {
  HistoryEntity,
  HistoryEntry,
  ImportPreset,
  InspectionPosition,
  importConflict,
  importSummary,
  inspectionFields,
  photoFields,
  Role,
  StoredSetting,
  user,
} from '../../domain/wire.ts';
import type { StatusChange } from '../../geo/progress-report.ts';
import type { Box } from './extent.ts';
import type { KeptRecord } from './idempotency.ts';

// What the store hands the routes and the routes send is the API's shape (src/domain/wire.ts), so a
// field renamed here or there fails to compile; what only the server keeps is added beside it.
export type { HistoryAction, HistoryEntity, HistoryEntry } from '../../domain/wire.ts';

/** Properties as stored: without `version`, which the store keeps beside them. */
export type Properties = Record<string, unknown> & { id: string };

export interface StoredFeature {
  layer: LayerId;
  id: string;
  version: number;
  properties: Properties;
  geometry: Geometry | null;
  updatedAt: string;
  updatedBy: string;
}

export interface FeatureContent {
  properties: Properties;
  geometry: Geometry | null;
}

/**
 * Computes the next content from the current feature, inside the transaction. It may throw (an
 * ApiError, say, when the merged properties fail the layer's schema): the transaction then rolls back.
 */
export type FeatureChange = (current: StoredFeature) => FeatureContent;

export type UpdateResult =
  | { ok: true; feature: StoredFeature }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'conflict'; current: StoredFeature };

export interface InspectionInput {
  plotId: string;
  date: string;
  findings: string;
  status: PlotStatus;
  mode?: RectificationMode | undefined;
  notes?: string | undefined;
  /** A client-made id (UUID) so that a retried upload from a tablet records the inspection once. */
  clientId?: string | undefined;
  /** The plot version the inspector saw; when given, a stale one is a conflict. */
  plotVersion?: number | undefined;
  /** Where the inspector stood (lon, lat, accuracy in metres, ISO time). */
  position?: InspectionPosition | undefined;
  /** Why it was saved without proof of presence. */
  positionNote?: string | undefined;
}

/** A photo as stored: the fields the API sends (src/domain/wire.ts) and what only the server keeps. */
export type PhotoRecord = z.infer<typeof photoFields> & {
  sha256: string;
  /** Where the file lies, relative to the photos directory. */
  fileName: string;
};

/** An inspection as stored: the fields the API sends (src/domain/wire.ts), its client id and photos. */
export type Inspection = z.infer<typeof inspectionFields> & {
  clientId: string | null;
  photos: PhotoRecord[];
};

export type InspectionResult =
  | { ok: true; inspection: Inspection; created: boolean; plot: StoredFeature }
  | { ok: false; reason: 'not-found' }
  | { ok: false; reason: 'conflict'; current: StoredFeature };

export interface HistoryQuery {
  entity?: HistoryEntity;
  layer?: string;
  entityId?: string;
  /** Only the per-feature diffs of the import whose entry has this seq. */
  importSeq?: number;
  /** Only entries with seq below this (paging backwards, newest first). */
  beforeSeq?: number;
  limit: number;
}

/** A setting as stored (domain/settings.ts); version 0 is a setting never saved. */
export type { StoredSetting } from '../../domain/wire.ts';

export type SettingResult =
  | { ok: true; setting: StoredSetting }
  | { ok: false; reason: 'conflict'; current: StoredSetting };

/** An account as the admin API sends it. */
export type User = z.infer<typeof user>;

export interface UserWithHash extends User {
  passwordHash: string;
}

export interface UserChange {
  role?: Role;
  passwordHash?: string;
  disabled?: boolean;
}

export type ImportSummary = z.infer<typeof importSummary>;

/** A feature of an imported file: its content and the version it carried (properties.version), if any. */
export interface ImportedFeature extends FeatureContent {
  version: number | null;
}

/** An imported feature older than the stored one: importing it would revert a newer edit. */
export type ImportConflict = z.infer<typeof importConflict>;

export type ImportResult =
  | { ok: true; summary: ImportSummary; overwrote: ImportConflict[]; historySeq: number }
  | { ok: false; conflicts: ImportConflict[] };

export interface LayerSnapshot {
  /** Changes whenever any feature of the layer changes; unique to this database. */
  revision: string;
  /** The FeatureCollection, serialized, with `properties.version` on every feature. */
  readonly json: string;
  /**
   * The features' GeoJSON texts, in order, when the store holds them apart (SQLite): a reply can
   * stream them (`collectionChunks`) instead of `json`, which is joined only when read.
   */
  readonly features?: readonly string[];
}

/** Where an import's worker thread opens its own connection to the store's database (import-job.ts). */
export type ImportTarget = { kind: 'sqlite'; dataDir: string } | { kind: 'postgres'; url: string };

/** What changed in a layer between two revisions: each feature as it is now, or gone. */
export interface LayerChanges {
  /** The revision the changes lead to (the layer's current one, read with them). */
  revision: string;
  /** The GeoJSON texts (as in a snapshot) of the features created or changed since, in list order. */
  put: string[];
  /** The ids of the features deleted since. */
  removed: string[];
}

/** More changes than this and layerChanges answers null: a full rebuild is as cheap. */
export const MAX_LAYER_CHANGES = 5000;

/** A vector tile the store cut itself (PostGIS ST_AsMVT), with the revision it was cut at. */
export interface StoreTile {
  revision: string;
  /** The encoded tile, or null when nothing of the layer is in it. */
  tile: Uint8Array | null;
}

/** The features of a layer whose bounding box meets a box: at most `limit`, and whether more did. */
export interface FeaturesInBox {
  features: StoredFeature[];
  truncated: boolean;
}

export interface Store {
  // layers and features
  layerRevision(layer: LayerId): Promise<string>;
  /** The layer's revision and how many features it holds at that revision, read together. */
  layerCount(layer: LayerId): Promise<{ revision: string; count: number }>;
  layerSnapshot(layer: LayerId): Promise<LayerSnapshot>;
  /**
   * The features changed between `sinceRevision` (a revision this store answered before) and now, or
   * null when the store cannot say (another process wrote, the revision is unknown or of another
   * database, more than MAX_LAYER_CHANGES changed): the caller then reads the whole snapshot.
   */
  layerChanges(layer: LayerId, sinceRevision: string): Promise<LayerChanges | null>;
  /**
   * The tile z/x/y of the layer cut by the database, when it can (PostgreSQL + PostGIS: ST_AsMVT);
   * absent, the tile service cuts tiles from the snapshot in its worker.
   */
  tile?(layer: LayerId, z: number, x: number, y: number): Promise<StoreTile>;
  listFeatures(layer: LayerId): Promise<StoredFeature[]>;
  getFeature(layer: LayerId, id: string): Promise<StoredFeature | null>;
  /**
   * The features whose bounding box meets `box` (west, south, east, north; touching counts), through
   * the store's spatial index; at most `limit`, which ones when more match is the store's choice.
   */
  featuresInBox(layer: LayerId, box: Box, limit: number): Promise<FeaturesInBox>;
  createFeature(layer: LayerId, content: FeatureContent, actor: string): Promise<StoredFeature | null>;
  updateFeature(
    layer: LayerId,
    id: string,
    expectedVersion: number,
    change: FeatureChange,
    actor: string,
    /** What the caller tried: kept in the 'conflict' history entry when the version is stale. */
    attempt?: unknown,
  ): Promise<UpdateResult>;
  deleteFeature(layer: LayerId, id: string, expectedVersion: number, actor: string): Promise<UpdateResult>;
  /**
   * Replaces the layer by `features`, or merges them in by id; all or nothing. A feature whose
   * version is older than the stored one is a conflict: with onConflict 'refuse' (the default)
   * nothing changes and the conflicts are returned (and recorded in history); 'overwrite' imports anyway.
   */
  importLayer(
    layer: LayerId,
    features: ImportedFeature[],
    mode: 'replace' | 'merge' | 'seed',
    actor: string,
    onConflict?: 'refuse' | 'overwrite',
  ): Promise<ImportResult>;
  isSeeded(layer: LayerId): Promise<boolean>;
  /** Where an import's worker opens its own connection (the same database). */
  readonly importTarget: ImportTarget;
  /**
   * Runs `write`, an import of `layer` by another connection to this database, with this store's own
   * writes ordered around it (SQLite: held back until it settles; PostgreSQL: row locks), then drops
   * what this store cached of the layer.
   */
  writeElsewhere<T>(layer: LayerId, write: () => Promise<T>): Promise<T>;

  // inspections and photos
  recordInspection(
    input: InspectionInput,
    inspector: string,
    plotChange: FeatureChange,
  ): Promise<InspectionResult>;
  getInspection(id: string): Promise<Inspection | null>;
  /** The inspection a client recorded with this client id (a queued photo names it so). */
  inspectionByClientId(clientId: string): Promise<Inspection | null>;
  listInspections(plotId: string): Promise<Inspection[]>;
  /**
   * The date (YYYY-MM-DD) of each inspected plot's latest inspection, by plot id (one grouped read over
   * the index on plot and date): the data table's 最近巡查 column and its filter.
   */
  lastInspections(): Promise<Map<string, string>>;
  /**
   * The file is already durable on disk when this is called; the row makes it part of the record.
   * Null, and nothing written, when the inspection already holds `limit` photos (counted in the
   * same transaction, so concurrent uploads cannot pass it together).
   */
  addPhoto(photo: PhotoRecord, actor: string, limit: number): Promise<PhotoRecord | null>;
  getPhoto(id: string): Promise<PhotoRecord | null>;
  countPhotos(inspectionId: string): Promise<number>;

  // history
  history(query: HistoryQuery): Promise<HistoryEntry[]>;
  /**
   * Every recorded change of a feature's `status` in the layer at or after `sinceAt` (an ISO instant):
   * edits, inspections and imports, oldest first (the progress report's completions).
   */
  statusChanges(layer: LayerId, sinceAt: string): Promise<StatusChange[]>;

  // settings (domain/settings.ts): the value is validated by the caller
  /** The stored setting, or null while it was never saved. */
  getSetting(key: SettingKey): Promise<StoredSetting | null>;
  /**
   * Saves `value` as the next version of the setting if `expectedVersion` is its current one (0: never
   * saved), with a history entry (entity 'setting') from the old value to the new; else nothing
   * changes but a 'conflict' entry, and the current setting is returned.
   */
  putSetting(key: SettingKey, expectedVersion: number, value: unknown, actor: string): Promise<SettingResult>;

  /** The answer kept with a user's Idempotency-Key (store/idempotency.ts), or null if none was. */
  keptReply(user: string, key: string): Promise<KeptRecord | null>;

  // users, sessions, setup
  countActiveAdmins(): Promise<number>;
  countUsers(): Promise<number>;
  getUser(username: string): Promise<UserWithHash | null>;
  listUsers(): Promise<User[]>;
  createUser(username: string, role: Role, passwordHash: string, actor: string): Promise<User | null>;
  /** Null for an unknown user; throws LastAdminError (store/accounts.ts), changing nothing, when the
   *  change would leave no active admin — checked inside the transaction that writes it. */
  updateUser(username: string, change: UserChange, actor: string): Promise<User | null>;
  createSession(tokenHash: string, username: string, expiresAt: number): Promise<void>;
  /** The user of a live session whose account is not disabled, else null. */
  sessionUser(tokenHash: string, now: number): Promise<User | null>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteUserSessions(username: string, exceptTokenHash?: string): Promise<void>;
  createSetupToken(tokenHash: string): Promise<void>;
  /** Creates the first admin with an unused setup token, in one transaction; false if refused. */
  completeSetup(tokenHash: string, username: string, passwordHash: string): Promise<User | null>;

  // import presets (the import screen's named mappings of a file's fields to a layer's properties)
  listImportPresets(layer: LayerId): Promise<ImportPreset[]>;
  /** Creates or replaces the layer's preset of that name. */
  saveImportPreset(
    layer: LayerId,
    name: string,
    mapping: ImportPreset['mapping'],
    actor: string,
  ): Promise<ImportPreset>;
  /** False when there was no such preset. */
  deleteImportPreset(layer: LayerId, name: string): Promise<boolean>;

  /** A consistent copy of the database while it serves (SQLite: the online backup API). */
  backup(destination: string): Promise<void>;
  close(): Promise<void>;
}
