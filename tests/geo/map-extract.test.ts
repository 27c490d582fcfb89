// The dossier's map extract: the plot centred and fitted in the frame, true to the ground (a 0.001° ×
// 0.001° square at Heshan measures 102.6 m east–west and 110.7 m north–south), and a round scale bar.
import type { Polygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import { mapExtract, roundLength } from '../../src/geo/map-extract.ts';

const square = (x: number, y: number, d = 0.001): Polygon => ({
  type: 'Polygon',
  coordinates: [
    [
      [x, y],
      [x + d, y],
      [x + d, y + d],
      [x, y + d],
      [x, y],
    ],
  ],
});

describe('mapExtract', () => {
  const extract = mapExtract({
    plot: square(112.96, 22.77),
    neighbours: [{ id: 'N', geometry: square(112.961, 22.77) }],
    parks: [{ id: 'P', geometry: null }],
    width: 180,
    height: 120,
    margin: 0.5,
  });

  it('fits the plot in the middle half of the frame, north up', () => {
    // North–south (110.7 m) is the larger ground side against the frame's 60 mm of 120 × 0.5.
    expect(extract.unitsPerMetre * 110.7).toBeCloseTo(60, 0);
    const numbers = extract.plot.match(/-?\d+(\.\d+)?/g)?.map(Number) ?? [];
    const xs = numbers.filter((_, index) => index % 2 === 0);
    const ys = numbers.filter((_, index) => index % 2 === 1);
    expect((Math.min(...xs) + Math.max(...xs)) / 2).toBeCloseTo(90, 1);
    expect((Math.min(...ys) + Math.max(...ys)) / 2).toBeCloseTo(60, 1);
    // The first vertex (south-west) is lower on paper than the third (north-east).
    expect(ys[0]).toBeGreaterThan(ys[2] as number);
    // East–west 102.6 m at the same scale.
    expect((Math.max(...xs) - Math.min(...xs)) / extract.unitsPerMetre).toBeCloseTo(102.6, 0);
  });

  it('draws neighbours, leaves out empty geometries, and gives a round scale bar', () => {
    expect(extract.neighbours).toHaveLength(1);
    expect(extract.parks).toEqual([]);
    expect(extract.scaleBar.metres).toBe(50);
    expect(extract.scaleBar.label).toBe('50 米');
    expect(extract.scaleBar.length).toBeCloseTo(50 * extract.unitsPerMetre, 1);
    expect(extract.scaleDenominator).toBe(Math.round(1000 / extract.unitsPerMetre));
  });

  it('rounds lengths to 1, 2 or 5 × 10ⁿ', () => {
    expect([roundLength(7), roundLength(49), roundLength(199), roundLength(1200)]).toEqual([
      5, 20, 100, 1000,
    ]);
  });
});
