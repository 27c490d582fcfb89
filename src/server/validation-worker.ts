// The worker thread of validation-pool.ts: runs the one validator (src/geo/validate.ts) on a text and
// posts back whether it passed and its problems. The parsed GeoJSON stays here: the caller parses the
// text again only when it passed (JSON.parse is fast; cloning a large tree across threads is not).
import { parentPort } from 'node:worker_threads';
import type { LayerId } from '../domain/layers.ts';
import { validateGeoJsonText } from '../geo/validate.ts';

export interface ValidationJob {
  id: number;
  text: string;
  fileName: string;
  layer: LayerId | null;
}

export type ValidationAnswer =
  | { id: number; ok: boolean; problems: ReturnType<typeof validateGeoJsonText>['problems'] }
  | { id: number; error: string };

parentPort?.on('message', (job: ValidationJob) => {
  let answer: ValidationAnswer;
  try {
    const report = validateGeoJsonText(job.text, { fileName: job.fileName, layer: job.layer });
    answer = { id: job.id, ok: report.ok, problems: report.problems };
  } catch (error) {
    answer = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(answer);
});
