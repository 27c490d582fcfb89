// The PostgreSQL + PostGIS store (chosen by DATABASE_URL in main.ts): the same contract as the
// SQLite store (types.ts), through a `pg` Pool. Every write is one transaction whose promise resolves
// after COMMIT (PostgreSQL's fsync=on and synchronous_commit=on make that durable; its own group
// commit shares the fsyncs). A versioned change locks the feature's row (SELECT … FOR UPDATE) before
// comparing versions, so of any number of clients naming one version exactly one wins; the others
// see the new row once the winner commits and get the conflict, recorded in history as in SQLite.
// History entries are built by the same functions as SQLite's (history.ts) and written in the same
// transaction; triggers refuse any UPDATE, DELETE or TRUNCATE of them (postgres-schema.ts).
import { randomUUID } from 'node:crypto';
import type { Geometry } from 'geojson';
import pg from 'pg';
import type { LayerId } from '../../domain/layers.ts';
import type { SettingKey } from '../../domain/settings.ts';
import type { ImportPreset, Role } from '../../domain/wire.ts';
import type { StatusChange } from '../../geo/progress-report.ts';
import { canonicalUsername } from '../auth/username.ts';
import { DENSITY, DENSITY_CELL, DERIVED_PROPERTIES_SQL, TILE_PROPERTIES } from '../tiles/tile-properties.ts';
import { LastAdminError, publicUser, toUser, type UserRow } from './accounts.ts';
import type { Box } from './extent.ts';
import {
  conflictEntry,
  featureEntry,
  type HistoryRow,
  inspectionEntry,
  type NewHistoryEntry,
  photoEntry,
  STATUS_ACTIONS_SQL,
  toHistoryEntry,
  userEntry,
} from './history.ts';
import {
  type KeptRecord,
  KeyAlreadyUsed,
  type KeyedWrite,
  type KeyRow,
  keyedWrite,
  toKeptRecord,
} from './idempotency.ts';
import { type ImportMode, planImport } from './import-plan.ts';
import { toPreset } from './import-presets.ts';
import { type InspectionRow, type PhotoRow, positionColumns, toInspection, toPhoto } from './inspections.ts';
import { migratePostgres } from './postgres-schema.ts';
import { FeatureTextsSnapshot, nextFeature, plotAfterInspection } from './rows.ts';
import {
  type SettingRow,
  settingConflictEntry,
  settingEntry,
  toStoredSetting,
  unsavedSetting,
} from './settings.ts';
import type {
  FeatureChange,
  FeatureContent,
  FeaturesInBox,
  HistoryEntry,
  HistoryQuery,
  ImportedFeature,
  ImportResult,
  Inspection,
  InspectionInput,
  InspectionResult,
  LayerChanges,
  LayerSnapshot,
  PhotoRecord,
  Properties,
  SettingResult,
  Store,
  StoredFeature,
  StoredSetting,
  StoreTile,
  UpdateResult,
  User,
  UserChange,
  UserWithHash,
} from './types.ts';
import { MAX_LAYER_CHANGES } from './types.ts';

type Client = pg.PoolClient;

/** Rows per statement when an import writes many features. */
const BATCH = 2000;

// bigint (identity columns, counts) as a number: every one here stays far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === 20 ? Number : pg.types.getTypeParser(oid, format ?? 'text')) as typeof pg.types.getTypeParser,
};

interface FeatureRow {
  layer: string;
  id: string;
  version: number;
  properties: Properties;
  geojson: Geometry | null;
  updated_at: string;
  updated_by: string;
}

const FEATURE_COLUMNS = 'layer, id, version, properties, geojson, updated_at, updated_by';

