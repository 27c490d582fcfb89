// The PostgreSQL binaries the tests run, and starting a throwaway cluster with them (no vitest here:
// the global teardown and the benchmarks import it too).
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';
import { PostgresStore } from '../../../src/server/store/postgres.ts';

const POSTGRES_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

function systemUser(): { uid: number; gid: number } | null {
  try {
    const passwd = readFileSync('/etc/passwd', 'utf8');
    const line = passwd.split('\n').find((entry) => entry.startsWith('postgres:'));
    if (!line) return null;
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

/** Runs a PostgreSQL binary as a user it accepts (never root). */
function run(binary: string, args: string[]): string {
  const path = join(POSTGRES_BIN, binary);
  const asRoot = process.getuid?.() === 0;
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', path, ...args]] : [path, args];
  return execFileSync(command, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Stops the cluster of `runDir` if a test started one (the global teardown). */
export function stopCluster(runDir: string): void {
  const dataDir = join(runDir, 'cluster');
  if (!existsSync(join(dataDir, 'postmaster.pid'))) return;
  try {
    run('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']);
  } catch (error) {
    console.warn(`could not stop the test cluster in ${dataDir}: ${(error as Error).message}`);
  }
}

/** Why the PostgreSQL tests cannot run here, or null when they can. */
export function postgresUnavailable(): string | null {
  for (const binary of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(POSTGRES_BIN, binary)))
      return `PostgreSQL binaries not found (${join(POSTGRES_BIN, binary)} is missing): apt-get install postgresql postgresql-15-postgis-3`;
  }
  if (!existsSync('/usr/share/postgresql/15/extension/postgis.control'))
    return 'PostGIS not found (/usr/share/postgresql/15/extension/postgis.control): apt-get install postgresql-15-postgis-3';
  if (process.getuid?.() === 0 && !systemUser())
    return 'running as root and there is no "postgres" user to run initdb as';
  return null;
}

/** The database every test database is copied from: PostGIS and the schema. */
export const TEMPLATE = 'atlas_template';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Starts the cluster and its template database; called by the one test file that won the lock. */
export async function startCluster(runDir: string): Promise<string> {
  const dataDir = join(runDir, 'cluster');
  mkdirSync(dataDir, { mode: 0o700 });
  const user = systemUser();
  if (process.getuid?.() === 0 && user) chownSync(dataDir, user.uid, user.gid);
  run('initdb', [
    '-D',
    dataDir,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C.UTF-8',
    '--no-sync',
  ]);
  const port = await freePort();
  const options = [
    `-p ${port}`,
    "-c listen_addresses='127.0.0.1'",
    `-c unix_socket_directories='${dataDir}'`,
    '-c fsync=off',
    '-c full_page_writes=off',
    '-c synchronous_commit=off',
    '-c max_connections=300',
    '-c shared_buffers=64MB',
  ].join(' ');
  run('pg_ctl', ['-D', dataDir, '-l', join(dataDir, 'server.log'), '-o', options, '-w', 'start']);
  const url = `postgres://postgres@127.0.0.1:${port}`;
  const admin = new pg.Client({ connectionString: `${url}/postgres` });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  } finally {
    await admin.end();
  }
  // The schema once, in the template: every test database is a copy of it.
  const store = await PostgresStore.open(`${url}/${TEMPLATE}`);
  await store.close();
  return url;
}
