import { booleanPointInPolygon } from '@turf/turf';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { labelPoints } from '../../src/geo/labelPoint.ts';

describe('labelPoints', () => {
  it('puts one point inside the largest part of each polygon, keeping its properties', () => {
    const small = [
      [
        [112.8, 22.7],
        [112.801, 22.7],
        [112.801, 22.701],
        [112.8, 22.7],
      ],
    ];
    const large = [
      [
        [112.9, 22.7],
        [112.95, 22.7],
        [112.95, 22.75],
        [112.9, 22.75],
        [112.9, 22.7],
      ],
    ];
    const parks: FeatureCollection = {
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          id: 'YQ-01',
          properties: { id: 'YQ-01', name: '鹤山工业城' },
          geometry: { type: 'MultiPolygon', coordinates: [small, large] },
        },
        { type: 'Feature', properties: { id: 'P' }, geometry: { type: 'Point', coordinates: [0, 0] } },
      ],
    };
    const points = labelPoints(parks);
    expect(points.features).toHaveLength(1);
    const [label] = points.features;
    expect(label?.properties).toEqual({ id: 'YQ-01', name: '鹤山工业城' });
    expect(label && booleanPointInPolygon(label, { type: 'Polygon', coordinates: large })).toBe(true);
  });
});
