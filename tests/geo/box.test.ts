// The box of a geometry and of many (src/geo/box.ts): the map fits a table's filter to it.
import type { Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { geometryBox, unionBox } from '../../src/geo/box.ts';

describe('boxes', () => {
  it('spans every part and ring of each geometry type; a height is not part of it', () => {
    const cases: [Geometry, readonly number[]][] = [
      [{ type: 'Point', coordinates: [112.9, 22.7, 35] }, [112.9, 22.7, 112.9, 22.7]],
      [
        {
          type: 'LineString',
          coordinates: [
            [112.9, 22.8],
            [113.0, 22.7],
          ],
        },
        [112.9, 22.7, 113.0, 22.8],
      ],
      [
        {
          type: 'Polygon',
          coordinates: [
            [
              [112.9, 22.7],
              [113.0, 22.7],
              [113.0, 22.8],
              [112.9, 22.7],
            ],
            // A hole stays inside the shell: it changes nothing.
            [
              [112.95, 22.72],
              [112.96, 22.72],
              [112.96, 22.73],
              [112.95, 22.72],
            ],
          ],
        },
        [112.9, 22.7, 113.0, 22.8],
      ],
      [
        {
          type: 'MultiPolygon',
          coordinates: [
            [
              [
                [112.9, 22.7],
                [112.91, 22.7],
                [112.91, 22.71],
                [112.9, 22.7],
              ],
            ],
            [
              [
                [113.1, 22.9, 12],
                [113.2, 22.9, 12],
                [113.2, 23.0, 12],
                [113.1, 22.9, 12],
              ],
            ],
          ],
        },
        [112.9, 22.7, 113.2, 23.0],
      ],
      [
        {
          type: 'GeometryCollection',
          geometries: [
            { type: 'Point', coordinates: [112.5, 22.5] },
            { type: 'MultiPoint', coordinates: [[113.5, 23.5]] },
          ],
        },
        [112.5, 22.5, 113.5, 23.5],
      ],
    ];
    for (const [geometry, box] of cases) expect(geometryBox(geometry), geometry.type).toEqual(box);
  });

  it('has none without positions', () => {
    expect(geometryBox(null)).toBeNull();
    expect(geometryBox({ type: 'Polygon', coordinates: [] })).toBeNull();
    expect(geometryBox({ type: 'GeometryCollection', geometries: [] })).toBeNull();
  });

  it('joins boxes, skipping the missing ones', () => {
    expect(unionBox([])).toBeNull();
    expect(unionBox([null, null])).toBeNull();
    expect(
      unionBox([[112.9, 22.7, 113.0, 22.8], null, [112.8, 22.75, 112.95, 22.9], [113.1, 22.6, 113.2, 22.65]]),
    ).toEqual([112.8, 22.6, 113.2, 22.9]);
  });
});
