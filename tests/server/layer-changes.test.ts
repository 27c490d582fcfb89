// An edit touches one feature on the server's tile path (issue 10, item 2): the store says which
// features changed between two revisions (Store.layerChanges), reading those rows only; its snapshot
// follows an edit feature by feature; and the tile worker applies the changes to its index
// (geojson-vt updateData), dropping only the cached tiles they touch — on both stores. When the store
// cannot say what changed, the index is rebuilt from the whole snapshot.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { VectorTile, type VectorTileLayer } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { LayerId } from '../../src/domain/layers.ts';
import { PostgresStore } from '../../src/server/store/postgres.ts';
import { SqliteStore } from '../../src/server/store/sqlite.ts';
import type { ImportedFeature, Properties, Store } from '../../src/server/store/types.ts';
import { TileService } from '../../src/server/tiles/tile-service.ts';
import { describeEachStore, plotFeature, type StoreKind } from './helpers.ts';
import { postgresDatabase } from './support/postgres.ts';

const PLOTS = 40;

function imported(index: number, overrides: Record<string, unknown> = {}): ImportedFeature {
  const feature = plotFeature(index, overrides);
  return {
    properties: feature.properties as unknown as Properties,
    geometry: feature.geometry as ImportedFeature['geometry'],
    version: null,
  };
}

const idOf = (index: number) => `HS-T-${String(index).padStart(4, '0')}`;

/** The tile of zoom z under the centre of plot `index` (plotFeature's square of 0.002°). */
function tileUnder(index: number, z: number) {
  const lon = 112.9 + (index % 50) * 0.003 + 0.001;
  const lat = 22.7 + Math.floor(index / 50) * 0.003 + 0.001;
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI);
  return { z, x: Math.floor(((lon + 180) / 360) * 2 ** z), y: Math.floor(y * 2 ** z) };
}

function decode(bytes: Uint8Array | null): Record<string, VectorTileLayer> {
  return bytes ? new VectorTile(new PbfReader(bytes)).layers : {};
}

/** Per id in a tile layer, its properties. */
function features(layer: VectorTileLayer | undefined): Map<string, Record<string, unknown>> {
  const found = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < (layer?.length ?? 0); i++) {
    const feature = layer?.feature(i);
    if (feature) found.set(String(feature.properties.id), feature.properties);
  }
  return found;
}

/** Counts of feature rows a store read: to rebuild snapshots, and as changes. */
type Counting = Store & { snapshotRowsRead: number; changeRowsRead: number };

