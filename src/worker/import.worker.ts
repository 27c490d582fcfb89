// The import screen's reader, off the main thread: the files a person dropped are read here (a
// Shapefile of 200 MB must not freeze the page), with the bytes read reported as they come, then given
// to src/formats' readLayerFile. A FormatError comes back as data (comlink cannot carry the class).
// Started by src/app/import/reader-client.ts.
import { expose } from 'comlink';
import type { Bilingual } from '../domain/i18n.ts';
import { FormatError, type ReadOptions, type ReadResult, readLayerFile } from '../formats/index.ts';

export interface ReadFailure {
  file: string;
  feature: number | null;
  text: Bilingual;
  hint: Bilingual;
}

export type ReadOutcome = { ok: true; result: ReadResult } | { ok: false; failure: ReadFailure };

/** Bytes read so far of all the files, and their total. */
export type ReadProgress = (read: number, total: number) => void;

async function bytesOf(file: File, onChunk: (bytes: number) => void): Promise<Uint8Array> {
  const bytes = new Uint8Array(file.size);
  const reader = file.stream().getReader();
  let offset = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes.set(value, offset);
    offset += value.length;
    onChunk(value.length);
  }
  return offset === bytes.length ? bytes : bytes.subarray(0, offset);
}

const api = {
  async read(files: File[], options: ReadOptions, progress: ReadProgress): Promise<ReadOutcome> {
    const total = files.reduce((sum, file) => sum + file.size, 0);
    let read = 0;
    let lastReport = 0;
    const inputs = [];
    for (const file of files) {
      const bytes = await bytesOf(file, (n) => {
        read += n;
        if (read - lastReport >= 1 << 20 || read === total) {
          lastReport = read;
          progress(read, total);
        }
      });
      inputs.push({ name: file.name, bytes });
    }
    progress(total, total);
    try {
      return { ok: true, result: await readLayerFile(inputs, options) };
    } catch (error) {
      if (error instanceof FormatError)
        return {
          ok: false,
          failure: { file: error.file, feature: error.feature ?? null, text: error.text, hint: error.hint },
        };
      throw error;
    }
  },
};

export type ImportReaderApi = typeof api;

expose(api);
