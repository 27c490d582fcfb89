// Snapping search on a hand-made layer with a linear "projection" (1e-5° = 1 px, y down, as on screen).
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { buildSnapIndex, snapPosition } from '../../src/geo/zone-snap.ts';
import { checkZoneOutline } from '../../src/geo/zone-validate.ts';

const SCALE = 1e5;
const project = (lng: number, lat: number) => ({ x: (lng - 113) * SCALE, y: (23 - lat) * SCALE });
const unproject = (x: number, y: number) => ({ lng: 113 + x / SCALE, lat: 23 - y / SCALE });

const square = (x0: number, y0: number, size: number): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x0, y0],
      [x0 + size, y0],
      [x0 + size, y0 + size],
      [x0, y0 + size],
      [x0, y0],
    ],
  ],
});

// A plot 100 px square whose south-west corner is at screen (100, 200) → (113.001, 22.998).
const plot = square(113.001, 22.998, 0.001);
const index = buildSnapIndex([plot, null, { type: 'Point', coordinates: [113, 23] }]);

describe('snapPosition', () => {
  it('snaps to a corner a few pixels off, returning the stored vertex exactly', () => {
    const corner = project(113.001, 22.998);
    expect(snapPosition(index, corner.x + 3, corner.y - 4, 10, project, unproject)).toEqual([
      113.001, 22.998,
    ]);
  });

  it('prefers a corner within reach over a nearer edge', () => {
    const stored = plot.coordinates[0]?.[1] as [number, number];
    const corner = project(stored[0], stored[1]);
    // 1 px from the bottom edge, 6 px from the corner along it.
    expect(snapPosition(index, corner.x - 6, corner.y + 1, 10, project, unproject)).toEqual(stored);
  });

  it('snaps to the nearest point of an edge away from corners', () => {
    const mid = project(113.0015, 22.998);
    const snapped = snapPosition(index, mid.x, mid.y + 5, 10, project, unproject);
    expect(snapped?.[0]).toBeCloseTo(113.0015, 9);
    expect(snapped?.[1]).toBeCloseTo(22.998, 9);
  });

  it('leaves a pointer beyond the tolerance alone', () => {
    const mid = project(113.0015, 22.9985);
    expect(snapPosition(index, mid.x, mid.y, 10, project, unproject)).toBeNull();
    expect(snapPosition(buildSnapIndex([]), 0, 0, 10, project, unproject)).toBeNull();
  });
});

describe('checkZoneOutline', () => {
  it('accepts a square plot-sized zone', () => {
    expect(checkZoneOutline(square(113, 22.7, 0.001), true)).toEqual({ valid: true, reason: null });
  });

  it('refuses a bow tie while drawing and when finished', () => {
    const bowTie: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [113, 22.7],
          [113.001, 22.701],
          [113.001, 22.7],
          [113, 22.701],
          [113, 22.7],
        ],
      ],
    };
    expect(checkZoneOutline(bowTie, false).reason).toBe('self-intersecting');
    expect(checkZoneOutline(bowTie, true).reason).toBe('self-intersecting');
  });

  it('refuses under 0.1 亩 only once finished', () => {
    // 0.00005° ≈ 5 m a side: ~26 m², under 66.7 m².
    const tiny = square(113, 22.7, 0.00005);
    expect(checkZoneOutline(tiny, false).valid).toBe(true);
    expect(checkZoneOutline(tiny, true).reason).toBe('too-small');
    // 0.0001° ≈ 10 m a side: ~105 m², over.
    expect(checkZoneOutline(square(113, 22.7, 0.0001), true).valid).toBe(true);
  });

  it('refuses a finished outline of fewer than three distinct vertices', () => {
    const line: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [113, 22.7],
          [113.001, 22.7],
          [113, 22.7],
        ],
      ],
    };
    expect(checkZoneOutline(line, true).reason).toBe('too-few-vertices');
  });
});

describe('checkZoneOutline while drawing', () => {
  it('takes the repeated pointer vertex of a growing outline for no crossing', () => {
    const growing: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [113, 22.7],
          [113.001, 22.7],
          [113.001, 22.701],
          [113.001, 22.701],
          [113, 22.7],
        ],
      ],
    };
    expect(checkZoneOutline(growing, false)).toEqual({ valid: true, reason: null });
  });
});

describe('snapPosition over several indexes (the store’s plots and a region’s, indexed apart)', () => {
  it('finds the nearest corner across indexes, as one index over both would', () => {
    const near = square(113.0015, 22.9985, 0.0002);
    const apart = [index, buildSnapIndex([near]), buildSnapIndex([])];
    const together = buildSnapIndex([plot, near]);
    const corner = project(113.0015, 22.9985);
    for (const [dx, dy] of [
      [3, -4],
      [-2, 1],
      [40, 40],
    ] as const) {
      expect(snapPosition(apart, corner.x + dx, corner.y + dy, 10, project, unproject)).toEqual(
        snapPosition(together, corner.x + dx, corner.y + dy, 10, project, unproject),
      );
    }
    expect(snapPosition(apart, corner.x + 3, corner.y - 4, 10, project, unproject)).toEqual([
      113.0015, 22.9985,
    ]);
    expect(snapPosition([], 0, 0, 10, project, unproject)).toBeNull();
  });
});
