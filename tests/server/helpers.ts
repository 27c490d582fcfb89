// Test helpers: a real server over a real SQLite file in a temporary DATA_DIR — or over a fresh
// PostgreSQL database of the test cluster (support/postgres.ts) — seeded from small fixture layers
// through the real validator; users made through the store with real scrypt hashes.

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { describe, it } from 'vitest';
import type { Role } from '../../src/domain/wire.ts';
import { buildServer } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { DATABASE_FILE } from '../../src/server/config.ts';
import { PostgresStore } from '../../src/server/store/postgres.ts';
import { pngImage } from '../support/png.ts';
import { postgresDatabase, postgresRuns, postgresUnavailable } from './support/postgres.ts';

export const PASSWORD = 'correct horse battery';

export function plotFeature(index: number, overrides: Record<string, unknown> = {}) {
  const id = `HS-T-${String(index).padStart(4, '0')}`;
  const x = 112.9 + (index % 50) * 0.003;
  const y = 22.7 + Math.floor(index / 50) * 0.003;
  return {
    type: 'Feature',
    id,
    properties: {
      id,
      enterprise: `测试企业${index}`,
      town: '沙坪街道',
      landUse: '100101',
      far: 0.5,
      buildingDensity: 0.25,
      taxPerMu: 3,
      outputPerMu: 50,
      grade: 'C',
      reasons: ['low-far'],
      mode: 'self-upgrade',
      status: 'identified',
      ...overrides,
    },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, y],
          [x + 0.002, y],
          [x + 0.002, y + 0.002],
          [x, y + 0.002],
          [x, y],
        ],
      ],
    },
  };
}

export function collection(features: unknown[]) {
  return { type: 'FeatureCollection', features };
}

/** A geodata directory with `count` plots and one boundary polygon. */
export function fixtureGeodata(root: string, count = 5): string {
  const dir = join(root, 'geodata');
  mkdirSync(dir, { recursive: true });
  const plots = Array.from({ length: count }, (_, index) => plotFeature(index + 1));
  writeFileSync(join(dir, 'plots.geojson'), JSON.stringify(collection(plots), null, 1));
  const boundary = { ...plotFeature(999), id: 'heshan', properties: { id: 'heshan', name: '鹤山市' } };
  writeFileSync(join(dir, 'boundary.geojson'), JSON.stringify(collection([boundary]), null, 1));
  return dir;
}

export function tempRoot(): string {
  return mkdtempSync(join(tmpdir(), 'atlas-server-test-'));
}

/** The two stores the store-facing tests run against. */
export type StoreKind = 'sqlite' | 'postgres';
const STORE_KINDS: readonly StoreKind[] = ['sqlite', 'postgres'];

/**
 * The suite once per store: `describe.each` over SQLite and PostgreSQL, so every assertion holds for
 * both. Without PostgreSQL binaries its variant is one skipped test that says why.
 */
export function describeEachStore(title: string, body: (store: StoreKind) => void): void {
  describe.each(STORE_KINDS)(`${title} [%s]`, (store) => {
    if (store === 'postgres' && !postgresRuns()) {
      it.skip(`skipped: ${postgresUnavailable()}`, () => {});
      return;
    }
    body(store);
  });
}

