// 所在园区, one rule (src/geo/park-of.ts): each fixture feature (tests/fixtures/park-of/features.geojson,
// open it over parks.geojson on a map: the fill is the expected park's) carries the park it must get in
// `expected` — the larger overlap of two parks, a plot wholly inside one, a tie of two parks of the same
// shape (the smaller id, listed second), points, and features in no park.
import { readFileSync } from 'node:fs';
import type { Feature, FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { featureId } from '../../src/domain/feature-id.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import { parkOfEach, parkOfPairs, parkOfSteps } from '../../src/geo/park-of.ts';

const fixture = (name: string) =>
  JSON.parse(readFileSync(`tests/fixtures/park-of/${name}`, 'utf8')) as FeatureCollection;
const parks = fixture('parks.geojson').features;
const features = fixture('features.geojson').features;

const parkIdOf = (index: number) => (index >= 0 ? featureId(parks[index] as Feature) : null);

describe('parkOfEach', () => {
  const { park, areaM2 } = parkOfEach(features, parks);

  it.each(features.map((feature, index) => [String(feature.properties?.note), index] as const))(
    '%s',
    (_note, index) => {
      expect(parkIdOf(park[index] as number)).toBe(features[index]?.properties?.expected);
    },
  );

  it('gives each feature its ellipsoidal area (0 for a point)', () => {
    features.forEach((feature, index) => {
      expect(areaM2[index]).toBeCloseTo(geometryAreaM2(feature.geometry), 1);
    });
    expect(areaM2[features.findIndex((f) => f.properties?.id === 'T-point-in')]).toBe(0);
  });

  it('does not depend on the order of the parks', () => {
    const reversed = [...parks].reverse();
    const again = parkOfEach(features, reversed);
    const ids = Array.from(again.park, (index) =>
      index >= 0 ? featureId(reversed[index] as Feature) : null,
    );
    expect(ids).toEqual(Array.from(park, parkIdOf));
  });

  it('comes out the same in steps of one feature', () => {
    const steps = parkOfSteps(features, parks, 1);
    const done: number[] = [];
    for (;;) {
      const next = steps.next();
      if (next.done) {
        expect(Array.from(next.value.park)).toEqual(Array.from(park));
        break;
      }
      done.push(next.value);
    }
    expect(done).toEqual(features.map((_, index) => index + 1));
  });
});

describe('parkOfPairs', () => {
  it('takes the larger overlap, on a tie the smaller id, and −1 without any', () => {
    const ids = ['PK-2', 'PK-1', 'PK-3'];
    const pairs = [
      { a: 0, b: 0, m2: 10 },
      { a: 0, b: 1, m2: 30 },
      { a: 1, b: 0, m2: 5 },
      { a: 1, b: 1, m2: 5 },
      { a: 1, b: 2, m2: 4 },
    ];
    expect(Array.from(parkOfPairs(3, pairs, ids))).toEqual([1, 1, -1]);
  });
});
