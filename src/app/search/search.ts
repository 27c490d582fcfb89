// Search across the layers: plot id and enterprise, park name, project name and enterprise, new-land id.
// Pure: ranks exact matches, then prefixes, then substrings; case- and width-insensitive for Latin text.

import type { Lang } from '../../domain/i18n.ts';
import type { DataLayerId, LayerData } from '../state/layer-data.ts';
import { featureTitle } from '../ui/feature-title.ts';

export interface SearchMatch {
  layer: DataLayerId;
  id: string;
  title: string;
  subtitle: string;
  rank: number;
}

const SEARCH_FIELDS: Partial<Record<DataLayerId, readonly string[]>> = {
  plots: ['id', 'enterprise'],
  parks: ['id', 'name'],
  projects: ['id', 'name', 'enterprise'],
  newland: ['id'],
};

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim();
}

function rankOf(value: string, query: string): number | null {
  const normalised = normalise(value);
  if (normalised === query) return 0;
  if (normalised.startsWith(query)) return 1;
  if (normalised.includes(query)) return 2;
  return null;
}

export function searchFeatures(
  layers: Partial<Record<DataLayerId, LayerData>>,
  query: string,
  lang: Lang,
  limit = 20,
): SearchMatch[] {
  const needle = normalise(query);
  if (!needle) return [];
  const matches: SearchMatch[] = [];
  for (const [layer, fields] of Object.entries(SEARCH_FIELDS) as [DataLayerId, readonly string[]][]) {
    const data = layers[layer];
    if (!data) continue;
    for (const [id, feature] of data.byId) {
      let best: number | null = null;
      for (const field of fields) {
        const value = field === 'id' ? id : feature.properties?.[field];
        if (typeof value !== 'string' && typeof value !== 'number') continue;
        const rank = rankOf(String(value), needle);
        if (rank !== null && (best === null || rank < best)) best = rank;
      }
      if (best === null) continue;
      matches.push({ layer, id, rank: best, ...featureTitle(layer, feature, lang) });
    }
  }
  matches.sort((a, b) => a.rank - b.rank || a.title.localeCompare(b.title, 'zh-CN'));
  return matches.slice(0, limit);
}
