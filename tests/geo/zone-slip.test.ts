// A slip of the pointer is judged on the screen it was drawn on, not on the ground.
import { describe, expect, it } from 'vitest';
import { isSlip } from '../../src/geo/zone-validate.ts';

describe('isSlip', () => {
  it('three clicks within 4 px are a slip at a 12 px threshold', () => {
    expect(
      isSlip(
        [
          [100, 100],
          [104, 100],
          [104, 104],
        ],
        12,
      ),
    ).toBe(true);
  });

  it('an outline wide or tall enough on screen is not, even when thin the other way', () => {
    expect(
      isSlip(
        [
          [100, 100],
          [160, 100],
          [160, 103],
        ],
        12,
      ),
    ).toBe(false);
    expect(
      isSlip(
        [
          [100, 100],
          [103, 100],
          [103, 140],
        ],
        12,
      ),
    ).toBe(false);
  });

  it('no points is no slip (nothing to judge)', () => {
    expect(isSlip([], 12)).toBe(false);
  });
});
