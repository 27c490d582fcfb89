// A throwaway PostgreSQL + PostGIS cluster for the store tests, shared by every test file of a run:
// started by the first test that asks for a database (initdb into the run's folder, a free port on
// 127.0.0.1, fsync off: the tests kill the app server, never PostgreSQL), stopped by the global
// teardown (postgres-global.ts). Each caller gets a fresh database, copied from a template that has
// PostGIS and the schema. Debian's binaries are looked for under /usr/lib/postgresql/15/bin (PG_BIN
// overrides); without them the PostgreSQL variants of the store tests are skipped, saying why —
// unless ATLAS_REQUIRE_POSTGRES=1 (.ci/run), which makes their absence a failure.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { postgresUnavailable, sleep, startCluster, TEMPLATE } from './postgres-cluster.ts';

export { postgresUnavailable };

declare module 'vitest' {
  export interface ProvidedContext {
    /** A folder of this test run where the shared cluster lives (postgres-global.ts). */
    postgresRunDir: string;
  }
}

let warned = false;
/** True when the PostgreSQL variants run; otherwise says why once (or fails, when they are required). */
export function postgresRuns(): boolean {
  const reason = postgresUnavailable();
  if (reason === null) return true;
  if (process.env.ATLAS_REQUIRE_POSTGRES === '1') throw new Error(`ATLAS_REQUIRE_POSTGRES=1 but ${reason}`);
  if (!warned) {
    warned = true;
    console.warn(`PostgreSQL store tests skipped: ${reason}`);
  }
  return false;
}

let clusterUrl: Promise<string> | null = null;

/** The shared cluster's address, starting it if no test file of this run has. */
function cluster(): Promise<string> {
  clusterUrl ??= (async () => {
    const runDir = inject('postgresRunDir');
    const urlFile = join(runDir, 'url');
    const failedFile = join(runDir, 'failed');
    let won = false;
    try {
      mkdirSync(join(runDir, 'lock'));
      won = true;
    } catch {
      // Another test file is starting it.
    }
    if (won) {
      try {
        const url = await startCluster(runDir);
        writeFileSync(`${urlFile}.partial`, url);
        renameSync(`${urlFile}.partial`, urlFile);
        return url;
      } catch (error) {
        const message =
          error instanceof Error
            ? `${error.message}\n${(error as { stderr?: string }).stderr ?? ''}`
            : String(error);
        writeFileSync(failedFile, message);
        throw error;
      }
    }
    for (let waited = 0; waited < 180_000; waited += 100) {
      if (existsSync(urlFile)) return readFileSync(urlFile, 'utf8');
      if (existsSync(failedFile))
        throw new Error(`the test cluster did not start: ${readFileSync(failedFile, 'utf8')}`);
      await sleep(100);
    }
    throw new Error('the test cluster did not start within 3 minutes');
  })();
  return clusterUrl;
}

let databases = 0;

/** A fresh, empty Land Atlas database (schema applied) in the shared cluster: its URL. */
export async function postgresDatabase(): Promise<string> {
  const url = await cluster();
  const name = `atlas_${process.pid}_${++databases}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: `${url}/postgres` });
  await admin.connect();
  try {
    // Copies of one template may be made at once; STRATEGY file_copy skips WAL-logging the copy.
    await admin.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE} STRATEGY file_copy`);
  } finally {
    await admin.end();
  }
  return `${url}/${name}`;
}
