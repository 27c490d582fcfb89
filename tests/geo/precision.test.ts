// Outlines rounded to terra-draw's precision (src/geo/precision.ts): a zone saved with the float noise
// of a computation (112.90400000000001) is taken in by the planner's map instead of refused.
import { describe, expect, it } from 'vitest';
import { roundPolygon, roundTo } from '../../src/geo/precision.ts';

describe('rounded positions', () => {
  it('rounds every position of every ring to the decimals asked, dropping a height', () => {
    expect(roundTo(112.90400000000001, 9)).toBe(112.904);
    expect(roundTo(-22.7040000000001, 9)).toBe(-22.704);
    expect(
      roundPolygon(
        {
          type: 'Polygon',
          coordinates: [
            [
              [112.90400000000001, 22.7, 30],
              [112.9000000004, 22.7040000000001],
              [112.8999999996, 22.6999999999999],
              [112.90400000000001, 22.7, 30],
            ],
          ],
        },
        9,
      ),
    ).toEqual({
      type: 'Polygon',
      coordinates: [
        [
          [112.904, 22.7],
          [112.9, 22.704],
          [112.9, 22.7],
          [112.904, 22.7],
        ],
      ],
    });
  });
});