function toFeature(row: FeatureRow): StoredFeature {
  return {
    layer: row.layer as LayerId,
    id: row.id,
    version: row.version,
    properties: row.properties,
    geometry: row.geojson,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** A feature row of alias `f` as the GeoJSON text of a snapshot (null when there is no row). */
const FEATURE_TEXT = `CASE WHEN f.id IS NULL THEN NULL ELSE json_build_object('type', 'Feature', 'id', f.id,
  'properties', f.properties || jsonb_build_object('version', f.version), 'geometry', f.geojson)::text END`;

/** Each feature's text and place in list order (`ord`), kept per layer at the revision it is valid for. */
interface LayerTexts {
  revision: string;
  texts: Map<string, { ord: number; text: string }>;
  maxOrd: number;
}

/** A layer's changes as read in a transaction: the rows changed (text null: deleted), in `ord` order. */
type ChangedRows = { revision: string; rows: { id: string; ord: number | null; text: string | null }[] };

/**
 * The SQL of a tile: two layers, `$1` (features from the zoom at which they are more than a dot) and
 * `$1-points` (the bounding-box centre of each polygon still a dot at this zoom, atlas_dot_until in
 * postgres-schema.ts), with the properties named in `$5` that are strings, numbers or booleans, and
 * an id written as a whole number also as the MVT feature id, in list order — what tile-index.ts cuts
 * from a snapshot (rings may start at another vertex: ST_AsMVTGeom's clipping chooses). The dots are
 * a density layer as tile-index.ts makes it (DENSITY in tile-properties.ts): dots in one cell of `$8`
 * tile units alike in the properties `$6` are one point at their mean position (rounded half up), with
 * those properties, the most common value of each of `$7` (ties: the first in code order), the
 * earliest of each date of `$9` and `count`. The properties derived for the tiles (a project's due
 * dates, tile-properties.ts DERIVED_PROPERTIES_SQL) are merged over the stored ones first.
 */
const TILE_SQL = `
  WITH bounds AS (
    SELECT ST_TileEnvelope($2, $3, $4) AS tile, ST_TileEnvelope($2, $3, $4, margin => 64.0 / 4096) AS grown
  ), picked AS (
    SELECT f.mercator, f.dot_until, f.ord,
      CASE WHEN f.id ~ '^(0|[1-9][0-9]{0,15})$' AND f.id::numeric <= 9007199254740991 THEN f.id::bigint END AS fid,
      (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(f.properties || ${DERIVED_PROPERTIES_SQL}) AS e
        WHERE e.key = ANY($5::text[]) AND jsonb_typeof(e.value) IN ('string', 'number', 'boolean')) AS properties
    FROM features f, bounds WHERE f.layer = $1 AND f.mercator && bounds.grown
    ORDER BY f.ord
  ), shapes AS (
    SELECT ST_AsMVTGeom(p.mercator, bounds.tile, 4096, 64, true) AS geom, p.fid, p.properties
    FROM picked p, bounds WHERE p.dot_until < $2
  ), dots AS (
    SELECT ST_AsMVTGeom(ST_SetSRID(ST_MakePoint((ST_XMin(p.mercator) + ST_XMax(p.mercator)) / 2,
        (ST_YMin(p.mercator) + ST_YMax(p.mercator)) / 2), 3857), bounds.tile, 4096, 64, true) AS geom,
      p.fid, p.properties, p.ord
    FROM picked p, bounds WHERE p.dot_until >= $2
  ), cells AS (
    SELECT d.*, ST_X(d.geom)::bigint AS x, ST_Y(d.geom)::bigint AS y,
      floor(ST_X(d.geom) / $8) AS cx, floor(ST_Y(d.geom) / $8) AS cy,
      COALESCE((SELECT jsonb_agg(d.properties -> u.name ORDER BY u.i)
        FROM unnest($6::text[]) WITH ORDINALITY AS u(name, i)), '[]'::jsonb) AS alike
    FROM dots d WHERE d.geom IS NOT NULL
  ), groups AS (
    SELECT cx, cy, alike, count(*) AS n, min(ord) AS ord,
      (array_agg(geom ORDER BY ord))[1] AS geom, (array_agg(fid ORDER BY ord))[1] AS fid,
      (array_agg(properties ORDER BY ord))[1] AS properties,
      floor(avg(x) + 0.5) AS mx, floor(avg(y) + 0.5) AS my
    FROM cells GROUP BY cx, cy, alike
  ), tally AS (
    SELECT c.cx, c.cy, c.alike, u.name, c.properties -> u.name AS value,
      c.properties ->> u.name AS text, count(*) AS n
    FROM cells c CROSS JOIN unnest($7::text[]) AS u(name)
    WHERE c.properties ? u.name
    GROUP BY 1, 2, 3, 4, 5, 6
  ), mostly AS (
    SELECT DISTINCT ON (cx, cy, alike, name) cx, cy, alike, name, value
    FROM tally ORDER BY cx, cy, alike, name, n DESC, text COLLATE "C"
  ), earliest AS (
    SELECT c.cx, c.cy, c.alike, u.name, min(c.properties ->> u.name COLLATE "C") AS value
    FROM cells c CROSS JOIN unnest($9::text[]) AS u(name)
    WHERE jsonb_typeof(c.properties -> u.name) = 'string'
    GROUP BY 1, 2, 3, 4
  ), mostly_of AS (
    SELECT cx, cy, alike, jsonb_object_agg(name, value) AS props FROM (
      SELECT cx, cy, alike, name, value FROM mostly
      UNION ALL SELECT cx, cy, alike, name, to_jsonb(value) FROM earliest) AS kept
    GROUP BY cx, cy, alike
  ), points AS (
    SELECT g.ord,
      CASE WHEN g.n = 1 THEN g.geom ELSE ST_MakePoint(g.mx::float8, g.my::float8) END AS geom,
      CASE WHEN g.n = 1 THEN g.fid END AS fid,
      CASE WHEN g.n = 1 THEN g.properties ELSE
        COALESCE((SELECT jsonb_object_agg(a.name, g.properties -> a.name) FROM unnest($6::text[]) AS a(name)
          WHERE g.properties ? a.name), '{}'::jsonb)
        || COALESCE(m.props, '{}'::jsonb)
        || jsonb_build_object('count', g.n) END AS properties
    FROM groups g LEFT JOIN mostly_of m ON m.cx = g.cx AND m.cy = g.cy AND m.alike = g.alike
  )
  SELECT (SELECT ST_AsMVT(shapes.*, $1, 4096, 'geom', 'fid') FROM shapes WHERE geom IS NOT NULL)
    || (SELECT ST_AsMVT(q.*, $1 || '-points', 4096, 'geom', 'fid')
        FROM (SELECT geom, fid, properties FROM points ORDER BY ord) AS q) AS tile`;

/** JSON with object keys sorted: jsonb keeps no key order, so contents are compared in this form. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** The UNIQUE constraint a failed statement broke, if that is why it failed. */
async function claimKey(client: Client, { claim }: KeyedWrite): Promise<void> {
  const claimed = await client.query(
    `INSERT INTO idempotency_keys (username, key, route, fingerprint, status, body, created_at)
     VALUES ($1, $2, $3, $4, 0, 'null', $5) ON CONFLICT (username, key) DO NOTHING`,
    [claim.user, claim.key, claim.route, claim.fingerprint, new Date().toISOString()],
  );
  if (claimed.rowCount !== 1) throw new KeyAlreadyUsed();
}

async function keepKey(client: Client, keyed: KeyedWrite, result: unknown): Promise<void> {
  const kept = keyed.keep(result);
  const { user, key } = keyed.claim;
  if (kept) {
    await client.query(
      'UPDATE idempotency_keys SET status = $3, body = $4 WHERE username = $1 AND key = $2',
      [user, key, kept.status, JSON.stringify(kept.body)],
    );
  } else {
    await client.query('DELETE FROM idempotency_keys WHERE username = $1 AND key = $2', [user, key]);
  }
}

function uniqueViolation(error: unknown): string | null {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' ? (e.constraint ?? '') : null;
}

export class PostgresStore implements Store {
  private readonly pool: pg.Pool;
  private readonly databaseId: string;
  private readonly snapshots = new Map<LayerId, LayerSnapshot>();
  private readonly layerTexts = new Map<LayerId, LayerTexts>();
  private closed = false;
  /** Feature rows read to (re)build snapshots: for tests to see that an edit re-reads none. */
  snapshotRowsRead = 0;
  /** Feature rows read by layerChanges and snapshots after a change: one per changed feature. */
  changeRowsRead = 0;

  /** Connects, brings the schema up to date and reads the database's id. */
  static async open(connectionString: string, poolSize = 10): Promise<PostgresStore> {
    const pool = new pg.Pool({ connectionString, max: poolSize, types });
    // An idle connection that breaks (PostgreSQL restarted) is dropped, not a crash.
    pool.on('error', () => {});
    try {
      const client = await pool.connect();
      try {
        await migratePostgres(client);
        const { rows } = await client.query<{ value: string }>(
          "SELECT value FROM meta WHERE key = 'database_id'",
        );
        return new PostgresStore(pool, rows[0]?.value ?? 'postgres', connectionString);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
  }

  readonly importTarget: Store['importTarget'];

  private constructor(pool: pg.Pool, databaseId: string, url: string) {
    this.pool = pool;
    this.databaseId = databaseId;
    this.importTarget = { kind: 'postgres', url };
  }

  /** PostgreSQL orders the worker's import and this pool's writes itself (importLayer's locks). */
  async writeElsewhere<T>(layer: LayerId, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.snapshots.delete(layer);
    }
  }

  /**
   * One transaction: committed when `work` resolves, rolled back (and rethrown) when it throws. A
   * write made with an Idempotency-Key (idempotency.ts) claims it first — the INSERT waits for a
   * concurrent transaction holding the same key, then finds its row and gives up — and keeps the
   * answer before COMMIT.
   */
  private async transaction<T>(work: (client: Client) => Promise<T>, begin = 'BEGIN'): Promise<T> {
    const keyed = begin === 'BEGIN' ? keyedWrite() : undefined;
    const client = await this.pool.connect();
    try {
      await client.query(begin);
      if (keyed) await claimKey(client, keyed);
      const result = await work(client);
      if (keyed) await keepKey(client, keyed, result);
      await client.query('COMMIT');
      client.release();
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
        client.release();
      } catch {
        client.release(true);
      }
      throw error;
    }
  }

  private async getRow(client: Client | pg.Pool, layer: string, id: string, lock: boolean) {
    const { rows } = await client.query<FeatureRow>(
      `SELECT ${FEATURE_COLUMNS} FROM features WHERE layer = $1 AND id = $2${lock ? ' FOR UPDATE' : ''}`,
      [layer, id],
    );
    return rows[0] ? toFeature(rows[0]) : null;
  }

  private async bump(client: Client, layer: string, seeded = false): Promise<void> {
    await client.query(
      `INSERT INTO layer_revisions (layer, revision, seeded) VALUES ($1, 1, $2)
       ON CONFLICT (layer) DO UPDATE SET revision = layer_revisions.revision + 1,
         seeded = layer_revisions.seeded OR excluded.seeded`,
      [layer, seeded],
    );
  }

  /** Appends the entries in order; the seq of the last. */
  private async appendHistory(client: Client, entries: NewHistoryEntry[]): Promise<number> {
    const at = new Date().toISOString();
    let last = 0;
    for (let start = 0; start < entries.length; start += BATCH) {
      const batch = entries.slice(start, start + BATCH).map((entry) => ({ ...entry, at }));
      const { rows } = await client.query<{ seq: number }>(
        `WITH added AS (
           INSERT INTO history (at, actor, entity, layer, entity_id, action, version_before, version_after, before, after, note, import_seq)
           SELECT e->>'at', e->>'actor', e->>'entity', e->>'layer', e->>'entityId', e->>'action',
             (e->>'versionBefore')::integer, (e->>'versionAfter')::integer,
             nullif(e->'before', 'null'::jsonb), nullif(e->'after', 'null'::jsonb), e->>'note',
             (e->>'importSeq')::bigint
           FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS entries(e, n) ORDER BY n
           RETURNING seq)
         SELECT max(seq) AS seq FROM added`,
        [JSON.stringify(batch)],
      );
      last = rows[0]?.seq ?? last;
    }
    return last;
  }

  /** Inserts (with `before` null) or updates features to the given next versions. */
  private async writeFeatures(client: Client, layer: string, next: StoredFeature[], insert: boolean) {
    for (let start = 0; start < next.length; start += BATCH) {
      const batch = next.slice(start, start + BATCH).map((feature, n) => ({
        n,
        id: feature.id,
        version: feature.version,
        properties: feature.properties,
        geometry: feature.geometry,
        updated_at: feature.updatedAt,
        updated_by: feature.updatedBy,
      }));
      const records = `jsonb_to_recordset($2::jsonb) AS r(n integer, id text, version integer, properties jsonb,
        geometry jsonb, updated_at text, updated_by text)`;
      const result = insert
        ? await client.query(
            `INSERT INTO features (layer, id, version, properties, geojson, updated_at, updated_by)
             SELECT $1, r.id, r.version, r.properties, r.geometry, r.updated_at, r.updated_by
             FROM ${records} ORDER BY r.n`,
            [layer, JSON.stringify(batch)],
          )
        : await client.query(
            `UPDATE features f SET version = r.version, properties = r.properties, geojson = r.geometry,
               updated_at = r.updated_at, updated_by = r.updated_by
             FROM ${records} WHERE f.layer = $1 AND f.id = r.id AND f.version = r.version - 1`,
            [layer, JSON.stringify(batch)],
          );
      if (result.rowCount !== batch.length)
        throw new Error(`features of ${layer} changed under a transaction`);
    }
  }

  // layers and features

  async layerRevision(layer: LayerId): Promise<string> {
    const { rows } = await this.pool.query<{ revision: number }>(
      'SELECT revision FROM layer_revisions WHERE layer = $1',
      [layer],
    );
    return `${this.databaseId}-${rows[0]?.revision ?? 0}`;
  }

  async layerCount(layer: LayerId): Promise<{ revision: string; count: number }> {
    // One statement: one snapshot of the database, so count and revision agree.
    const { rows } = await this.pool.query<{ revision: number | null; n: string }>(
      `SELECT (SELECT revision FROM layer_revisions WHERE layer = $1) AS revision,
              (SELECT count(*) FROM features WHERE layer = $1) AS n`,
      [layer],
    );
    return { revision: `${this.databaseId}-${rows[0]?.revision ?? 0}`, count: Number(rows[0]?.n ?? 0) };
  }

  async layerSnapshot(layer: LayerId): Promise<LayerSnapshot> {
    // Revision and rows from one snapshot of the database, so the two agree.
    return this.transaction(async (client) => {
      const revision = await this.revisionIn(client, layer);
      const cached = this.snapshots.get(layer);
      if (cached && cached.revision === revision.text) return cached;
      const texts =
        (await this.followTexts(client, layer)) ?? (await this.readTexts(client, layer, revision.text));
      const snapshot = new FeatureTextsSnapshot(
        revision.text,
        Array.from(texts.texts.values(), (feature) => feature.text),
      );
      this.snapshots.set(layer, snapshot);
      return snapshot;
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  private async revisionIn(client: Client, layer: LayerId) {
    const { rows } = await client.query<{ revision: number; changes_from: number }>(
      'SELECT revision, changes_from FROM layer_revisions WHERE layer = $1',
      [layer],
    );
    const number = rows[0]?.revision ?? 0;
    return { number, from: rows[0]?.changes_from ?? 0, text: `${this.databaseId}-${number}` };
  }

  /** Every feature's text, read from the rows (the first snapshot, or when changes cannot be followed). */
  private async readTexts(client: Client, layer: LayerId, revision: string): Promise<LayerTexts> {
    this.layerTexts.delete(layer);
    const { rows } = await client.query<{ id: string; ord: number; text: string }>(
      `SELECT f.id, f.ord, ${FEATURE_TEXT} AS text FROM features f WHERE f.layer = $1 ORDER BY f.ord`,
      [layer],
    );
    this.snapshotRowsRead += rows.length;
    const texts: LayerTexts = {
      revision,
      texts: new Map(rows.map((row) => [row.id, { ord: row.ord, text: row.text }])),
      maxOrd: rows.reduce((max, row) => Math.max(max, row.ord), 0),
    };
    this.layerTexts.set(layer, texts);
    return texts;
  }

  /**
   * The kept texts brought to the transaction's revision by the rows changed since (list order kept:
   * a changed feature keeps its place, a new one goes last), or null when they cannot be: none kept,
   * the changes unknown, or a new row placed before one already kept (identities committed out of order).
   */
  private async followTexts(client: Client, layer: LayerId): Promise<LayerTexts | null> {
    const kept = this.layerTexts.get(layer);
    if (!kept) return null;
    const changes = await this.changedRows(client, layer, kept.revision);
    if (!changes) return null;
    this.layerTexts.delete(layer);
    for (const row of changes.rows) {
      const before = kept.texts.get(row.id);
      if (row.text === null || row.ord === null) {
        kept.texts.delete(row.id);
      } else if (before && before.ord === row.ord) {
        before.text = row.text;
      } else {
        if (before) kept.texts.delete(row.id);
        if (row.ord < kept.maxOrd) return null;
        kept.texts.set(row.id, { ord: row.ord, text: row.text });
        kept.maxOrd = row.ord;
      }
    }
    kept.revision = changes.revision;
    this.layerTexts.set(layer, kept);
    return kept;
  }

  /** The rows changed since `sinceRevision`, read in `client`'s transaction; null when unknown. */
  private async changedRows(
    client: Client,
    layer: LayerId,
    sinceRevision: string,
  ): Promise<ChangedRows | null> {
    const prefix = `${this.databaseId}-`;
    if (!sinceRevision.startsWith(prefix)) return null;
    const since = Number(sinceRevision.slice(prefix.length));
    if (!Number.isSafeInteger(since)) return null;
    const revision = await this.revisionIn(client, layer);
    if (since === revision.number) return { revision: revision.text, rows: [] };
    if (since > revision.number || since < revision.from) return null;
    const counted = await client.query<{ n: number }>(
      'SELECT count(*) AS n FROM feature_changes WHERE layer = $1 AND revision > $2',
      [layer, since],
    );
    if ((counted.rows[0]?.n ?? 0) > MAX_LAYER_CHANGES) return null;
    const { rows } = await client.query<{ id: string; ord: number | null; text: string | null }>(
      `SELECT c.id, f.ord, ${FEATURE_TEXT} AS text
       FROM feature_changes c LEFT JOIN features f ON f.layer = c.layer AND f.id = c.id
       WHERE c.layer = $1 AND c.revision > $2 ORDER BY f.ord NULLS LAST, c.id`,
      [layer, since],
    );
    this.changeRowsRead += rows.filter((row) => row.text !== null).length;
    return { revision: revision.text, rows };
  }

  async layerChanges(layer: LayerId, sinceRevision: string): Promise<LayerChanges | null> {
    return this.transaction(async (client) => {
      const changes = await this.changedRows(client, layer, sinceRevision);
      if (!changes) return null;
      const put: string[] = [];
      const removed: string[] = [];
      for (const row of changes.rows) {
        if (row.text === null) removed.push(row.id);
        else put.push(row.text);
      }
      return { revision: changes.revision, put, removed };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  /** The tile cut by PostGIS (ST_AsMVT), with the revision it was cut at, read together. */
  async tile(layer: LayerId, z: number, x: number, y: number): Promise<StoreTile> {
    return this.transaction(async (client) => {
      const revision = await this.revisionIn(client, layer);
      const { rows } = await client.query<{ tile: Buffer | null }>(TILE_SQL, [
        layer,
        z,
        x,
        y,
        TILE_PROPERTIES[layer],
        DENSITY[layer].alike,
        DENSITY[layer].mostly,
        DENSITY_CELL,
        DENSITY[layer].earliest,
      ]);
      const tile = rows[0]?.tile;
      return {
        revision: revision.text,
        tile: tile && tile.length > 0 ? new Uint8Array(tile.buffer, tile.byteOffset, tile.length) : null,
      };
    }, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }

  async listFeatures(layer: LayerId): Promise<StoredFeature[]> {
    const { rows } = await this.pool.query<FeatureRow>(
      `SELECT ${FEATURE_COLUMNS} FROM features WHERE layer = $1 ORDER BY ord`,
      [layer],
    );
    return rows.map(toFeature);
  }

  async getFeature(layer: LayerId, id: string): Promise<StoredFeature | null> {
    return this.getRow(this.pool, layer, id, false);
  }

  async featuresInBox(layer: LayerId, box: Box, limit: number): Promise<FeaturesInBox> {
    // && finds the candidates through the GiST index (float boxes, rounded outwards); the box3d of each
    // is exact (doubles), so the answer is the features whose own box meets the box, as in SQLite.
    const { rows } = await this.pool.query<FeatureRow>(
      `SELECT ${FEATURE_COLUMNS} FROM features
       WHERE layer = $1 AND geometry && ST_MakeEnvelope($2, $3, $4, $5, 4490)
         AND ST_XMax(geometry::box3d) >= $2 AND ST_XMin(geometry::box3d) <= $4
         AND ST_YMax(geometry::box3d) >= $3 AND ST_YMin(geometry::box3d) <= $5
       LIMIT $6`,
      [layer, box[0], box[1], box[2], box[3], limit + 1],
    );
    const features = rows.slice(0, limit).map(toFeature);
    return { features, truncated: rows.length > limit };
  }

  async isSeeded(layer: LayerId): Promise<boolean> {
    const { rows } = await this.pool.query<{ seeded: boolean }>(
      'SELECT seeded FROM layer_revisions WHERE layer = $1',
      [layer],
    );
    return rows[0]?.seeded ?? false;
  }

  async createFeature(layer: LayerId, content: FeatureContent, actor: string): Promise<StoredFeature | null> {
    return this.transaction(async (client) => {
      const feature = nextFeature(layer, content, 1, actor);
      const inserted = await client.query(
        `INSERT INTO features (layer, id, version, properties, geojson, updated_at, updated_by)
         VALUES ($1, $2, 1, $3, $4, $5, $6) ON CONFLICT (layer, id) DO NOTHING`,
        [
          layer,
          feature.id,
          JSON.stringify(feature.properties),
          feature.geometry ? JSON.stringify(feature.geometry) : null,
          feature.updatedAt,
          actor,
        ],
      );
      if (inserted.rowCount !== 1) return null;
      await this.bump(client, layer);
      await this.appendHistory(client, [featureEntry(actor, 'create', null, feature)]);
      return feature;
    });
  }

  /**
   * A change of one feature at the version the client named: its row locked, a conflict recorded
   * (with `attempt`) when the version has moved on, else `apply` writes and returns the result.
   */
  private versioned(
    layer: LayerId,
    id: string,
    expectedVersion: number,
    actor: string,
    attempt: unknown,
    note: string,
    apply: (client: Client, current: StoredFeature) => Promise<StoredFeature>,
  ): Promise<UpdateResult> {
    return this.transaction(async (client): Promise<UpdateResult> => {
      const current = await this.getRow(client, layer, id, true);
      if (!current) return { ok: false, reason: 'not-found' };
      if (current.version !== expectedVersion) {
        await this.appendHistory(client, [conflictEntry(actor, current, expectedVersion, attempt, note)]);
        return { ok: false, reason: 'conflict', current };
      }
      return { ok: true, feature: await apply(client, current) };
    });
  }

  async updateFeature(
    layer: LayerId,
    id: string,
    expectedVersion: number,
    change: FeatureChange,
    actor: string,
    attempt?: unknown,
  ): Promise<UpdateResult> {
    return this.versioned(
      layer,
      id,
      expectedVersion,
      actor,
      attempt ?? null,
      'update',
      async (client, current) => {
        const feature = nextFeature(layer, change(current), current.version + 1, actor);
        await this.writeFeatures(client, layer, [feature], false);
        await this.bump(client, layer);
        await this.appendHistory(client, [featureEntry(actor, 'update', current, feature)]);
        return feature;
      },
    );
  }

  async deleteFeature(
    layer: LayerId,
    id: string,
    expectedVersion: number,
    actor: string,
  ): Promise<UpdateResult> {
    return this.versioned(
      layer,
      id,
      expectedVersion,
      actor,
      { delete: true },
      'delete',
      async (client, current) => {
        await client.query('DELETE FROM features WHERE layer = $1 AND id = $2', [layer, id]);
        await this.bump(client, layer);
        await this.appendHistory(client, [featureEntry(actor, 'delete', current, null)]);
        return current;
      },
    );
  }

  async importLayer(
    layer: LayerId,
    features: ImportedFeature[],
    mode: ImportMode,
    actor: string,
    onConflict: 'refuse' | 'overwrite' = 'refuse',
  ): Promise<ImportResult> {
    return this.transaction(async (client): Promise<ImportResult> => {
      // One import of a layer at a time: a second one reads the layer after the first committed
      // (its rows, its inserts too), not a snapshot from before.
      await client.query("SELECT pg_advisory_xact_lock(hashtext('atlas-import:' || $1))", [layer]);
      // Every feature of the layer locked, in one order (no deadlock between two imports): nothing
      // changes between the comparison and the write.
      const { rows } = await client.query<FeatureRow>(
        `SELECT ${FEATURE_COLUMNS} FROM features WHERE layer = $1 ORDER BY ord FOR UPDATE`,
        [layer],
      );
      const plan = planImport(
        { layer, features, mode, actor, onConflict },
        new Map(rows.map((row) => [row.id, toFeature(row)])),
        (current) => current,
        (current, content) =>
          canonicalJson(current.properties) === canonicalJson(content.properties) &&
          canonicalJson(current.geometry) === canonicalJson(content.geometry),
      );
      if (!plan.ok) {
        await this.appendHistory(client, [plan.refusal]);
        return { ok: false, conflicts: plan.conflicts };
      }
      await this.writeFeatures(client, layer, plan.inserts, true);
      await this.writeFeatures(
        client,
        layer,
        plan.updates.map((update) => update.feature),
        false,
      );
      for (let start = 0; start < plan.deletes.length; start += BATCH) {
        await client.query('DELETE FROM features WHERE layer = $1 AND id = ANY($2::text[])', [
          layer,
          plan.deletes.slice(start, start + BATCH),
        ]);
      }
      await this.bump(client, layer, mode === 'seed');
      const historySeq = await this.appendHistory(client, [plan.entry]);
      await this.appendHistory(
        client,
        plan.diffs.map((diff) => ({ ...diff, importSeq: historySeq })),
      );
      return { ok: true, summary: plan.summary, overwrote: plan.conflicts, historySeq };
    });
  }

  // inspections and photos

  private async toInspection(client: Client | pg.Pool, row: InspectionRow): Promise<Inspection> {
    const { rows } = await client.query<PhotoRow>(
      'SELECT * FROM photos WHERE inspection_id = $1 ORDER BY uploaded_at',
      [row.id],
    );
    return toInspection(row, rows);
  }

  async recordInspection(
    input: InspectionInput,
    inspector: string,
    plotChange: FeatureChange,
  ): Promise<InspectionResult> {
    try {
      return await this.recordInspectionOnce(input, inspector, plotChange);
    } catch (error) {
      // The same client id recorded at this moment by another transaction (of another plot: the
      // plot's row lock orders those of one plot): answer as a retry would, with the first.
      if (uniqueViolation(error) !== 'inspections_client_id_key') throw error;
      return this.recordInspectionOnce(input, inspector, plotChange);
    }
  }

  private recordInspectionOnce(
    input: InspectionInput,
    inspector: string,
    plotChange: FeatureChange,
  ): Promise<InspectionResult> {
    return this.transaction(async (client): Promise<InspectionResult> => {
      const plot = await this.getRow(client, 'plots', input.plotId, true);
      if (!plot) return { ok: false, reason: 'not-found' };
      if (input.clientId) {
        // A retried upload: the first one was recorded, answer with it.
        const { rows } = await client.query<InspectionRow>('SELECT * FROM inspections WHERE client_id = $1', [
          input.clientId,
        ]);
        if (rows[0])
          return { ok: true, inspection: await this.toInspection(client, rows[0]), created: false, plot };
      }
      if (input.plotVersion !== undefined && input.plotVersion !== plot.version) {
        await this.appendHistory(client, [
          conflictEntry(inspector, plot, input.plotVersion, { inspection: input }, 'inspection'),
        ]);
        return { ok: false, reason: 'conflict', current: plot };
      }
      const now = new Date().toISOString();
      const id = randomUUID();
      const changed = plotAfterInspection(plot, plotChange, inspector, now);
      const updated = changed ?? plot;
      const entries: NewHistoryEntry[] = [];
      if (changed) {
        await this.writeFeatures(client, 'plots', [changed], false);
        await this.bump(client, 'plots');
        entries.push(featureEntry(inspector, 'inspection', plot, changed, `inspection ${id}`));
      }
      const inspection: Inspection = {
        id,
        plotId: input.plotId,
        date: input.date,
        inspector,
        findings: input.findings,
        status: input.status,
        mode: input.mode ?? null,
        notes: input.notes ?? null,
        clientId: input.clientId ?? null,
        createdAt: now,
        plotVersion: updated.version,
        position: input.position ?? null,
        positionNote: input.positionNote ?? null,
        photos: [],
      };
      const position = positionColumns(input);
      await client.query(
        `INSERT INTO inspections (id, plot_id, date, inspector, findings, status, mode, notes, client_id, created_at, plot_version,
           position_lon, position_lat, position_accuracy, position_time, position_note)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
        [
          id,
          inspection.plotId,
          inspection.date,
          inspector,
          inspection.findings,
          inspection.status,
          inspection.mode,
          inspection.notes,
          inspection.clientId,
          now,
          inspection.plotVersion,
          position.position_lon,
          position.position_lat,
          position.position_accuracy,
          position.position_time,
          position.position_note,
        ],
      );
      entries.push(inspectionEntry(inspector, inspection));
      await this.appendHistory(client, entries);
      return { ok: true, inspection, created: true, plot: updated };
    });
  }

  async inspectionByClientId(clientId: string): Promise<Inspection | null> {
    const { rows } = await this.pool.query<InspectionRow>('SELECT * FROM inspections WHERE client_id = $1', [
      clientId,
    ]);
    return rows[0] ? this.toInspection(this.pool, rows[0]) : null;
  }

  async getSetting(key: SettingKey): Promise<StoredSetting | null> {
    const { rows } = await this.pool.query<SettingRow>(
      'SELECT key, version, value, updated_at, updated_by FROM settings WHERE key = $1',
      [key],
    );
    return rows[0] ? toStoredSetting(rows[0]) : null;
  }

  /**
   * The row is locked (FOR UPDATE) before its version is compared; a first save inserts it, and of two
   * first saves at once the second finds the key taken (ON CONFLICT DO NOTHING) and is the conflict.
   */
  async putSetting(
    key: SettingKey,
    expectedVersion: number,
    value: unknown,
    actor: string,
  ): Promise<SettingResult> {
    return this.transaction(async (client): Promise<SettingResult> => {
      const read = async () => {
        const { rows } = await client.query<SettingRow>(
          'SELECT key, version, value, updated_at, updated_by FROM settings WHERE key = $1 FOR UPDATE',
          [key],
        );
        return rows[0] ? toStoredSetting(rows[0]) : null;
      };
      const refuse = async (current: StoredSetting | null): Promise<SettingResult> => {
        await this.appendHistory(client, [settingConflictEntry(actor, key, expectedVersion, current, value)]);
        return { ok: false, reason: 'conflict', current: current ?? unsavedSetting(key) };
      };
      const at = new Date().toISOString();
      const json = JSON.stringify(value);
      const current = await read();
      if ((current?.version ?? 0) !== expectedVersion) return refuse(current);
      const { rows } = current
        ? await client.query<SettingRow>(
            `UPDATE settings SET version = version + 1, value = $2::jsonb, updated_at = $3, updated_by = $4
             WHERE key = $1 RETURNING key, version, value, updated_at, updated_by`,
            [key, json, at, actor],
          )
        : await client.query<SettingRow>(
            `INSERT INTO settings (key, version, value, updated_at, updated_by) VALUES ($1, 1, $2::jsonb, $3, $4)
             ON CONFLICT (key) DO NOTHING RETURNING key, version, value, updated_at, updated_by`,
            [key, json, at, actor],
          );
      if (!rows[0]) return refuse(await read());
      const saved = toStoredSetting(rows[0]);
      await this.appendHistory(client, [settingEntry(actor, current, saved)]);
      return { ok: true, setting: saved };
    });
  }

  async keptReply(user: string, key: string): Promise<KeptRecord | null> {
    const { rows } = await this.pool.query<KeyRow>(
      'SELECT username, key, route, fingerprint, status, body FROM idempotency_keys WHERE username = $1 AND key = $2',
      [user, key],
    );
    return rows[0] ? toKeptRecord(rows[0]) : null;
  }

  async getInspection(id: string): Promise<Inspection | null> {
    const { rows } = await this.pool.query<InspectionRow>('SELECT * FROM inspections WHERE id = $1', [id]);
    return rows[0] ? this.toInspection(this.pool, rows[0]) : null;
  }

  async listInspections(plotId: string): Promise<Inspection[]> {
    const { rows } = await this.pool.query<InspectionRow>(
      'SELECT * FROM inspections WHERE plot_id = $1 ORDER BY date DESC, created_at DESC',
      [plotId],
    );
    return Promise.all(rows.map((row) => this.toInspection(this.pool, row)));
  }

  async lastInspections(): Promise<Map<string, string>> {
    const { rows } = await this.pool.query<{ plot_id: string; date: string }>(
      'SELECT plot_id, max(date) AS date FROM inspections GROUP BY plot_id',
    );
    return new Map(rows.map((row) => [row.plot_id, row.date]));
  }

  async addPhoto(photo: PhotoRecord, actor: string, limit: number): Promise<PhotoRecord | null> {
    return this.transaction(async (client) => {
      // The inspection's row lock orders concurrent uploads: each counts the ones before it.
      await client.query('SELECT 1 FROM inspections WHERE id = $1 FOR UPDATE', [photo.inspectionId]);
      const { rows } = await client.query<{ n: number }>(
        'SELECT count(*) AS n FROM photos WHERE inspection_id = $1',
        [photo.inspectionId],
      );
      if ((rows[0]?.n ?? 0) >= limit) return null;
      await client.query(
        `INSERT INTO photos (id, inspection_id, file_name, content_type, size_bytes, sha256, original_name, uploaded_by, uploaded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
        [
          photo.id,
          photo.inspectionId,
          photo.fileName,
          photo.contentType,
          photo.sizeBytes,
          photo.sha256,
          photo.originalName,
          photo.uploadedBy,
          photo.uploadedAt,
        ],
      );
      await this.appendHistory(client, [photoEntry(actor, photo)]);
      return photo;
    });
  }

  async getPhoto(id: string): Promise<PhotoRecord | null> {
    const { rows } = await this.pool.query<PhotoRow>('SELECT * FROM photos WHERE id = $1', [id]);
    return rows[0] ? toPhoto(rows[0]) : null;
  }

  async listImportPresets(layer: LayerId): Promise<ImportPreset[]> {
    const { rows } = await this.pool.query('SELECT * FROM import_presets WHERE layer = $1 ORDER BY name', [
      layer,
    ]);
    return rows.map(toPreset);
  }

  async saveImportPreset(
    layer: LayerId,
    name: string,
    mapping: ImportPreset['mapping'],
    actor: string,
  ): Promise<ImportPreset> {
    const { rows } = await this.pool.query(
      `INSERT INTO import_presets (layer, name, mapping, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (layer, name) DO UPDATE SET mapping = excluded.mapping,
         updated_by = excluded.updated_by, updated_at = excluded.updated_at
       RETURNING *`,
      [layer, name, JSON.stringify(mapping), actor, new Date().toISOString()],
    );
    return toPreset(rows[0]);
  }

  async deleteImportPreset(layer: LayerId, name: string): Promise<boolean> {
    const { rowCount } = await this.pool.query('DELETE FROM import_presets WHERE layer = $1 AND name = $2', [
      layer,
      name,
    ]);
    return (rowCount ?? 0) > 0;
  }

  async countPhotos(inspectionId: string): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      'SELECT count(*) AS n FROM photos WHERE inspection_id = $1',
      [inspectionId],
    );
    return rows[0]?.n ?? 0;
  }

  // history

  async history(query: HistoryQuery): Promise<HistoryEntry[]> {
    const where: string[] = [];
    const params: (string | number)[] = [];
    const add = (condition: string, value: string | number) => {
      params.push(value);
      where.push(condition.replace('?', `$${params.length}`));
    };
    if (query.entity) add('entity = ?', query.entity);
    if (query.layer) add('layer = ?', query.layer);
    if (query.entityId) add('entity_id = ?', query.entityId);
    if (query.importSeq !== undefined) add('import_seq = ?', query.importSeq);
    if (query.beforeSeq !== undefined) add('seq < ?', query.beforeSeq);
    params.push(query.limit);
    const { rows } = await this.pool.query<HistoryRow<unknown>>(
      `SELECT * FROM history ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map((row) => toHistoryEntry(row, (value) => value));
  }

  async statusChanges(layer: LayerId, sinceAt: string): Promise<StatusChange[]> {
    const { rows } = await this.pool.query<StatusChange>(
      `SELECT entity_id AS id, at, before->'properties'->>'status' AS "from",
              after->'properties'->>'status' AS "to"
         FROM history
        WHERE entity = 'feature' AND layer = $1 AND at >= $2 AND action IN (${STATUS_ACTIONS_SQL})
          AND after->'properties'->>'status' IS NOT NULL
          AND after->'properties'->>'status' IS DISTINCT FROM before->'properties'->>'status'
        ORDER BY seq`,
      [layer, sinceAt],
    );
    return rows;
  }

  // users, sessions, setup

  async countUsers(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>('SELECT count(*) AS n FROM users');
    return rows[0]?.n ?? 0;
  }

  async countActiveAdmins(): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      "SELECT count(*) AS n FROM users WHERE role = 'admin' AND NOT disabled",
    );
    return rows[0]?.n ?? 0;
  }

  /** By canonical name: `ÄDMIN`, `ädmin` and `Ädmin` are one account. */
  async getUser(username: string): Promise<UserWithHash | null> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users WHERE name_key = $1', [
      canonicalUsername(username),
    ]);
    return rows[0] ? toUser(rows[0]) : null;
  }

  async listUsers(): Promise<User[]> {
    const { rows } = await this.pool.query<UserRow>('SELECT * FROM users ORDER BY lower(username), username');
    return rows.map((row) => publicUser(toUser(row)));
  }

  /** Account writes one at a time (the last-admin rule and first setup read what they change). */
  private lockUsers(client: Client) {
    return client.query('LOCK TABLE users IN SHARE ROW EXCLUSIVE MODE');
  }

  private async insertUser(
    client: Client,
    username: string,
    role: Role,
    passwordHash: string,
    actor: string,
  ): Promise<User | null> {
    const now = new Date().toISOString();
    const key = canonicalUsername(username);
    // Refused (null) when the name or its canonical form is taken.
    const { rows } = await client.query<UserRow>(
      `INSERT INTO users (username, name_key, role, password_hash, disabled, created_at, updated_at)
       VALUES ($1, $2, $3, $4, false, $5, $5) ON CONFLICT DO NOTHING RETURNING *`,
      [username, key, role, passwordHash, now],
    );
    if (!rows[0]) return null;
    await this.appendHistory(client, [userEntry(actor, username, 'create', null, { role, disabled: false })]);
    return publicUser(toUser(rows[0]));
  }

  async createUser(username: string, role: Role, passwordHash: string, actor: string): Promise<User | null> {
    return this.transaction(async (client) => {
      await this.lockUsers(client);
      return this.insertUser(client, username, role, passwordHash, actor);
    });
  }

  async updateUser(username: string, change: UserChange, actor: string): Promise<User | null> {
    return this.transaction(async (client) => {
      await this.lockUsers(client);
      const { rows } = await client.query<UserRow>('SELECT * FROM users WHERE name_key = $1', [
        canonicalUsername(username),
      ]);
      if (!rows[0]) return null;
      const before = toUser(rows[0]);
      const after = {
        role: change.role ?? before.role,
        passwordHash: change.passwordHash ?? before.passwordHash,
        disabled: change.disabled ?? before.disabled,
        updatedAt: new Date().toISOString(),
      };
      // Checked under the table lock, so two concurrent changes cannot each see the other admin
      // still active and together leave none.
      const losesAdmin =
        before.role === 'admin' && !before.disabled && (after.role !== 'admin' || after.disabled);
      if (losesAdmin) {
        const admins = await client.query<{ n: number }>(
          "SELECT count(*) AS n FROM users WHERE role = 'admin' AND NOT disabled",
        );
        if ((admins.rows[0]?.n ?? 0) <= 1) throw new LastAdminError(before.username);
      }
      const updated = await client.query<UserRow>(
        `UPDATE users SET role = $2, password_hash = $3, disabled = $4, updated_at = $5
         WHERE username = $1 RETURNING *`,
        [before.username, after.role, after.passwordHash, after.disabled, after.updatedAt],
      );
      // Disabling an account or changing its password ends its sessions.
      if (change.disabled === true || change.passwordHash)
        await client.query('DELETE FROM sessions WHERE username = $1', [before.username]);
      await this.appendHistory(client, [
        userEntry(
          actor,
          before.username,
          'update',
          { role: before.role, disabled: before.disabled },
          { role: after.role, disabled: after.disabled, passwordChanged: Boolean(change.passwordHash) },
        ),
      ]);
      return publicUser(toUser(updated.rows[0] as UserRow));
    });
  }

  async createSession(tokenHash: string, username: string, expiresAt: number): Promise<void> {
    await this.transaction(async (client) => {
      await client.query('DELETE FROM sessions WHERE expires_at <= $1', [Date.now()]);
      await client.query(
        'INSERT INTO sessions (token_hash, username, created_at, expires_at) VALUES ($1, $2, $3, $4)',
        [tokenHash, username, Date.now(), expiresAt],
      );
    });
  }

  async sessionUser(tokenHash: string, now: number): Promise<User | null> {
    const { rows } = await this.pool.query<UserRow>(
      `SELECT u.* FROM sessions s JOIN users u ON u.username = s.username
       WHERE s.token_hash = $1 AND s.expires_at > $2 AND NOT u.disabled`,
      [tokenHash, now],
    );
    return rows[0] ? publicUser(toUser(rows[0])) : null;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async deleteUserSessions(username: string, exceptTokenHash = ''): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE username = $1 AND token_hash <> $2', [
      username,
      exceptTokenHash,
    ]);
  }

  async createSetupToken(tokenHash: string): Promise<void> {
    // Only the newest link works: the one this start printed.
    await this.transaction(async (client) => {
      await client.query('DELETE FROM setup_tokens WHERE used_at IS NULL');
      await client.query('INSERT INTO setup_tokens (token_hash, created_at) VALUES ($1, $2)', [
        tokenHash,
        new Date().toISOString(),
      ]);
    });
  }

  async completeSetup(tokenHash: string, username: string, passwordHash: string): Promise<User | null> {
    return this.transaction(async (client) => {
      await this.lockUsers(client);
      const { rows } = await client.query<{ n: number }>('SELECT count(*) AS n FROM users');
      if ((rows[0]?.n ?? 0) > 0) return null;
      const used = await client.query(
        'UPDATE setup_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL',
        [new Date().toISOString(), tokenHash],
      );
      if (used.rowCount !== 1) return null;
      return this.insertUser(client, username, 'admin', passwordHash, 'setup');
    });
  }

  async backup(_destination: string): Promise<void> {
    throw new Error(
      'PostgreSQL is backed up with its own tools (pg_dump, or base backups with WAL archiving): see src/server/README-storage.md',
    );
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}
