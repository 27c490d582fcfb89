import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { searchFeatures } from '../../../src/app/search/search.ts';
import { indexLayer } from '../../../src/app/state/layer-data.ts';

function collection(features: { id: string; properties: Record<string, unknown> }[]): FeatureCollection {
  return {
    type: 'FeatureCollection',
    features: features.map(({ id, properties }) => ({
      type: 'Feature',
      id,
      properties: { id, ...properties },
      geometry: { type: 'Point', coordinates: [112.9, 22.7] },
    })),
  };
}

const layers = {
  plots: indexLayer(
    'plots',
    'plots.geojson',
    collection([
      { id: 'HS-DX-0001', properties: { enterprise: '鹤山市兴业灯饰有限公司' } },
      { id: 'HS-DX-0010', properties: { enterprise: '鹤山市得润电子有限公司' } },
    ]),
  ),
  parks: indexLayer(
    'parks',
    'parks.geojson',
    collection([{ id: 'YQ-01', properties: { name: '鹤山工业城' } }]),
  ),
  projects: indexLayer(
    'projects',
    'projects.geojson',
    collection([{ id: 'XM-001', properties: { name: '江门创维智能显示产业园', enterprise: '创维集团' } }]),
  ),
  newland: indexLayer(
    'newland',
    'newland.geojson',
    collection([{ id: 'XZ-2024-001', properties: { year: 2024 } }]),
  ),
};

describe('searchFeatures', () => {
  it('finds a plot by its id, exact match first', () => {
    const matches = searchFeatures(layers, 'hs-dx-0001', 'zh');
    expect(matches[0]).toMatchObject({ layer: 'plots', id: 'HS-DX-0001', title: 'HS-DX-0001', rank: 0 });
    expect(matches.map((m) => m.id)).toEqual(['HS-DX-0001']);
    expect(searchFeatures(layers, 'HS-DX-00', 'zh').map((m) => m.id)).toEqual(['HS-DX-0001', 'HS-DX-0010']);
  });

  it('finds plots by enterprise, parks and projects by name, new land by id', () => {
    expect(searchFeatures(layers, '得润', 'zh').map((m) => m.id)).toEqual(['HS-DX-0010']);
    expect(searchFeatures(layers, '工业城', 'zh').map((m) => [m.layer, m.id])).toEqual([['parks', 'YQ-01']]);
    expect(searchFeatures(layers, '创维', 'zh').map((m) => m.id)).toEqual(['XM-001']);
    expect(searchFeatures(layers, 'XZ-2024', 'zh').map((m) => m.id)).toEqual(['XZ-2024-001']);
  });

  it('finds nothing for an empty query', () => {
    expect(searchFeatures(layers, '   ', 'zh')).toEqual([]);
  });

  it('limits the list', () => {
    expect(searchFeatures(layers, '鹤山', 'zh', 2)).toHaveLength(2);
  });
});
