import { describe, expect, it } from 'vitest';
import { gk38ToLonLat, lonLatToGk38 } from '../../src/geo/crs.ts';

describe('CGCS2000 3° Gauss-Krüger zone 38', () => {
  it('puts the central meridian at Y = 38 500 000 and the equator at X = 0', () => {
    const { x, y } = lonLatToGk38(114, 0);
    expect(x).toBeCloseTo(0, 3);
    expect(y).toBeCloseTo(38_500_000, 3);
  });

  it('gives Heshan coordinates in the ranges survey papers carry', () => {
    const { x, y } = lonLatToGk38(112.85, 22.7);
    expect(x).toBeGreaterThan(2_500_000);
    expect(x).toBeLessThan(2_540_000);
    expect(y).toBeGreaterThan(38_300_000);
    expect(y).toBeLessThan(38_500_000);
    // Reference: Krüger's series to n⁶ (Karney 2011), computed independently of proj4.
    expect(x).toBeCloseTo(2_511_772.678, 2);
    expect(y).toBeCloseTo(38_381_834.535, 2);
  });

  it('round-trips to better than a millimetre', () => {
    const [lon, lat] = gk38ToLonLat(...(Object.values(lonLatToGk38(112.96, 22.77)) as [number, number]));
    expect(lon).toBeCloseTo(112.96, 9);
    expect(lat).toBeCloseTo(22.77, 9);
  });
});