describeEachStore('layer changes and per-feature tile updates', (kind: StoreKind) => {
  let dataDir = '';
  let url = '';
  let store: Counting;
  const opened: Store[] = [];
  let tiles: TileService;

  /** Another store on the same database: another process (SQLite) or app server (PostgreSQL). */
  async function other(): Promise<Counting> {
    const second = kind === 'sqlite' ? SqliteStore.open(dataDir) : await PostgresStore.open(url);
    opened.push(second);
    return second;
  }

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'atlas-changes-'));
    url = kind === 'postgres' ? await postgresDatabase() : '';
    store = kind === 'sqlite' ? SqliteStore.open(dataDir) : await PostgresStore.open(url);
    opened.push(store);
    const seeded = await store.importLayer(
      'plots',
      Array.from({ length: PLOTS }, (_, index) => imported(index)),
      'seed',
      'seed',
    );
    expect(seeded.ok).toBe(true);
    // The worker's tiles on both stores (PostgreSQL's route would cut them with ST_AsMVT instead).
    tiles = new TileService(store, { storeTiles: false });
  });

  afterEach(async () => {
    await tiles.close();
    for (const each of opened.splice(0)) await each.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const setStatus = (id: string, version: number, status: string) =>
    store.updateFeature(
      'plots',
      id,
      version,
      (current) => ({
        properties: { ...current.properties, status } as Properties,
        geometry: current.geometry,
      }),
      'editor',
    );

  /** The tile decoded (not gzipped), from the service's worker. */
  async function tileOf(at: { z: number; x: number; y: number }, layer: LayerId = 'plots') {
    return decode((await tiles.tile(layer, at.z, at.x, at.y, false)).tile);
  }

  /** The text a fresh store's snapshot holds for the feature. */
  async function textOf(id: string): Promise<string | undefined> {
    const fresh = await other();
    const snapshot = await fresh.layerSnapshot('plots');
    return snapshot.features?.find((text) => JSON.parse(text).id === id);
  }

  it('layerChanges: an update, a delete and a create, each read as its one row; none since now', async () => {
    const start = await store.layerRevision('plots');
    expect(await store.layerChanges('plots', start)).toEqual({ revision: start, put: [], removed: [] });
    expect((await setStatus(idOf(7), 1, 'inspected')).ok).toBe(true);
    const read = store.changeRowsRead;
    const afterUpdate = await store.layerChanges('plots', start);
    expect(store.changeRowsRead - read).toBe(1);
    expect(afterUpdate?.revision).toBe(await store.layerRevision('plots'));
    expect(afterUpdate?.removed).toEqual([]);
    expect(afterUpdate?.put).toEqual([await textOf(idOf(7))]);
    expect(JSON.parse(afterUpdate?.put[0] ?? '{}').properties.status).toBe('inspected');

    const middle = await store.layerRevision('plots');
    expect((await store.deleteFeature('plots', idOf(3), 1, 'editor')).ok).toBe(true);
    expect(await store.createFeature('plots', imported(PLOTS), 'editor')).not.toBeNull();
    const since = await store.layerChanges('plots', middle);
    expect(since?.removed).toEqual([idOf(3)]);
    expect(since?.put).toEqual([await textOf(idOf(PLOTS))]);
    // From the start: all three, the updated one before the new one (list order).
    const all = await store.layerChanges('plots', start);
    expect(all?.removed).toEqual([idOf(3)]);
    expect(all?.put.map((text) => JSON.parse(text).id)).toEqual([idOf(7), idOf(PLOTS)]);
  });

  it('layerChanges: null for a revision of another database or one not reached yet', async () => {
    const current = await store.layerRevision('plots');
    const number = Number(current.slice(current.lastIndexOf('-') + 1));
    expect(await store.layerChanges('plots', `another-database-${number}`)).toBeNull();
    expect(await store.layerChanges('plots', current.replace(/\d+$/, String(number + 5)))).toBeNull();
    expect(await store.layerChanges('plots', current.replace(/\d+$/, 'x'))).toBeNull();
  });

  it('another process/app server writes: SQLite cannot say what changed (null), PostgreSQL can (its trigger)', async () => {
    const start = await store.layerRevision('plots');
    const second = await other();
    expect((await second.deleteFeature('plots', idOf(1), 1, 'cli')).ok).toBe(true);
    const changes = await store.layerChanges('plots', start);
    if (kind === 'sqlite') expect(changes).toBeNull();
    else
      expect(changes).toEqual({ revision: await store.layerRevision('plots'), put: [], removed: [idOf(1)] });
  });

  it('the snapshot after an edit re-reads no row, reads the changed one, and equals a fresh full one', async () => {
    await store.layerSnapshot('plots');
    const rebuilt = store.snapshotRowsRead;
    const changed = store.changeRowsRead;
    expect((await setStatus(idOf(9), 1, 'completed')).ok).toBe(true);
    expect((await store.deleteFeature('plots', idOf(2), 1, 'editor')).ok).toBe(true);
    expect(await store.createFeature('plots', imported(PLOTS + 1), 'editor')).not.toBeNull();
    const snapshot = await store.layerSnapshot('plots');
    expect(store.snapshotRowsRead - rebuilt).toBe(0);
    // SQLite's writes edit its texts in their transaction: it reads none; PostgreSQL reads the 2 left.
    expect(store.changeRowsRead - changed).toBe(kind === 'sqlite' ? 0 : 2);
    const fresh = await (await other()).layerSnapshot('plots');
    expect(snapshot.revision).toBe(fresh.revision);
    expect(snapshot.json).toBe(fresh.json);
    expect(snapshot.json).not.toContain(`"${idOf(2)}"`);
    expect(snapshot.features?.at(-1)).toContain(`"${idOf(PLOTS + 1)}"`);
  });

  it('an edit: the next tile shows it, from the one changed feature — no snapshot read, no rebuild', async () => {
    const at = tileUnder(7, 14);
    expect(features((await tileOf(at)).plots).get(idOf(7))?.status).toBe('identified');
    const rebuilt = store.snapshotRowsRead;
    const changed = store.changeRowsRead;
    expect((await setStatus(idOf(7), 1, 'inspected')).ok).toBe(true);
    expect(features((await tileOf(at)).plots).get(idOf(7))?.status).toBe('inspected');
    expect(store.snapshotRowsRead - rebuilt).toBe(0);
    expect(store.changeRowsRead - changed).toBe(1);
    expect(tiles.builds.map((build) => [build.kind, build.changes])).toEqual([
      ['build', 0],
      ['update', 1],
    ]);
    expect(tiles.builds.at(-1)?.revision).toBe(await store.layerRevision('plots'));
  });

  it('a removal and a create: gone from its tile, and there in its own', async () => {
    const removedAt = tileUnder(4, 16);
    // Plot 99 lies a row above the 40 seeded, 0.03° from the nearest.
    const createdAt = tileUnder(99, 16);
    expect(features((await tileOf(removedAt)).plots).has(idOf(4))).toBe(true);
    expect(await tileOf(createdAt)).toEqual({});
    expect((await store.deleteFeature('plots', idOf(4), 1, 'editor')).ok).toBe(true);
    expect(await store.createFeature('plots', imported(99, { grade: 'D' }), 'editor')).not.toBeNull();
    expect(features((await tileOf(removedAt)).plots).has(idOf(4))).toBe(false);
    const created = features((await tileOf(createdAt)).plots);
    expect([...created.keys()]).toEqual([idOf(99)]);
    expect(created.get(idOf(99))).toEqual({
      id: idOf(99),
      status: 'identified',
      grade: 'D',
      landUse: '100101',
      mode: 'self-upgrade',
      town: '沙坪街道',
    });
    expect(tiles.builds.map((build) => build.kind)).toEqual(['build', 'update']);
    expect(tiles.builds.at(-1)?.changes).toBe(2);
  });

  it('two edits in quick succession, tiles asked between and after: both shown, by updates only', async () => {
    const at = tileUnder(12, 15);
    await tileOf(at);
    const first = setStatus(idOf(12), 1, 'inspected');
    const second = setStatus(idOf(13), 1, 'completed');
    const between = tileOf(at);
    expect((await first).ok && (await second).ok).toBe(true);
    await between;
    const after = features((await tileOf(at)).plots);
    expect([after.get(idOf(12))?.status, after.get(idOf(13))?.status]).toEqual(['inspected', 'completed']);
    expect(tiles.builds.filter((build) => build.kind === 'build')).toHaveLength(1);
    expect(tiles.builds.at(-1)?.revision).toBe(await store.layerRevision('plots'));
  });

  it('a plot shrunk under 2 px at z10 becomes a dot there (and a shape at z16); grown back, a shape again', async () => {
    const index = 20;
    const low = tileUnder(index, 10);
    const high = tileUnder(index, 16);
    const lon = 112.9 + (index % 50) * 0.003 + 0.001;
    const lat = 22.7 + Math.floor(index / 50) * 0.003 + 0.001;
    const tiny = [
      [
        [lon, lat],
        [lon + 0.00005, lat],
        [lon + 0.00005, lat + 0.00005],
        [lon, lat + 0.00005],
        [lon, lat],
      ],
    ];
    const reshape = (version: number, coordinates: number[][][]) =>
      store.updateFeature(
        'plots',
        idOf(index),
        version,
        (current) => ({ properties: current.properties, geometry: { type: 'Polygon', coordinates } }),
        'editor',
      );
    const before = await tileOf(low);
    expect(features(before.plots).has(idOf(index))).toBe(true);
    expect(features(before['plots-points']).has(idOf(index))).toBe(false);
    expect((await reshape(1, tiny)).ok).toBe(true);
    const shrunk = await tileOf(low);
    expect(features(shrunk.plots).has(idOf(index))).toBe(false);
    expect(features(shrunk['plots-points']).get(idOf(index))?.status).toBe('identified');
    expect(features((await tileOf(high)).plots).has(idOf(index))).toBe(true);
    expect((await reshape(2, plotFeature(index).geometry.coordinates)).ok).toBe(true);
    const grown = await tileOf(low);
    expect(features(grown.plots).has(idOf(index))).toBe(true);
    expect(features(grown['plots-points']).has(idOf(index))).toBe(false);
    expect(tiles.builds.map((build) => build.kind)).toEqual(['build', 'update', 'update']);
  });

  it('a plot moved 0.2° away (into another piece of the index): gone from its old tile, in its new one, once in a z8 tile over both', async () => {
    const index = 8;
    const oldAt = tileUnder(index, 15);
    const overview = tileUnder(index, 8);
    expect(features((await tileOf(oldAt)).plots).has(idOf(index))).toBe(true);
    await tileOf(overview);
    const moved = plotFeature(index).geometry.coordinates.map((ring) =>
      ring.map(([lon, lat]) => [(lon as number) + 0.2, lat as number]),
    );
    const result = await store.updateFeature(
      'plots',
      idOf(index),
      1,
      (current) => ({ properties: current.properties, geometry: { type: 'Polygon', coordinates: moved } }),
      'editor',
    );
    expect(result.ok).toBe(true);
    expect(features((await tileOf(oldAt)).plots).has(idOf(index))).toBe(false);
    // Plot 8 + 0.2° is where plot 8 + 66⅔ columns would be: its own tile at z15.
    const lon = 112.9 + index * 0.003 + 0.201;
    const sin = Math.sin((22.701 * Math.PI) / 180);
    const newAt = {
      z: 15,
      x: Math.floor(((lon + 180) / 360) * 2 ** 15),
      y: Math.floor((0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * 2 ** 15),
    };
    expect([...features((await tileOf(newAt)).plots).keys()]).toEqual([idOf(index)]);
    const z8 = await tileOf(overview);
    const ids = [...features(z8.plots).keys(), ...features(z8['plots-points']).keys()];
    expect(ids.filter((id) => id === idOf(index))).toHaveLength(1);
    // The others, 300 m apart, are density points at z8 (one per cell and status, with their count).
    const points = z8['plots-points'];
    let counted = 0;
    for (let i = 0; i < (points?.length ?? 0); i++) {
      const properties = points?.feature(i).properties;
      counted += properties?.id === undefined ? Number(properties?.count) : 1;
    }
    expect(features(z8.plots).size + counted).toBe(PLOTS);
    expect(tiles.builds.map((build) => build.kind)).toEqual(['build', 'update']);
  });

  it('an update drops the cached tiles the feature touches and keeps the others', async () => {
    const near = tileUnder(30, 16);
    const far = tileUnder(0, 16);
    await tileOf(near);
    await tileOf(far);
    expect((await setStatus(idOf(30), 1, 'inspected')).ok).toBe(true);
    expect(features((await tileOf(near)).plots).get(idOf(30))?.status).toBe('inspected');
    expect(tiles.builds.at(-1)?.droppedTiles).toBe(1);
    expect(features((await tileOf(far)).plots).has(idOf(0))).toBe(true);
  });

  it('when the store cannot say what changed, the index is rebuilt from the snapshot (and is right)', async () => {
    const at = tileUnder(5, 14);
    const blind: Store = Object.assign(Object.create(store) as Store, {
      layerChanges: async () => null,
    });
    const service = new TileService(blind, { storeTiles: false });
    try {
      await service.tile('plots', at.z, at.x, at.y, false);
      expect((await setStatus(idOf(5), 1, 'completed')).ok).toBe(true);
      const after = decode((await service.tile('plots', at.z, at.x, at.y, false)).tile);
      expect(features(after.plots).get(idOf(5))?.status).toBe('completed');
      expect(service.builds.map((build) => build.kind)).toEqual(['build', 'build']);
    } finally {
      await service.close();
    }
  });

  it('a write by another process or app server: rebuilt on SQLite, followed per feature on PostgreSQL', async () => {
    const at = tileUnder(6, 14);
    await tileOf(at);
    const second = await other();
    expect((await second.deleteFeature('plots', idOf(6), 1, 'cli')).ok).toBe(true);
    expect(features((await tileOf(at)).plots).has(idOf(6))).toBe(false);
    expect(tiles.builds.map((build) => build.kind)).toEqual(
      kind === 'sqlite' ? ['build', 'build'] : ['build', 'update'],
    );
  });
});
