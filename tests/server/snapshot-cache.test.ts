// The SQLite store's layer snapshot after a write of its own: the cached feature texts are edited in
// the write's transaction, so the next snapshot re-reads no row and still equals, byte for byte, the
// snapshot a fresh store builds from every row. A write by another process, or a write that fails,
// leaves no stale text: the next snapshot is rebuilt.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectionChunks } from '../../src/server/store/rows.ts';
import { SqliteStore } from '../../src/server/store/sqlite.ts';
import type { ImportedFeature, Properties } from '../../src/server/store/types.ts';
import { plotFeature } from './helpers.ts';

const PLOTS = 40;

function imported(index: number, overrides: Record<string, unknown> = {}): ImportedFeature {
  const feature = plotFeature(index, overrides);
  return {
    properties: feature.properties as unknown as Properties,
    geometry: feature.geometry as ImportedFeature['geometry'],
    version: null,
  };
}

let dataDir: string;
let store: SqliteStore;

/** The snapshot a store that never saw these writes builds from the rows. */
async function rebuilt() {
  const fresh = SqliteStore.open(dataDir);
  try {
    const snapshot = await fresh.layerSnapshot('plots');
    expect(fresh.snapshotRowsRead).toBe((await fresh.listFeatures('plots')).length);
    return snapshot;
  } finally {
    await fresh.close();
  }
}

/** Asserts the next snapshot re-reads `rows` rows and equals the rebuilt one byte for byte. */
async function expectSnapshot(rows: number) {
  const readBefore = store.snapshotRowsRead;
  const snapshot = await store.layerSnapshot('plots');
  expect(store.snapshotRowsRead - readBefore).toBe(rows);
  const full = await rebuilt();
  expect(snapshot.revision).toBe(full.revision);
  expect(snapshot.json).toBe(full.json);
  // What the layer route streams is the same text, whatever the piece size.
  for (const size of [1, 7, 1000])
    expect([...collectionChunks(snapshot.features ?? [], size)].join('')).toBe(full.json);
  return snapshot;
}

beforeEach(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'atlas-snapshot-'));
  store = SqliteStore.open(dataDir);
  const seeded = await store.importLayer(
    'plots',
    Array.from({ length: PLOTS }, (_, index) => imported(index)),
    'seed',
    'seed',
  );
  expect(seeded.ok).toBe(true);
  await expectSnapshot(PLOTS);
});

