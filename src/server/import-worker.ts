// The worker thread of one large import (import-job.ts): reads the uploaded file, validates it with
// the one validator (src/geo/validate.ts), and — once the request thread says its own writes are held
// back — opens its own connection to the same database and runs the store's importLayer there (plan,
// conflicts, rows, history: the same code as on the request thread), so neither a 190 MB parse nor a
// 300 000-row transaction runs on the thread that answers requests.
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import type { GeoJSON } from 'geojson';
import type { LayerId } from '../domain/layers.ts';
import { type Problem, validateGeoJsonText } from '../geo/validate.ts';
import { featureContents } from './seed.ts';
import { PostgresStore } from './store/postgres.ts';
import { SqliteStore } from './store/sqlite.ts';
import type { ImportedFeature, ImportResult, ImportTarget, Store } from './store/types.ts';

export interface ImportJob {
  file: string;
  fileName: string;
  layer: LayerId;
  mode: 'replace' | 'merge';
  onConflict: 'refuse' | 'overwrite';
  actor: string;
  target: ImportTarget;
}

/** Worker → request thread. */
export type ImportMessage =
  | { kind: 'invalid'; problems: Problem[] }
  | { kind: 'validated'; features: number }
  | { kind: 'done'; result: ImportResult; problems: Problem[] }
  | { kind: 'error'; message: string };

/** Request thread → worker: write now (its own writes are held until this worker answers). */
export type ImportCommand = { kind: 'write' };

function openStore(target: ImportTarget): Promise<Store> | Store {
  return target.kind === 'sqlite' ? SqliteStore.open(target.dataDir) : PostgresStore.open(target.url, 1);
}

async function run(job: ImportJob): Promise<ImportMessage> {
  let text: string | null = readFileSync(job.file, 'utf8');
  const report = validateGeoJsonText(text, { fileName: job.fileName, layer: job.layer });
  text = null;
  const geojson = report.geojson as GeoJSON | null;
  if (!report.ok || geojson?.type !== 'FeatureCollection')
    return { kind: 'invalid', problems: report.problems };
  const features: ImportedFeature[] = featureContents(geojson.features);
  const write = new Promise<void>((resolve) => {
    parentPort?.once('message', (command: ImportCommand) => {
      if (command.kind === 'write') resolve();
    });
  });
  parentPort?.postMessage({ kind: 'validated', features: features.length } satisfies ImportMessage);
  await write;
  const store = await openStore(job.target);
  try {
    const result = await store.importLayer(job.layer, features, job.mode, job.actor, job.onConflict);
    return { kind: 'done', result, problems: report.problems };
  } finally {
    await store.close();
  }
}

const job = workerData as ImportJob | undefined;
if (parentPort && job) {
  run(job).then(
    (message) => parentPort?.postMessage(message),
    (error: unknown) =>
      parentPort?.postMessage({
        kind: 'error',
        message: error instanceof Error ? error.message : String(error),
      } satisfies ImportMessage),
  );
}
