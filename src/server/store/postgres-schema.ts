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
