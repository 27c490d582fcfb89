// Vector tiles of the store's layers. A store that cuts tiles itself (PostgreSQL: ST_AsMVT, Store.tile)
// answers them; otherwise they come from one worker thread (tile-worker.ts) that holds a tile index per
// layer for the layer's current revision, read through the Store interface (layerRevision,
// layerChanges, layerSnapshot) and nothing else.
//
// A tile request reads the layer's revision (cheap); if the worker does not hold that revision yet, it
// is brought there — lazily, on the first tile asked after a change, once however many ask together —
// and every request for that layer waits for it: by the features changed since the revision it holds
// (Store.layerChanges → the worker's updateData, dropping only the cached tiles they touch), or, when
// the store cannot say what changed, by rebuilding from the whole snapshot. The request thread only
// fetches texts and hands them over; parsing, indexing, cutting, encoding and gzip happen in the
// worker, so /api/health, logins and other layers' requests are served meanwhile.
import { promisify } from 'node:util';
import type { Worker } from 'node:worker_threads';
import { gzip as gzipCallback } from 'node:zlib';
import type { LayerId } from '../../domain/layers.ts';
import type { Store } from '../store/types.ts';
import { startTsWorker } from '../ts-worker.ts';
import { WorkerClient } from '../worker-client.ts';
import type { TileAnswer, TileJob } from './tile-worker.ts';

export interface TileResult {
  /** The revision the tile was cut from. */
  revision: string;
  /** The encoded tile (gzipped when asked), or null when nothing of the layer is in it. */
  tile: Uint8Array | null;
}

/** A finished build or update of a layer's index, for the benchmark, the tests and the logs. */
export interface TileBuild {
  layer: LayerId;
  /** `build`: from the whole snapshot; `update`: from the features changed since the revision held. */
  kind: 'build' | 'update';
  revision: string;
  features: number;
  /** Features changed or removed (an update). */
  changes: number;
  /** Reading the snapshot, or the changes, from the store, on the request thread. */
  snapshotMs: number;
  /** Parsing and indexing, or applying the changes, on the worker thread. */
  indexMs: number;
  /** The worker's heap after a build (0 after an update). */
  heapBytes: number;
  /** Cached encoded tiles an update dropped (those its features touch, before and after). */
  droppedTiles: number;
}

/** Which paths the service takes; both on unless a benchmark compares with the old ones. */
export interface TileOptions {
  /** Use the store's own tiles (Store.tile, PostgreSQL's ST_AsMVT) when it has them. */
  storeTiles?: boolean;
  /** Follow edits feature by feature (Store.layerChanges); off: every change rebuilds the index. */
  perFeature?: boolean;
}

const gzipAsync = promisify(gzipCallback);

/** Tiles cut by the store kept in this process: at most these bytes and entries. */
const STORE_TILE_CACHE_BYTES = 32 * 1024 * 1024;
const STORE_TILE_CACHE_ENTRIES = 20_000;

type JobBody = TileJob extends infer J ? (J extends TileJob ? Omit<J, 'id'> : never) : never;

function startWorker(): Worker {
  return startTsWorker(new URL('./tile-worker.ts', import.meta.url), { name: 'atlas-tiles' });
}

interface Held {
  /** The revision read when the build started; `ready` resolves with the one built (maybe newer). */
  revision: string;
  ready: Promise<string>;
}

export class TileService {
  private readonly store: Store;
  /** The tile worker: whatever it held is gone with it, and the next request builds again on a new one. */
  private readonly worker = new WorkerClient<TileJob, TileAnswer>('tile worker', startWorker, () => {
    this.layers.clear();
    this.held.clear();
  });
  private readonly layers = new Map<LayerId, Held>();
  /** Per layer, the revision the worker's index holds (known once its build or update answered). */
  private readonly held = new Map<LayerId, string>();
  private readonly options: Required<TileOptions>;
  /** Tiles the store cut, by layer, revision and coordinates, oldest first (an LRU). */
  private readonly storeTiles = new Map<string, Uint8Array | null>();
  private storeTileBytes = 0;
  /** The builds and updates done so far, latest last (a few kept). */
  readonly builds: TileBuild[] = [];

  constructor(store: Store, options: TileOptions = {}) {
    this.store = store;
    this.options = { storeTiles: true, perFeature: true, ...options };
  }

