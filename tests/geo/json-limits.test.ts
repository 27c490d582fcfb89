import { describe, expect, it } from 'vitest';
import { findNonFiniteNumber, findTooDeep, MAX_JSON_DEPTH } from '../../src/geo/json-limits.ts';

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