export interface TestServer {
  server: FastifyInstance;
  root: string;
  dataDir: string;
  store: StoreKind;
  /** The PostgreSQL database of this server (null for SQLite). */
  databaseUrl: string | null;
  /**
   * SQL run straight on the server's database, bypassing the store (what an attacker with database
   * access could do). `?` placeholders; json/jsonb values come back as JSON text, as SQLite keeps them.
   */
  sql(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Cookie header of a fresh session of this user (created with PASSWORD by `users`). */
  login(username: string): Promise<string>;
}

export async function startServer(
  options: {
    users?: Record<string, Role>;
    root?: string;
    plots?: number;
    distDir?: string;
    store?: StoreKind;
    tileThreshold?: number;
    importUploadLimit?: number;
  } = {},
): Promise<TestServer> {
  const root = options.root ?? tempRoot();
  const dataDir = join(root, 'data');
  const store = options.store ?? 'sqlite';
  const databaseUrl = store === 'postgres' ? await postgresDatabase() : null;
  const server = await buildServer({
    distDir: options.distDir ?? null,
    dataDir,
    geodataDir: fixtureGeodata(root, options.plots),
    ...(options.importUploadLimit ? { importUploadLimit: options.importUploadLimit } : {}),
    ...(databaseUrl ? { store: await PostgresStore.open(databaseUrl) } : {}),
    ...(options.tileThreshold !== undefined ? { tileThreshold: options.tileThreshold } : {}),
  });
  const hash = await hashPassword(PASSWORD);
  for (const [username, role] of Object.entries(options.users ?? {})) {
    await server.atlas.store.createUser(username, role, hash, 'test');
  }
  return {
    server,
    root,
    dataDir,
    store,
    databaseUrl,
    sql: (text, params = []) =>
      databaseUrl
        ? postgresSql(databaseUrl, text, params)
        : sqliteSql(join(dataDir, DATABASE_FILE), text, params),
    async login(username: string) {
      const response = await server.inject({
        method: 'POST',
        url: '/api/login',
        payload: { username, password: PASSWORD },
      });
      if (response.statusCode !== 200)
        throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
      const cookie = response.cookies.find((c) => c.name === 'atlas_session');
      if (!cookie) throw new Error('no session cookie');
      return `${cookie.name}=${cookie.value}`;
    },
  };
}

async function sqliteSql(file: string, text: string, params: unknown[]) {
  const db = new Database(file);
  try {
    const statement = db.prepare(text);
    if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
    statement.run(...params);
    return [];
  } finally {
    db.close();
  }
}

async function postgresSql(url: string, text: string, params: unknown[]) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    let n = 0;
    const { rows, fields } = await client.query(
      text.replace(/\?/g, () => `$${++n}`),
      params,
    );
    const json = new Set(
      fields.filter((field) => field.dataTypeID === 114 || field.dataTypeID === 3802).map((f) => f.name),
    );
    const int8 = new Set(fields.filter((field) => field.dataTypeID === 20).map((f) => f.name));
    return rows.map((row: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(row).map(([name, value]) => [
          name,
          value === null
            ? null
            : json.has(name)
              ? JSON.stringify(value)
              : int8.has(name)
                ? Number(value)
                : value,
        ]),
      ),
    );
  } finally {
    await client.end();
  }
}

export const ALL_ROLES: Role[] = ['viewer', 'inspector', 'planner', 'admin'];

/** One user per role, named after it. */
export const ROLE_USERS: Record<string, Role> = Object.fromEntries(ALL_ROLES.map((role) => [role, role]));

/** A real 1×1 PNG. */
export function tinyPng(): Buffer {
  return pngImage(1, 1);
}

/** A multipart/form-data body with one file part. */
export function multipart(field: string, fileName: string, contentType: string, content: Buffer) {
  const boundary = `----atlas${Math.random().toString(16).slice(2)}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: ${contentType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, content, tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

/** An inspection of `plotId` with one photo, recorded through the API by the user of `cookie`. */
export async function inspectionWithPhoto(
  server: FastifyInstance,
  cookie: string,
  plotId: string,
): Promise<{ inspectionId: string; photoId: string }> {
  const recorded = await server.inject({
    method: 'POST',
    url: '/api/inspections',
    headers: { cookie },
    payload: { plotId, date: '2026-02-01', findings: '初查', status: 'inspected' },
  });
  const inspectionId: string = recorded.json().id;
  const upload = multipart('photo', 'a.png', 'image/png', tinyPng());
  const photo = await server.inject({
    method: 'POST',
    url: `/api/inspections/${inspectionId}/photos`,
    headers: { cookie, ...upload.headers },
    payload: upload.payload,
  });
  if (photo.statusCode !== 201) throw new Error(`photo upload: ${photo.statusCode} ${photo.body}`);
  return { inspectionId, photoId: photo.json().id };
}

/** The streams of a server CLI command: lines written to `lines`, standard input `stdin`. */
export function cliStreams(lines: string[], stdin: string) {
  return {
    out: (line: string) => lines.push(line),
    err: (line: string) => lines.push(line),
    readStdin: async () => stdin,
    env: {},
  };
}
