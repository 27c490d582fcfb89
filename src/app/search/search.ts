// Search across the layers the app holds: plot id and enterprise, park name, project name and
// enterprise, new-land id. The rules (fields, comparison, ranking, order) are src/domain/search.ts,
// which the server's GET /api/search follows too for the layers served as tiles; the two lists are
// merged in the same order (search-panel.tsx).

import type { Lang } from '../../domain/i18n.ts';
import { type RankedMatch, SEARCH_LAYERS, SEARCH_LIMIT, searchSources } from '../../domain/search.ts';
import type { DataLayerId, LayerData } from '../state/layer-data.ts';
import { featureTitle } from '../ui/feature-title.ts';

export interface SearchMatch extends RankedMatch {
  subtitle: string;
  /** For a match the server found in a tiled layer: its box (west, south, east, north), if it has a geometry. */
  bbox?: [number, number, number, number] | null;
}

export function searchFeatures(
  layers: Partial<Record<DataLayerId, LayerData>>,
  query: string,
  lang: Lang,
  limit = SEARCH_LIMIT,
): SearchMatch[] {
  const sources = SEARCH_LAYERS.flatMap((layer) => {
    const data = layers[layer];
    if (!data) return [];
    const features = [...data.byId].map(([id, feature]) => [id, feature.properties] as const);
    return [{ layer, features }];
  });
  return searchSources(sources, query, limit).map((match) => {
    const feature = layers[match.layer]?.byId.get(match.id);
    const subtitle = feature ? featureTitle(match.layer, feature, lang).subtitle : '';
    return { ...match, subtitle };
  });
}
