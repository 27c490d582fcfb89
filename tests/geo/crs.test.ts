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
    // Reference: Krüger's series to n⁶ (Karney 2011), computed independently of any library.
    expect(x).toBeCloseTo(2_511_772.678, 2);
    expect(y).toBeCloseTo(38_381_834.535, 2);
  });

  it('round-trips to better than a millimetre', () => {
    const [lon, lat] = gk38ToLonLat(...(Object.values(lonLatToGk38(112.96, 22.77)) as [number, number]));
    expect(lon).toBeCloseTo(112.96, 9);
    expect(lat).toBeCloseTo(22.77, 9);
  });

  it('agrees with PROJ’s tmerc (proj4 2.22, EPSG:4526) to a micrometre across and beyond the zone', () => {
    // Computed with proj4 ('+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=38500000 +y_0=0 +ellps=GRS80'),
    // which the app used before this closed form; 1.5° and 2.5° from the central meridian.
    const references: [number, number, number, number][] = [
      [111.5, 22.5, 2_491_316.3966, 38_242_701.2464],
      [113, 18, 1_991_267.5593, 38_394_090.6375],
      [116.5, 26, 2_879_229.8076, 38_750_343.5362],
    ];
    for (const [lon, lat, x, y] of references) {
      const gk = lonLatToGk38(lon, lat);
      expect(Math.abs(gk.x - x)).toBeLessThan(1e-4);
      expect(Math.abs(gk.y - y)).toBeLessThan(1e-4);
      const [backLon, backLat] = gk38ToLonLat(x, y);
      expect(backLon).toBeCloseTo(lon, 9);
      expect(backLat).toBeCloseTo(lat, 9);
    }
  });
});
