// A layer of identical polygons: `count` copies of the real Heshan outline (geodata/boundary.geojson,
// 1 767 distinct vertices). Every pair coincides: the case that once cost the overlap engine 40 ms a
// pair. Used by tests/server/security/geo-overlap.test.ts and bench/overlap-coincident.ts.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry, Polygon } from 'geojson';

const repo = join(import.meta.dirname, '../..');

export function heshanOutline(): Polygon {
  const boundary = JSON.parse(
    readFileSync(join(repo, 'geodata/boundary.geojson'), 'utf8'),
  ) as FeatureCollection;
  return (boundary.features[0] as Feature<Polygon>).geometry;
}

export function copiesOfOutline(count: number, outline: Polygon = heshanOutline()): Feature<Geometry>[] {
  return Array.from({ length: count }, (_, i) => ({
    type: 'Feature',
    id: `copy-${i}`,
    properties: {},
    geometry: outline,
  }));
}
