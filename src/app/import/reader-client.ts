// The main thread's side of the import reader (src/worker/import.worker.ts): one worker for the screen's
// life, a read at a time; progress as bytes read of the total.
import { proxy, type Remote, wrap } from 'comlink';
import type { ReadOptions } from '../../formats/index.ts';
import type { ImportReaderApi, ReadOutcome } from '../../worker/import.worker.ts';

let worker: Worker | null = null;
let remote: Remote<ImportReaderApi> | null = null;

export function readFiles(
  files: File[],
  options: ReadOptions,
  onProgress: (fraction: number) => void,
): Promise<ReadOutcome> {
  if (!remote) {
    worker = new Worker(new URL('../../worker/import.worker.ts', import.meta.url), {
      type: 'module',
      name: 'import',
    });
    remote = wrap<ImportReaderApi>(worker);
  }
  return remote.read(
    files,
    options,
    proxy((read: number, total: number) => onProgress(total > 0 ? read / total : 1)),
  );
}

/** Ends the worker (the screen closed): its memory (the file, the features) goes with it. */
export function stopReader(): void {
  worker?.terminate();
  worker = null;
  remote = null;
}
