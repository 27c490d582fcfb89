// Vector tiles of the store's layers, served from one worker thread (tile-worker.ts) that holds a tile
// index per layer for the layer's current revision. Store-agnostic: it reads the revision and the
// layer's GeoJSON through the Store interface (layerRevision, layerSnapshot) and nothing else.
//
// A tile request reads the layer's revision (cheap); if the worker does not hold that revision yet, the
// index is rebuilt — lazily, on the first tile asked after a change, once however many ask together —
// and every request for that layer waits for it. The request thread only fetches the snapshot text and
// hands it over; parsing, indexing, cutting, encoding and gzip happen in the worker, so /api/health,
// logins and other layers' requests are served meanwhile.
import { Worker } from 'node:worker_threads';
import type { LayerId } from '../../domain/layers.ts';
import type { Store } from '../store/types.ts';
import type { TileAnswer, TileJob } from './tile-worker.ts';

export interface TileResult {
  /** The revision the tile was cut from. */
  revision: string;
  /** The encoded tile (gzipped when asked), or null when nothing of the layer is in it. */
  tile: Uint8Array | null;
}

/** A finished build, for the benchmark and the logs. */
export interface TileBuild {
  layer: LayerId;
  revision: string;
  features: number;
  /** Reading the snapshot from the store, on the request thread. */
  snapshotMs: number;
  /** Parsing and indexing, on the worker thread. */
  indexMs: number;
  /** The worker's heap after the build. */
  heapBytes: number;
}

type JobBody = TileJob extends infer J ? (J extends TileJob ? Omit<J, 'id'> : never) : never;

/**
 * The worker's module. Under tsx (tests, `npm start`) it is TypeScript, which a worker thread cannot load
 * by itself: the worker starts by registering tsx and importing the module through it (as validation-pool.ts).
 */
function startWorker(): Worker {
  const file = new URL('./tile-worker.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const code = `import(${JSON.stringify(tsx)}).then((api) => api.tsImport(${JSON.stringify(file)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(code, { eval: true, name: 'atlas-tiles' });
}

interface Held {
  /** The revision read when the build started; `ready` resolves with the one built (maybe newer). */
  revision: string;
  ready: Promise<string>;
}

export class TileService {
  private readonly store: Store;
  private worker: Worker | null = null;
  private readonly pending = new Map<
    number,
    { resolve: (a: TileAnswer) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;
  private readonly layers = new Map<LayerId, Held>();
  /** The builds done so far, latest last (a few kept). */
  readonly builds: TileBuild[] = [];

  constructor(store: Store) {
    this.store = store;
  }

  /** The tile z/x/y of the layer at its current revision. */
  async tile(layer: LayerId, z: number, x: number, y: number, gzip: boolean): Promise<TileResult> {
    // A build of a newer revision can replace the one this request waited for: it then asks again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const revision = await this.ready(layer);
      const answer = await this.call({ kind: 'tile', layer, revision, z, x, y, gzip });
      if ('tile' in answer) return { revision, tile: answer.tile };
    }
    throw new Error(`layer ${layer} changed under five tile requests in a row`);
  }

  /** Makes the worker hold the layer's current revision (building it if needed); returns that revision. */
  async ready(layer: LayerId): Promise<string> {
    const current = await this.store.layerRevision(layer);
    const held = this.layers.get(layer);
    if (held && held.revision === current) return held.ready;
    const next: Held = { revision: current, ready: this.build(layer) };
    this.layers.set(layer, next);
    next.ready.then(
      (built) => {
        next.revision = built;
      },
      () => {
        if (this.layers.get(layer) === next) this.layers.delete(layer);
      },
    );
    return next.ready;
  }

  private async build(layer: LayerId): Promise<string> {
    const started = performance.now();
    // Revision and text read together (the store's contract), so the index is of exactly that revision.
    const snapshot = await this.store.layerSnapshot(layer);
    const snapshotMs = performance.now() - started;
    const answer = await this.call({
      kind: 'build',
      layer,
      revision: snapshot.revision,
      json: snapshot.json,
    });
    if (!('built' in answer)) throw new Error(`tile index of ${layer}: unexpected answer`);
    this.builds.push({
      layer,
      revision: snapshot.revision,
      features: answer.built.features,
      snapshotMs,
      indexMs: answer.built.ms,
      heapBytes: answer.built.heapBytes,
    });
    if (this.builds.length > 16) this.builds.shift();
    return snapshot.revision;
  }

  private call(body: JobBody): Promise<TileAnswer> {
    const worker = this.worker ?? this.spawn();
    const id = this.nextId++;
    return new Promise<TileAnswer>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ ...body, id } as TileJob);
    }).then((answer) => {
      if ('error' in answer) throw new Error(`tile worker: ${answer.error}`);
      return answer;
    });
  }

  private spawn(): Worker {
    const worker = startWorker();
    this.worker = worker;
    worker.on('message', (answer: TileAnswer) => {
      const pending = this.pending.get(answer.id);
      this.pending.delete(answer.id);
      // An idle worker does not keep the process alive.
      if (this.pending.size === 0) worker.unref();
      pending?.resolve(answer);
    });
    const lost = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      // Whatever it held is gone with it: the next request builds again on a new worker.
      this.layers.clear();
      const waiting = [...this.pending.values()];
      this.pending.clear();
      for (const pending of waiting) pending.reject(error);
    };
    worker.on('error', lost);
    worker.on('exit', (code) => lost(new Error(`tile worker stopped (exit code ${code})`)));
    return worker;
  }

  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.layers.clear();
    for (const pending of this.pending.values()) pending.reject(new Error('the server is closing'));
    this.pending.clear();
    await worker.terminate();
  }
}
