// Vitest global setup of the unit tests: a folder for this run's PostgreSQL test cluster, which the
// first test that needs it starts (postgres.ts); stopped and removed when the run ends.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { stopCluster } from './postgres-cluster.ts';

export default function setup(project: TestProject): () => void {
  const runDir = mkdtempSync(join(tmpdir(), 'atlas-pg-run-'));
  // The cluster's own folder belongs to the postgres user, which must reach it through this one.
  chmodSync(runDir, 0o755);
  project.provide('postgresRunDir', runDir);
  return () => {
    stopCluster(runDir);
    rmSync(runDir, { recursive: true, force: true });
  };
}
