// What the app checks of a layer the server served: the text and the shape it relies on, never the
// geometry again (the server validated every feature when it was written).
import { describe, expect, it } from 'vitest';
import { checkServedLayerText } from '../../src/geo/served-layer.ts';

const feature = (id: unknown, geometry: unknown = { type: 'Point', coordinates: [112.9, 22.7] }) => ({
  type: 'Feature',
  properties: id === undefined ? {} : { id },
  geometry,
});
const layer = (...features: unknown[]) => JSON.stringify({ type: 'FeatureCollection', features });
const codes = (text: string) => checkServedLayerText(text).problems.map((problem) => problem.code);

describe('checkServedLayerText', () => {
  it('passes a served layer and gives it back parsed, ids in Chinese included', () => {
    const result = checkServedLayerText(layer(feature('HS-DX-0001'), feature('鹤山-甲-2', null)));
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([]);
    expect(result.geojson).toEqual(JSON.parse(layer(feature('HS-DX-0001'), feature('鹤山-甲-2', null))));
  });

  it('a truncated answer is a JSON syntax error with its line', () => {
    const result = checkServedLayerText('{"type":"FeatureCollection",\n"features":[');
    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => [problem.code, problem.line])).toEqual([['json-syntax', 2]]);
  });

  it('an answer that is not a layer is refused as such', () => {
    expect(codes('{"error":"x"}')).toEqual(['not-feature-collection']);
    expect(codes('[]')).toEqual(['not-feature-collection']);
    expect(codes('')).toEqual(['empty-file']);
  });

  it('a feature without an id, a repeated id or no geometry object is refused, with its place', () => {
    const result = checkServedLayerText(
      layer(feature('A'), feature(undefined), feature('A'), {
        type: 'Feature',
        properties: { id: 'B' },
        geometry: 7,
      }),
    );
    expect(result.ok).toBe(false);
    expect(result.problems.map((problem) => [problem.code, problem.featureIndex])).toEqual([
      ['missing-id', 1],
      ['duplicate-id', 2],
      ['bad-structure', 3],
    ]);
  });

  it('does not check geometry again: that was the server’s job when the feature was written', () => {
    const bowtie = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [1, 1],
          [1, 0],
          [0, 1],
          [0, 0],
        ],
      ],
    };
    expect(checkServedLayerText(layer(feature('X', bowtie))).ok).toBe(true);
  });
});