  /** The tile z/x/y of the layer at its current revision. */
  async tile(layer: LayerId, z: number, x: number, y: number, gzip: boolean): Promise<TileResult> {
    if (this.store.tile && this.options.storeTiles) return this.storeTile(layer, z, x, y, gzip);
    // A build of a newer revision can replace the one this request waited for: it then asks again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const revision = await this.ready(layer);
      const answer = await this.call({ kind: 'tile', layer, revision, z, x, y, gzip });
      if ('tile' in answer) return { revision, tile: answer.tile };
    }
    throw new Error(`layer ${layer} changed under five tile requests in a row`);
  }

  /**
   * A tile the store cuts (PostgreSQL's ST_AsMVT), gzipped here when asked, and kept by layer revision
   * and coordinates in a small cache: a tile many viewers ask for is cut once per revision of its layer.
   * After an edit every tile of the layer is cut again when next asked (its key has the old revision).
   */
  private async storeTile(layer: LayerId, z: number, x: number, y: number, gzip: boolean) {
    const cut = this.store.tile?.bind(this.store);
    if (!cut) throw new Error('the store cuts no tiles');
    const key = (revision: string) => `${layer}/${revision}/${z}/${x}/${y}${gzip ? '.gz' : ''}`;
    const revision = await this.store.layerRevision(layer);
    const hit = this.storeTiles.get(key(revision));
    if (hit !== undefined) {
      this.storeTiles.delete(key(revision));
      this.storeTiles.set(key(revision), hit);
      return { revision, tile: hit };
    }
    const answer = await cut(layer, z, x, y);
    const tile = gzip && answer.tile ? new Uint8Array(await gzipAsync(answer.tile)) : answer.tile;
    this.storeTiles.set(key(answer.revision), tile);
    this.storeTileBytes += tile?.byteLength ?? 0;
    while (this.storeTileBytes > STORE_TILE_CACHE_BYTES || this.storeTiles.size > STORE_TILE_CACHE_ENTRIES) {
      const [oldest, bytes] = this.storeTiles.entries().next().value as [string, Uint8Array | null];
      this.storeTiles.delete(oldest);
      this.storeTileBytes -= bytes?.byteLength ?? 0;
    }
    return { revision: answer.revision, tile };
  }

  /** Makes the worker hold the layer's current revision (building it if needed); returns that revision. */
  async ready(layer: LayerId): Promise<string> {
    const current = await this.store.layerRevision(layer);
    const held = this.layers.get(layer);
    if (held && held.revision === current) return held.ready;
    // One refresh of a layer at a time, each from what the one before left the worker holding.
    const before = held?.ready.catch(() => undefined) ?? Promise.resolve();
    const next: Held = { revision: current, ready: before.then(() => this.refresh(layer)) };
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

  /** Brings the worker's index of the layer to the store's current revision; returns that revision. */
  private async refresh(layer: LayerId): Promise<string> {
    const holding = this.held.get(layer);
    if (holding !== undefined && this.options.perFeature) {
      const started = performance.now();
      const changes = await this.store.layerChanges(layer, holding);
      if (changes && changes.revision === holding) return holding;
      if (changes) {
        const snapshotMs = performance.now() - started;
        const answer = await this.call({
          kind: 'update',
          layer,
          from: holding,
          revision: changes.revision,
          put: changes.put,
          removed: changes.removed,
        });
        if ('updated' in answer) {
          this.held.set(layer, changes.revision);
          this.record({
            layer,
            kind: 'update',
            revision: changes.revision,
            features: answer.updated.features,
            changes: changes.put.length + changes.removed.length,
            snapshotMs,
            indexMs: answer.updated.ms,
            heapBytes: 0,
            droppedTiles: answer.updated.droppedTiles,
          });
          return changes.revision;
        }
        // The worker holds something else (it was restarted): build from the whole snapshot.
      }
    }
    return this.build(layer);
  }

  private record(build: TileBuild): void {
    this.builds.push(build);
    if (this.builds.length > 16) this.builds.shift();
  }

  private async build(layer: LayerId): Promise<string> {
    this.held.delete(layer);
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
    this.held.set(layer, snapshot.revision);
    this.record({
      layer,
      kind: 'build',
      revision: snapshot.revision,
      features: answer.built.features,
      changes: 0,
      snapshotMs,
      indexMs: answer.built.ms,
      heapBytes: answer.built.heapBytes,
      droppedTiles: 0,
    });
    return snapshot.revision;
  }

  private call(body: JobBody): Promise<TileAnswer> {
    return this.worker.call(body);
  }

  close(): Promise<void> {
    return this.worker.close();
  }
}
