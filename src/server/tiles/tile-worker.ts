// The tile worker thread (tile-service.ts starts it): holds each layer's tile index for one revision,
// builds it from the layer's GeoJSON text (parsed here, so the request thread never parses or indexes
// a large layer) and answers tiles, encoded and, when asked, gzipped, from a small cache of recent tiles.
import { getHeapStatistics } from 'node:v8';
import { parentPort } from 'node:worker_threads';
import { gzipSync } from 'node:zlib';
import type { Feature, FeatureCollection } from 'geojson';
import type { LayerId } from '../../domain/layers.ts';
import { buildLayerTiles, type LayerTiles, type UnitBox } from './tile-index.ts';

export type TileJob =
  | { kind: 'build'; id: number; layer: LayerId; revision: string; json: string }
  /** The features changed from revision `from` to `revision` (GeoJSON texts) and those removed. */
  | {
      kind: 'update';
      id: number;
      layer: LayerId;
      from: string;
      revision: string;
      put: string[];
      removed: string[];
    }
  | {
      kind: 'tile';
      id: number;
      layer: LayerId;
      revision: string;
      z: number;
      x: number;
      y: number;
      gzip: boolean;
    };

export type TileAnswer =
  | { id: number; built: { features: number; ms: number; heapBytes: number } }
  /** An update applied: the encoded tiles dropped from the cache (those the changes touch). */
  | { id: number; updated: { features: number; ms: number; droppedTiles: number } }
  | { id: number; tile: Uint8Array | null }
  /** The worker holds another revision of the layer than the one asked for: ask again. */
  | { id: number; stale: true }
  | { id: number; error: string };

/** Encoded tiles kept per layer: enough for the tiles of a few screens of many viewers. */
const CACHE_BYTES = 48 * 1024 * 1024;
const CACHE_ENTRIES = 20_000;

interface Held {
  revision: string;
  tiles: LayerTiles;
  /** Recently served tiles, oldest first (a Map keeps insertion order: an LRU). */
  cache: Map<string, Uint8Array | null>;
  cacheBytes: number;
}

const held = new Map<LayerId, Held>();

function cached(layer: Held, key: string, make: () => Uint8Array | null): Uint8Array | null {
  const hit = layer.cache.get(key);
  if (hit !== undefined) {
    layer.cache.delete(key);
    layer.cache.set(key, hit);
    return hit;
  }
  const made = make();
  layer.cache.set(key, made);
  layer.cacheBytes += made?.byteLength ?? 0;
  while (layer.cacheBytes > CACHE_BYTES || layer.cache.size > CACHE_ENTRIES) {
    const [oldest, bytes] = layer.cache.entries().next().value as [string, Uint8Array | null];
    layer.cache.delete(oldest);
    layer.cacheBytes -= bytes?.byteLength ?? 0;
  }
  return made;
}

/** The tile buffer (64 of 4096 units), as a share of a tile: a feature this near is in the tile. */
const BUFFER = 64 / 4096;

/** Drops the cached tiles (of any zoom, gzipped or not) whose area with its buffer meets a box. */
function dropTiles(layer: Held, boxes: UnitBox[]): number {
  if (boxes.length === 0) return 0;
  let dropped = 0;
  for (const [key, bytes] of layer.cache) {
    const [z, x, y] = key.split(/[/.]/).map(Number) as [number, number, number];
    const size = 2 ** z;
    const minX = (x - BUFFER) / size;
    const maxX = (x + 1 + BUFFER) / size;
    const minY = (y - BUFFER) / size;
    const maxY = (y + 1 + BUFFER) / size;
    const touched = boxes.some(
      (box) => box.maxX >= minX && box.minX <= maxX && box.maxY >= minY && box.minY <= maxY,
    );
    if (!touched) continue;
    layer.cache.delete(key);
    layer.cacheBytes -= bytes?.byteLength ?? 0;
    dropped++;
  }
  return dropped;
}

function answer(job: TileJob): TileAnswer {
  if (job.kind === 'update') {
    const layer = held.get(job.layer);
    if (!layer || layer.revision !== job.from) return { id: job.id, stale: true };
    const started = performance.now();
    let droppedTiles: number;
    try {
      const put = job.put.map((text) => JSON.parse(text) as Feature);
      droppedTiles = dropTiles(layer, layer.tiles.update(put, job.removed));
    } catch (error) {
      // Half applied: the index is of no revision; the next request builds it again.
      held.delete(job.layer);
      throw error;
    }
    layer.revision = job.revision;
    const ms = performance.now() - started;
    return { id: job.id, updated: { features: layer.tiles.features, ms, droppedTiles } };
  }
  if (job.kind === 'build') {
    const started = performance.now();
    const collection = JSON.parse(job.json) as FeatureCollection;
    // The older index goes first, so that two are never held at once.
    held.delete(job.layer);
    const tiles = buildLayerTiles(job.layer, collection);
    held.set(job.layer, { revision: job.revision, tiles, cache: new Map(), cacheBytes: 0 });
    const ms = performance.now() - started;
    return {
      id: job.id,
      built: { features: tiles.features, ms, heapBytes: getHeapStatistics().used_heap_size },
    };
  }
  const layer = held.get(job.layer);
  if (!layer || layer.revision !== job.revision) return { id: job.id, stale: true };
  const { z, x, y } = job;
  const raw = () => cached(layer, `${z}/${x}/${y}`, () => layer.tiles.tile(z, x, y));
  if (!job.gzip) return { id: job.id, tile: raw() };
  return {
    id: job.id,
    tile: cached(layer, `${z}/${x}/${y}.gz`, () => {
      const bytes = raw();
      return bytes && new Uint8Array(gzipSync(bytes));
    }),
  };
}

parentPort?.on('message', (job: TileJob) => {
  let reply: TileAnswer;
  try {
    reply = answer(job);
  } catch (error) {
    reply = { id: job.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
