// The snap index is built when drawing starts, not on every layer change (issue 10, item 2): layer
// changes only mark it stale; prepare() builds once per change; a region's plots are added per batch.
import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { SnapTargets } from '../../../../src/app/zones/draw/snap-targets.ts';
import { snapPosition } from '../../../../src/geo/zone-snap.ts';

const SCALE = 1e5;
const project = (lng: number, lat: number) => ({ x: (lng - 113) * SCALE, y: (23 - lat) * SCALE });
const unproject = (x: number, y: number) => ({ lng: 113 + x / SCALE, lat: 23 - y / SCALE });

const plot = (id: string, x: number, y: number): Feature => ({
  type: 'Feature',
  id,
  properties: { id, version: 1 },
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + 0.001, y],
        [x + 0.001, y + 0.001],
        [x, y + 0.001],
        [x, y],
      ],
    ],
  },
});

const snapAt = (targets: SnapTargets, lng: number, lat: number) => {
  const point = project(lng, lat);
  return snapPosition(targets.indexes(), point.x + 2, point.y + 2, 10, project, unproject);
};

describe('SnapTargets', () => {
  it('a layer change builds nothing; drawing starting builds once, and not again without a change', () => {
    const targets = new SnapTargets();
    const parks: Feature[] = [];
    const layers = [[plot('A', 113.001, 22.998)], [plot('B', 113.003, 22.998)], [plot('C', 113.005, 22.998)]];
    for (const plots of layers) targets.setSource(plots, parks);
    expect(targets.builds).toBe(0);
    expect(snapAt(targets, 113.005, 22.998)).toBeNull();
    targets.prepare();
    targets.prepare();
    expect(targets.builds).toBe(1);
    // The last source is what was indexed.
    expect(snapAt(targets, 113.005, 22.998)).toEqual([113.005, 22.998]);
    expect(snapAt(targets, 113.001, 22.998)).toBeNull();
    // The same arrays again are no change; a new one is indexed at the next start only.
    targets.setSource(layers[2], parks);
    targets.prepare();
    expect(targets.builds).toBe(1);
    targets.setSource(layers[0], parks);
    expect(targets.builds).toBe(1);
    targets.prepare();
    expect(targets.builds).toBe(2);
    expect(snapAt(targets, 113.001, 22.998)).toEqual([113.001, 22.998]);
  });

  it('adds the region’s plots per batch without re-indexing the store’s, and drops them on a reset', () => {
    const targets = new SnapTargets();
    targets.setSource(undefined, []);
    targets.prepare();
    const region = [plot('R1', 113.002, 22.997)];
    targets.addRegional(1, region);
    expect(snapAt(targets, 113.002, 22.997)).toEqual([113.002, 22.997]);
    const more = [...region, plot('R2', 113.006, 22.997)];
    targets.addRegional(1, more);
    targets.addRegional(1, more);
    expect(targets.indexes()).toHaveLength(3);
    expect(snapAt(targets, 113.006, 22.997)).toEqual([113.006, 22.997]);
    expect(targets.builds).toBe(1);
    // A new drawing session (the region reset): only what it fetched.
    targets.addRegional(2, [plot('R3', 113.009, 22.997)]);
    expect(snapAt(targets, 113.002, 22.997)).toBeNull();
    expect(snapAt(targets, 113.009, 22.997)).toEqual([113.009, 22.997]);
  });
});
