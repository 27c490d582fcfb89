import type { Feature } from 'geojson';
import { describe, expect, it } from 'vitest';
import { featuresInArea, parksOfFeature, relateToArea } from '../../src/geo/relate.ts';

function square(id: string, west: number, south: number, size: number, name = id): Feature {
  return {
    type: 'Feature',
    id,
    properties: { id, name },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [west, south],
          [west + size, south],
          [west + size, south + size],
          [west, south + size],
          [west, south],
        ],
      ],
    },
  };
}

const parkA = square('P-A', 112.8, 22.7, 0.1, '鹤山工业城');
const parkB = square('P-B', 112.9, 22.7, 0.1, '中欧雅瑶新兴产业园');
const parks = [parkA, parkB];

describe('parksOfFeature', () => {
  it('finds the park a plot lies within', () => {
    const plot = square('HS-DX-0001', 112.82, 22.72, 0.01);
    expect(parksOfFeature(plot, parks)).toEqual([{ id: 'P-A', name: '鹤山工业城', relation: 'within' }]);
  });

  it('reports a plot across two parks as crossing both', () => {
    const plot = square('HS-DX-0002', 112.895, 22.75, 0.01);
    expect(parksOfFeature(plot, parks).map((park) => [park.id, park.relation])).toEqual([
      ['P-A', 'crosses'],
      ['P-B', 'crosses'],
    ]);
  });

  it('finds nothing for a plot outside every park', () => {
    expect(parksOfFeature(square('HS-DX-0003', 113.2, 22.9, 0.01), parks)).toEqual([]);
  });

  it('places a project point in its park', () => {
    const point: Feature = {
      type: 'Feature',
      properties: { id: 'XM-1' },
      geometry: { type: 'Point', coordinates: [112.95, 22.75] },
    };
    expect(parksOfFeature(point, parks)).toEqual([
      { id: 'P-B', name: '中欧雅瑶新兴产业园', relation: 'within' },
    ]);
  });

  it('judges a MultiPolygon by all its parts', () => {
    const a = square('x', 112.81, 22.71, 0.01).geometry;
    const b = square('y', 112.85, 22.75, 0.01).geometry;
    const c = square('z', 113.5, 22.75, 0.01).geometry;
    if (a?.type !== 'Polygon' || b?.type !== 'Polygon' || c?.type !== 'Polygon') throw new Error('fixture');
    const inside: Feature = {
      type: 'Feature',
      properties: { id: 'M-1' },
      geometry: { type: 'MultiPolygon', coordinates: [a.coordinates, b.coordinates] },
    };
    const partly: Feature = {
      type: 'Feature',
      properties: { id: 'M-2' },
      geometry: { type: 'MultiPolygon', coordinates: [a.coordinates, c.coordinates] },
    };
    expect(parksOfFeature(inside, parks)[0]?.relation).toBe('within');
    expect(parksOfFeature(partly, parks)[0]?.relation).toBe('crosses');
  });

  it('returns nothing for a feature without geometry', () => {
    expect(parksOfFeature({ type: 'Feature', properties: {}, geometry: null as never }, parks)).toEqual([]);
  });

  it('relateToArea says null when apart', () => {
    const far = square('far', 114, 23, 0.01).geometry;
    const park = parkA.geometry;
    if (!far || park?.type !== 'Polygon') throw new Error('fixture');
    expect(relateToArea(far, park)).toBeNull();
  });
});

describe('featuresInArea', () => {
  it('lists the plots a park holds or crosses, and skips the rest', () => {
    const inside = square('HS-DX-0001', 112.82, 22.72, 0.01);
    const across = square('HS-DX-0002', 112.895, 22.75, 0.01);
    const outside = square('HS-DX-0003', 113.2, 22.9, 0.01);
    const related = featuresInArea(parkA, [inside, across, outside]);
    expect(related.map((r) => [r.feature.id, r.relation])).toEqual([
      ['HS-DX-0001', 'within'],
      ['HS-DX-0002', 'crosses'],
    ]);
    expect(featuresInArea({ ...outside, geometry: null as never }, [inside])).toEqual([]);
  });
});
