// The PostgreSQL binaries the tests run (no vitest here: the global teardown imports it too).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const POSTGRES_BIN = process.env.PG_BIN ?? '/usr/lib/postgresql/15/bin';

export function systemUser(): { uid: number; gid: number } | null {
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
export function run(binary: string, args: string[]): string {
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
