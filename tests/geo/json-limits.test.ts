import { describe, expect, it } from 'vitest';
import {
  breaksJsonLimits,
  findNonFiniteNumber,
  findTooDeep,
  findTooDeepValue,
  MAX_JSON_DEPTH,
} from '../../src/geo/json-limits.ts';

describe('findTooDeep', () => {
  it('passes GeoJSON of ordinary depth', () => {
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: { type: 'MultiPolygon', coordinates: [[[[0, 0]]]] } }],
    });
    expect(findTooDeep(text)).toBeNull();
  });
  it('finds the bracket that opens one level too many in arrays nested 10 000 deep', () => {
    const text = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    expect(findTooDeep(text)).toEqual({ offset: MAX_JSON_DEPTH, depth: MAX_JSON_DEPTH + 1 });
  });
  it('ignores brackets inside strings, escaped quotes included', () => {
    const text = JSON.stringify({ note: `\\"${'['.repeat(500)}` });
    expect(findTooDeep(text, 2)).toBeNull();
  });
  it('counts objects and arrays alike', () => {
    expect(findTooDeep('{"a":[{"b":[1]}]}', 3)).toEqual({ offset: 11, depth: 4 });
  });
});

describe('findNonFiniteNumber', () => {
  it('names the path of 1e309 in a property', () => {
    expect(findNonFiniteNumber(JSON.parse('{"properties":{"far":1e309}}'))).toEqual(['properties', 'far']);
  });
  it('names the path of -1e309 inside a position', () => {
    const value = JSON.parse('{"coordinates":[[[0,0],[1,-1e309]]]}');
    expect(findNonFiniteNumber(value)).toEqual(['coordinates', 0, 1, 1]);
  });
  it('returns null for finite values and a bare Infinity at the root', () => {
    expect(findNonFiniteNumber({ a: [1, 2, { b: 3 }] })).toBeNull();
    expect(findNonFiniteNumber(Number.POSITIVE_INFINITY)).toEqual([]);
  });
});

describe('breaksJsonLimits and findTooDeepValue (a value that arrives parsed)', () => {
  const nested = (depth: number): unknown => {
    let value: unknown = [0, 0];
    for (let i = 1; i < depth; i++) value = [value];
    return value;
  };
  it('passes ordinary GeoJSON, positions included', () => {
    const value = {
      type: 'MultiPolygon',
      coordinates: [
        [
          [
            [113, 22.7],
            [113.1, 22.7],
            [113, 22.8],
            [113, 22.7],
          ],
        ],
      ],
    };
    expect(breaksJsonLimits(value)).toBeNull();
    expect(findTooDeepValue(value)).toBeNull();
  });
  it('finds arrays nested one level too deep, and where, without recursion (100 000 deep)', () => {
    expect(breaksJsonLimits(nested(MAX_JSON_DEPTH))).toBeNull();
    expect(breaksJsonLimits(nested(MAX_JSON_DEPTH + 1))).toBe('too-deep');
    expect(findTooDeepValue(nested(MAX_JSON_DEPTH + 1))).toEqual(new Array(MAX_JSON_DEPTH).fill(0));
    expect(breaksJsonLimits(nested(100_000))).toBe('too-deep');
  });
  it('finds Infinity in a position, a property and at the root', () => {
    expect(
      breaksJsonLimits({
        coordinates: [
          [0, 0],
          [1, Number.NEGATIVE_INFINITY],
        ],
      }),
    ).toBe('non-finite');
    expect(breaksJsonLimits({ properties: { far: Number.POSITIVE_INFINITY } })).toBe('non-finite');
    expect(breaksJsonLimits(Number.NaN)).toBe('non-finite');
  });
});
