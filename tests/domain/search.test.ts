// The search rules shared by the app and the server (src/domain/search.ts): the server's index of a
// layer (src/server/queries/search-index.ts) gives the matches the app's full scan gives, and the app's
// matches of the layers it holds merged with the server's of the tiled ones are exactly the matches of
// all layers searched in the app — same ids, ranks and order, for every cut of the list.
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { searchFeatures } from '../../src/app/search/search.ts';
import { indexLayer } from '../../src/app/state/layer-data.ts';
import { mergeMatches, normaliseSearch, type RankedMatch, SEARCH_LAYERS } from '../../src/domain/search.ts';
import { LayerSearchIndex, searchIndexes } from '../../src/server/queries/search-index.ts';

/** Zones are drawn in the app, not in geodata/: two made here (one named like the parks, 鹤山…). */
const ZONES: FeatureCollection = {
  type: 'FeatureCollection',
  features: ['鹤山工业城改造片区', '雅瑶工改工示范片区'].map((name, index) => ({
    type: 'Feature',
    id: `ZONE-${index}`,
    properties: {
      id: `ZONE-${index}`,
      name,
      mode: 'redevelopment',
      plannedLandUse: '100101',
      notes: '',
      createdBy: 'chen',
    },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [112.9 + index / 100, 22.7],
          [112.905 + index / 100, 22.7],
          [112.905 + index / 100, 22.705],
          [112.9 + index / 100, 22.7],
        ],
      ],
    },
  })),
};
const sample = (layer: string) =>
  layer === 'zones'
    ? ZONES
    : (JSON.parse(readFileSync(`geodata/${layer}.geojson`, 'utf8')) as FeatureCollection);
const collections = Object.fromEntries(SEARCH_LAYERS.map((layer) => [layer, sample(layer)])) as Record<
  (typeof SEARCH_LAYERS)[number],
  FeatureCollection
>;
const layers = Object.fromEntries(
  SEARCH_LAYERS.map((layer) => [layer, indexLayer(layer, `${layer}.geojson`, collections[layer])]),
);
const indexes = Object.fromEntries(
  SEARCH_LAYERS.map((layer) => [layer, new LayerSearchIndex(layer, collections[layer].features)]),
) as Record<(typeof SEARCH_LAYERS)[number], LayerSearchIndex>;

const QUERIES = [
  'HS-DX-0001',
  'hs-dx-01',
  'ＨＳ',
  '鹤山',
  '有限公司',
  'XM-0',
  '园区',
  'XZ-202',
  'PK-0',
  '0',
  '2',
];
const brief = (matches: { layer: string; id: string; rank: number }[]) =>
  matches.map(({ layer, id, rank }) => `${layer}:${id}:${rank}`);

describe('the shared search rules', () => {
  it('normalises width, case and surrounding space', () => {
    expect(normaliseSearch('  ＨＳ-ＤＸ-0001 ')).toBe('hs-dx-0001');
    expect(normaliseSearch('鹤山')).toBe('鹤山');
  });

  it("the server's index answers as the app's full scan, for every limit", () => {
    for (const query of QUERIES) {
      for (const limit of [1, 3, 20, 50]) {
        const scanned = brief(searchFeatures(layers, query, 'zh', limit));
        const indexed = brief(searchIndexes(Object.values(indexes), query, limit));
        expect(indexed, `${query} ${limit}`).toEqual(scanned);
      }
    }
  });

  it('the app’s matches of the layers it holds merged with the server’s of the tiled ones are the matches of all', () => {
    const tiledSets = [
      ['plots'],
      ['plots', 'projects'],
      ['plots', 'projects', 'newland'],
      ['newland'],
    ] as const;
    for (const tiled of tiledSets) {
      const held = Object.fromEntries(
        Object.entries(layers).filter(([layer]) => !(tiled as readonly string[]).includes(layer)),
      );
      for (const query of QUERIES) {
        const local = searchFeatures(held, query, 'zh', 20);
        const remote = searchIndexes(
          tiled.map((layer) => indexes[layer]),
          query,
          20,
        );
        expect(brief(mergeMatches<RankedMatch>([local, remote], 20)), `${tiled} ${query}`).toEqual(
          brief(searchFeatures(layers, query, 'zh', 20)),
        );
      }
    }
  });
});
