// The region of tiled layers the zone tools fetch (src/geo/zone-region.ts): which box to fetch given
// what was fetched, the outline and the view; when a readout is complete; which fetched features are new.
import type { Feature, Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import {
  type Box,
  type FetchedBox,
  freshFeatures,
  isCovered,
  planRegionFetch,
  polygonBox,
} from '../../src/geo/zone-region.ts';

const rectangle = (w: number, s: number, e: number, n: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [w, s],
      [e, s],
      [e, n],
      [w, n],
      [w, s],
    ],
  ],
});

const view: Box = [112.9, 22.7, 113.0, 22.8];

describe('polygonBox', () => {
  it('is the outer ring’s box; a polygon without positions has none', () => {
    expect(polygonBox(rectangle(112.91, 22.71, 112.93, 22.74))).toEqual([112.91, 22.71, 112.93, 22.74]);
    expect(polygonBox({ type: 'Polygon', coordinates: [] })).toBeNull();
  });
});

describe('planRegionFetch', () => {
  it('when drawing starts (nothing fetched): the view doubled about its centre', () => {
    const target = planRegionFetch([], view, view);
    expect(target?.map((v) => Number(v.toFixed(6)))).toEqual([112.85, 22.65, 113.05, 22.85]);
  });

  it('nothing while the outline lies inside a box fetched whole, edges touching included', () => {
    const fetched: FetchedBox[] = [{ box: [112.85, 22.65, 113.05, 22.85], complete: true }];
    expect(planRegionFetch(fetched, [112.92, 22.72, 112.95, 22.75], view)).toBeNull();
    expect(planRegionFetch(fetched, [112.85, 22.65, 113.05, 22.85], view)).toBeNull();
    expect(isCovered(fetched, [112.85, 22.65, 113.05, 22.85])).toBe(true);
  });

  it('the outline leaving the fetched box: the outline and the view together, doubled', () => {
    const fetched: FetchedBox[] = [{ box: [112.85, 22.65, 113.05, 22.85], complete: true }];
    const outline: Box = [112.95, 22.75, 113.1, 22.8];
    expect(isCovered(fetched, outline)).toBe(false);
    const target = planRegionFetch(fetched, outline, view) as Box;
    // Union [112.9, 22.7, 113.1, 22.8] doubled: 0.4° × 0.2° about (113.0, 22.75).
    expect(target.map((v) => Number(v.toFixed(6)))).toEqual([112.8, 22.65, 113.2, 22.85]);
    expect(isCovered([...fetched, { box: target, complete: true }], outline)).toBe(true);
  });

  it('a box fetched truncated covers nothing; one inside the target makes it too dense to ask again', () => {
    // The county view came back truncated: the view is not covered, and asking again is pointless.
    const county: Box = [112.5, 22.4, 113.2, 23.0];
    const truncated: FetchedBox[] = [{ box: [112.15, 22.1, 113.55, 23.3], complete: false }];
    expect(isCovered(truncated, county)).toBe(false);
    expect(planRegionFetch(truncated, county, county)).toBeNull();
    // A small outline drawn at that view: the outline alone, doubled, may still come whole.
    const outline: Box = [112.9, 22.7, 112.91, 22.71];
    const target = planRegionFetch(truncated, outline, county) as Box;
    expect(target.map((v) => Number(v.toFixed(6)))).toEqual([112.895, 22.695, 112.915, 22.715]);
    // And when that came back truncated too, the readout is incomplete: nothing more to fetch.
    const both: FetchedBox[] = [...truncated, { box: target, complete: false }];
    expect(planRegionFetch(both, outline, county)).toBeNull();
    expect(isCovered(both, outline)).toBe(false);
  });

  it('a box of one point grows to a small box; boxes stay within longitude ±180 and latitude ±90', () => {
    expect(planRegionFetch([], [113, 23, 113, 23], null)).toEqual([112.9995, 22.9995, 113.0005, 23.0005]);
    expect(planRegionFetch([], [-180, -90, 180, 90], null)).toEqual([-180, -90, 180, 90]);
  });
});

describe('freshFeatures', () => {
  const plot = (id: string, version: number): Feature => ({
    type: 'Feature',
    id,
    properties: { id, version },
    geometry: rectangle(112.9, 22.7, 112.91, 22.71),
  });

  it('adds ids not held and newer versions; skips held ones, older copies and features without id', () => {
    const held = new Map<string, number>();
    expect(freshFeatures(held, [plot('HS-1', 1), plot('鹤山-2', 3)]).map((f) => f.id)).toEqual([
      'HS-1',
      '鹤山-2',
    ]);
    const again = freshFeatures(held, [
      plot('HS-1', 1),
      plot('鹤山-2', 2),
      plot('HS-3', 1),
      plot('HS-1', 2),
      { type: 'Feature', properties: {}, geometry: null } as Feature<Polygon | null> as Feature,
    ]);
    expect(again.map((f) => [f.id, f.properties?.version])).toEqual([
      ['HS-3', 1],
      ['HS-1', 2],
    ]);
    expect([...held]).toEqual([
      ['HS-1', 2],
      ['鹤山-2', 3],
      ['HS-3', 1],
    ]);
  });
});