afterEach(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('SQLite layer snapshot after a write of this store', () => {
  it('update of one plot: no row re-read, equal to a full rebuild', async () => {
    const id = 'HS-T-0007';
    const result = await store.updateFeature(
      'plots',
      id,
      1,
      (current) => ({
        properties: { ...current.properties, status: 'inspected' } as Properties,
        geometry: current.geometry,
      }),
      'editor',
    );
    expect(result.ok).toBe(true);
    const snapshot = await expectSnapshot(0);
    expect(snapshot.json).toContain('"status":"inspected","version":2}');
  });

  it('create of one plot: no row re-read, the new plot last, equal to a full rebuild', async () => {
    const created = await store.createFeature('plots', imported(PLOTS), 'editor');
    expect(created?.id).toBe(`HS-T-00${PLOTS}`);
    const snapshot = await expectSnapshot(0);
    expect(snapshot.json.lastIndexOf('{"type":"Feature",')).toBe(
      snapshot.json.indexOf(`{"type":"Feature","id":"HS-T-00${PLOTS}"`),
    );
  });

  it('delete of one plot: no row re-read, equal to a full rebuild', async () => {
    const result = await store.deleteFeature('plots', 'HS-T-0003', 1, 'editor');
    expect(result.ok).toBe(true);
    const snapshot = await expectSnapshot(0);
    expect(snapshot.json).not.toContain('"HS-T-0003"');
  });

  it('delete then create of the same id: it moves to the end, as its new row does', async () => {
    expect((await store.deleteFeature('plots', 'HS-T-0000', 1, 'editor')).ok).toBe(true);
    expect(await store.createFeature('plots', imported(0, { grade: 'D' }), 'editor')).not.toBeNull();
    const snapshot = await expectSnapshot(0);
    expect(snapshot.json.indexOf('"HS-T-0000"')).toBeGreaterThan(
      snapshot.json.indexOf(`"HS-T-00${PLOTS - 1}"`),
    );
  });

  it('merge import (one changed, one new) and replace import (one dropped): no row re-read, equal to a full rebuild', async () => {
    const merged = await store.importLayer(
      'plots',
      [imported(5, { grade: 'B' }), imported(PLOTS + 1)],
      'merge',
      'editor',
    );
    expect(merged.ok && merged.summary).toEqual({
      created: 1,
      updated: 1,
      unchanged: 0,
      deleted: 0,
      overwritten: 0,
    });
    await expectSnapshot(0);
    const kept = Array.from({ length: PLOTS }, (_, index) =>
      imported(index, index === 5 ? { grade: 'B' } : {}),
    );
    const replaced = await store.importLayer('plots', kept.slice(1), 'replace', 'editor');
    expect(replaced.ok && replaced.summary).toEqual({
      created: 0,
      updated: 0,
      unchanged: PLOTS - 1,
      deleted: 2,
      overwritten: 0,
    });
    const snapshot = await expectSnapshot(0);
    expect(snapshot.json).not.toContain('"HS-T-0000"');
  });

  it('an inspection that changes its plot: no row re-read, equal to a full rebuild', async () => {
    const result = await store.recordInspection(
      { plotId: 'HS-T-0009', date: '2026-11-30', findings: 'fenced', status: 'inspected' },
      'inspector',
      (plot) => ({
        properties: { ...plot.properties, status: 'inspected' } as Properties,
        geometry: plot.geometry,
      }),
    );
    expect(result.ok).toBe(true);
    await expectSnapshot(0);
  });

  it('a write by another process on the same file: the snapshot is rebuilt from every row', async () => {
    const other = SqliteStore.open(dataDir);
    try {
      expect((await other.deleteFeature('plots', 'HS-T-0001', 1, 'cli')).ok).toBe(true);
    } finally {
      await other.close();
    }
    // This store's own write after it: the revision is not the cache's, so the cache is dropped.
    expect((await store.deleteFeature('plots', 'HS-T-0002', 1, 'editor')).ok).toBe(true);
    const snapshot = await expectSnapshot(PLOTS - 2);
    expect(snapshot.json).not.toContain('"HS-T-0001"');
    expect(snapshot.json).not.toContain('"HS-T-0002"');
  });

  it('a write that fails and is rolled back: the snapshot is rebuilt and shows no trace of it', async () => {
    await expect(
      store.recordInspection(
        { plotId: 'HS-T-0004', date: '2026-11-30', findings: 'x', status: 'inspected' },
        'inspector',
        (plot) => {
          throw new Error(`refused ${plot.id}`);
        },
      ),
    ).rejects.toThrow('refused HS-T-0004');
    // The revision is the one before it, and so is the snapshot already built for it.
    await expectSnapshot(0);
    // The failure dropped the cached texts: the next write's snapshot reads every row once.
    expect((await store.deleteFeature('plots', 'HS-T-0004', 1, 'editor')).ok).toBe(true);
    await expectSnapshot(PLOTS - 1);
    expect((await store.deleteFeature('plots', 'HS-T-0005', 1, 'editor')).ok).toBe(true);
    await expectSnapshot(0);
  });
});

describe('SQLite layer snapshot read in parts (the first read after a start or an import)', () => {
  async function replacePlots(count: number) {
    const seeded = await store.importLayer(
      'plots',
      Array.from({ length: count }, (_, index) => imported(index)),
      'replace',
      'seed',
    );
    expect(seeded.ok).toBe(true);
  }

  it('5 000 plots: read in parts with the event loop free between them, equal to a full rebuild', async () => {
    await replacePlots(5000);
    const cold = SqliteStore.open(dataDir);
    try {
      let turns = 0;
      let ticking = true;
      const tick = () => {
        if (!ticking) return;
        turns += 1;
        setImmediate(tick);
      };
      setImmediate(tick);
      const snapshot = await cold.layerSnapshot('plots');
      ticking = false;
      // 5 000 rows in parts of 2 000: three parts, the event loop ran between them.
      expect(turns).toBeGreaterThanOrEqual(2);
      expect(cold.snapshotRowsRead).toBe(5000);
      const full = await store.layerSnapshot('plots');
      expect(snapshot.revision).toBe(full.revision);
      expect(snapshot.json).toBe(full.json);
    } finally {
      await cold.close();
    }
  });

  it('three readers at once share one read', async () => {
    const cold = SqliteStore.open(dataDir);
    try {
      const [a, b, c] = await Promise.all([
        cold.layerSnapshot('plots'),
        cold.layerSnapshot('plots'),
        cold.layerSnapshot('plots'),
      ]);
      expect(cold.snapshotRowsRead).toBe(PLOTS);
      expect(a).toBe(b);
      expect(b).toBe(c);
    } finally {
      await cold.close();
    }
  });

  it('a write while the parts are read: the answer is the revision after it, never the one before', async () => {
    await replacePlots(5000);
    const cold = SqliteStore.open(dataDir);
    try {
      const reading = cold.layerSnapshot('plots');
      // Lands between two parts: the read's state is then older than the file's.
      const edited = cold.deleteFeature('plots', 'HS-T-0003', 1, 'editor');
      const [snapshot, deleted] = await Promise.all([reading, edited]);
      expect(deleted.ok).toBe(true);
      expect(snapshot.revision).toBe(await cold.layerRevision('plots'));
      expect(snapshot.json).not.toContain('"HS-T-0003"');
      const fresh = await store.layerSnapshot('plots');
      expect(snapshot.json).toBe(fresh.json);
    } finally {
      await cold.close();
    }
  });
});
