// Two layers read in parts at once after a start (the data table asks for plots and parks together):
// the SQLite store's reader connection takes them in turn — it once began the second read inside the
// first one's transaction ("cannot start a transaction within a transaction").
import { join } from 'node:path';
import type { Geometry } from 'geojson';
import { expect, it } from 'vitest';
import { SqliteStore } from '../../src/server/store/sqlite.ts';
import { plotFeature, tempRoot } from './helpers.ts';

it('reads two large layers at once after a start, each whole', async () => {
  const dataDir = join(tempRoot(), 'data');
  const count = 4500; // more than two parts of 2 000 rows each, so each read yields between parts
  const features = (prefix: string) =>
    Array.from({ length: count }, (_, index) => {
      const plot = plotFeature(index + 1);
      return {
        properties: { ...plot.properties, id: `${prefix}-${index + 1}` },
        geometry: plot.geometry as Geometry,
        version: null,
      };
    });
  const writer = SqliteStore.open(dataDir);
  expect((await writer.importLayer('plots', features('P'), 'seed', 'test')).ok).toBe(true);
  expect((await writer.importLayer('newland', features('N'), 'seed', 'test')).ok).toBe(true);
  await writer.close();
  const store = SqliteStore.open(dataDir);
  try {
    const [plots, newland] = await Promise.all([
      store.layerSnapshot('plots'),
      store.layerSnapshot('newland'),
    ]);
    expect(plots.features?.length).toBe(count);
    expect(newland.features?.length).toBe(count);
  } finally {
    await store.close();
  }
});
