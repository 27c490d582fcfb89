// The PostgreSQL/PostGIS schema, as numbered migrations applied in order, each in one transaction
// with its number recorded in schema_migrations. Several app servers may start at once against one
// database: an advisory lock makes them apply each migration once. Appended, never edited once released.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';

const MIGRATIONS: readonly string[] = [
  `
  CREATE EXTENSION IF NOT EXISTS postgis;

  CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL);

  -- geojson is the geometry exactly as validated and served (positions, precision, a third number);
  -- geometry is derived from it (CGCS2000, 2D) for the spatial index, ST_AsMVT, Martin or pg_tileserv.
  CREATE TABLE features (
    layer text NOT NULL,
    id text NOT NULL,
    ord bigint GENERATED ALWAYS AS IDENTITY,
    version integer NOT NULL CHECK (version >= 1),
    properties jsonb NOT NULL,
    geojson jsonb,
    geometry geometry(Geometry, 4490)
      GENERATED ALWAYS AS (ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4490))) STORED,
    updated_at text NOT NULL,
    updated_by text NOT NULL,
    PRIMARY KEY (layer, id)
  );
  CREATE INDEX features_order ON features (layer, ord);
  CREATE INDEX features_geometry ON features USING gist (geometry);

  -- Bumped in the same transaction as any change to a layer's features: the layer's ETag.
  CREATE TABLE layer_revisions (
    layer text PRIMARY KEY,
    revision bigint NOT NULL,
    seeded boolean NOT NULL DEFAULT false
  );

  CREATE TABLE inspections (
    id text PRIMARY KEY,
    plot_id text NOT NULL,
    date text NOT NULL,
    inspector text NOT NULL,
    findings text NOT NULL,
    status text NOT NULL,
    mode text,
    notes text,
    client_id text UNIQUE,
    created_at text NOT NULL,
    plot_version integer NOT NULL
  );
  CREATE INDEX inspections_plot ON inspections (plot_id, date);

  CREATE TABLE photos (
    id text PRIMARY KEY,
    inspection_id text NOT NULL REFERENCES inspections (id),
    file_name text NOT NULL,
    content_type text NOT NULL,
    size_bytes integer NOT NULL,
    sha256 text NOT NULL,
    original_name text,
    uploaded_by text NOT NULL,
    uploaded_at text NOT NULL
  );
  CREATE INDEX photos_inspection ON photos (inspection_id);

  CREATE TABLE history (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at text NOT NULL,
    actor text NOT NULL,
    entity text NOT NULL,
    layer text,
    entity_id text NOT NULL,
    action text NOT NULL,
    version_before integer,
    version_after integer,
    before jsonb,
    after jsonb,
    note text
  );
  CREATE INDEX history_entity ON history (entity, layer, entity_id, seq);
  -- History is never rewritten: the database itself refuses, whatever code asks (an INSERT … ON
  -- CONFLICT DO UPDATE is an UPDATE; seq is GENERATED ALWAYS, so no insert names a taken one).
  CREATE FUNCTION history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'history is append-only'; END $$;
  CREATE TRIGGER history_no_update BEFORE UPDATE OR DELETE ON history
    FOR EACH ROW EXECUTE FUNCTION history_append_only();
  CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history
    FOR EACH STATEMENT EXECUTE FUNCTION history_append_only();

  -- name_key: the canonical name (NFKC + case folding, auth/username.ts): one account per name.
  CREATE TABLE users (
    username text PRIMARY KEY,
    name_key text NOT NULL UNIQUE,
    role text NOT NULL CHECK (role IN ('viewer', 'inspector', 'planner', 'admin')),
    password_hash text NOT NULL,
    disabled boolean NOT NULL DEFAULT false,
    created_at text NOT NULL,
    updated_at text NOT NULL
  );

  -- Sessions live here, not in a server's memory: every app server sharing the database knows them.
  CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    username text NOT NULL REFERENCES users (username),
    created_at bigint NOT NULL,
    expires_at bigint NOT NULL
  );
  CREATE INDEX sessions_user ON sessions (username);
  CREATE INDEX sessions_expiry ON sessions (expires_at);

  CREATE TABLE setup_tokens (token_hash text PRIMARY KEY, created_at text NOT NULL, used_at text);
  `,
  // 2: an import's per-feature diffs name the import's entry (history.ts importDiffEntry), which lists them.
  `
  ALTER TABLE history ADD COLUMN import_seq bigint;
  CREATE INDEX history_import ON history (import_seq, seq) WHERE import_seq IS NOT NULL;
  `,
  // 3: per-feature changes by layer revision (layerChanges: the tile index and the snapshot follow an
  // edit feature by feature), and what ST_AsMVT reads (tiles cut by the database).
  `
  -- Each feature's last change: the layer revision it was written or deleted at. A trigger fills it
  -- from every statement that writes features, whoever runs it; it locks the layer's revision row
  -- first, so the revision recorded is the one the transaction's own bump commits (or a later one).
  CREATE TABLE feature_changes (
    layer text NOT NULL,
    id text NOT NULL,
    revision bigint NOT NULL,
    PRIMARY KEY (layer, id)
  );
  CREATE INDEX feature_changes_revision ON feature_changes (layer, revision);
  -- Changes from this revision on are all in feature_changes (those before this migration are not).
  ALTER TABLE layer_revisions ADD COLUMN changes_from bigint NOT NULL DEFAULT 0;
  UPDATE layer_revisions SET changes_from = revision;

  CREATE FUNCTION features_note_changes() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      changed_layer text;
      current bigint;
    BEGIN
      FOR changed_layer IN SELECT DISTINCT layer FROM changed LOOP
        INSERT INTO layer_revisions (layer, revision) VALUES (changed_layer, 0) ON CONFLICT (layer) DO NOTHING;
        SELECT revision INTO current FROM layer_revisions WHERE layer = changed_layer FOR UPDATE;
        INSERT INTO feature_changes (layer, id, revision)
          SELECT layer, id, current + 1 FROM changed WHERE layer = changed_layer
          ON CONFLICT (layer, id) DO UPDATE SET revision = excluded.revision;
      END LOOP;
      RETURN NULL;
    END $$;
  CREATE TRIGGER features_inserted AFTER INSERT ON features REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION features_note_changes();
  CREATE TRIGGER features_updated AFTER UPDATE ON features REFERENCING NEW TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION features_note_changes();
  CREATE TRIGGER features_deleted AFTER DELETE ON features REFERENCING OLD TABLE AS changed
    FOR EACH STATEMENT EXECUTE FUNCTION features_note_changes();

  -- The deepest zoom at which a polygon (Web Mercator, EPSG:3857) is a dot, -1 for never: the rule
  -- of tile-index.ts (dotUntil) — under 2 px of a 512-px tile across, or its largest outer ring under
  -- twice the area geojson-vt drops (3² tile units of 4096) — in the unit square (metres / 2πR).
  CREATE FUNCTION atlas_dot_until(g geometry) RETURNS smallint LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT (CASE WHEN n = 0 THEN -1 ELSE least(16, greatest(-1, ceil(greatest(
      CASE WHEN s > 0 THEN ln(2 / (s * 512)) / ln(2) ELSE 'Infinity'::float8 END,
      CASE WHEN a > 0 THEN ln(sqrt(18 / a) / 4096) / ln(2) ELSE 'Infinity'::float8 END)) - 1)) END)::smallint
    FROM (
      SELECT count(*) AS n,
        greatest(max(ST_XMax(ring)) - min(ST_XMin(ring)), max(ST_YMax(ring)) - min(ST_YMin(ring)))
          / 40075016.685578488 AS s,
        max(abs(ST_Area(ST_MakePolygon(ring)))) / (40075016.685578488 ^ 2) AS a
      FROM (SELECT ST_ExteriorRing((ST_Dump(g)).geom) AS ring) AS rings
      WHERE GeometryType(g) IN ('POLYGON', 'MULTIPOLYGON') AND ring IS NOT NULL AND ST_NPoints(ring) >= 4
    ) AS m
  $$;

  -- The geometry in Web Mercator for ST_AsMVTGeom (indexed: a tile's envelope finds its features),
  -- and the zoom up to which it is drawn as a dot.
  ALTER TABLE features
    ADD COLUMN mercator geometry(Geometry, 3857)
      GENERATED ALWAYS AS (ST_Transform(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4490)), 3857)) STORED,
    ADD COLUMN dot_until smallint
      GENERATED ALWAYS AS (coalesce(atlas_dot_until(
        ST_Transform(ST_Force2D(ST_SetSRID(ST_GeomFromGeoJSON(geojson), 4490)), 3857)), -1)) STORED;
  CREATE INDEX features_mercator ON features USING gist (mercator);
  `,
  // 4: Idempotency-Key of writes (store/idempotency.ts): kept in the write's own transaction, one per
  // user and key (the primary key makes a concurrent request with the same key wait for the first and
  // then see its row), with the answer the write got for a retry to get again.
  `
  CREATE TABLE idempotency_keys (
    username text NOT NULL,
    key text NOT NULL,
    route text NOT NULL,
    fingerprint text NOT NULL,
    status integer NOT NULL,
    body text NOT NULL,
    created_at text NOT NULL,
    PRIMARY KEY (username, key)
  );
  `,
  // 5: where the inspector stood (wire.ts inspectionPosition) and why it was saved without proof of presence.
  `
  ALTER TABLE inspections
    ADD COLUMN position_lon double precision,
    ADD COLUMN position_lat double precision,
    ADD COLUMN position_accuracy double precision,
    ADD COLUMN position_time text,
    ADD COLUMN position_note text;
  `,
  // 6: settings an administrator keeps (domain/settings.ts: the identification rules, the 工期倒排
  // durations), one row per key with its version; every save is in history (entity 'setting').
  `
  CREATE TABLE settings (
    key text PRIMARY KEY,
    version integer NOT NULL CHECK (version >= 1),
    value jsonb NOT NULL,
    updated_at text NOT NULL,
    updated_by text NOT NULL
  );
  `,
  // 7: the progress report reads a layer's feature changes since a time (Store.statusChanges).
  `
  CREATE INDEX history_feature_at ON history (layer, at) WHERE entity = 'feature';
  `,
  // 8: the import screen's presets: a named mapping of a file's fields to a layer's properties
  // (wire.ts importPresetMapping), one per layer and name.
  `
  CREATE TABLE import_presets (
    layer text NOT NULL,
    name text NOT NULL,
    mapping jsonb NOT NULL,
    updated_by text NOT NULL,
    updated_at text NOT NULL,
    PRIMARY KEY (layer, name)
  );
  `,
];

/** Brings the schema up to date (creating it in an empty database). */
export async function migratePostgres(client: pg.ClientBase): Promise<void> {
  // One server at a time; the others then find the migrations applied.
  await client.query('SELECT pg_advisory_lock(4490)');
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM schema_migrations',
    );
    const current = rows[0]?.version ?? 0;
    if (current > MIGRATIONS.length) {
      throw new Error(
        `The database was written by a newer Land Atlas (schema ${current}, this one knows ${MIGRATIONS.length}).`,
      );
    }
    for (let index = current; index < MIGRATIONS.length; index++) {
      await client.query('BEGIN');
      try {
        await client.query(MIGRATIONS[index] as string);
        if (index === 0)
          await client.query("INSERT INTO meta (key, value) VALUES ('database_id', $1)", [randomUUID()]);
        await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [index + 1]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(4490)');
  }
}
