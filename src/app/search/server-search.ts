// The matches of the layers the app does not hold (served as tiles), from GET /api/search: asked once
// the text has rested DEBOUNCE_MS, the request under way cancelled when the text (or the tiled layers)
// change, answered as the app's own matches (title and subtitle from the same featureTitle) so the two
// lists merge in one order (src/domain/search.ts mergeMatches).
import type { Feature } from 'geojson';
import { useEffect, useState } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { isTileable } from '../../domain/layers.ts';
import { normaliseSearch, SEARCH_LAYERS, SEARCH_LIMIT, type SearchLayerId } from '../../domain/search.ts';
import type { SearchAnswer } from '../../domain/wire.ts';
import { searchOnServer } from '../api/queries.ts';
import type { TiledLayers } from '../state/layer-data.ts';
import { featureTitle } from '../ui/feature-title.ts';
import type { SearchMatch } from './search.ts';

/** How long the text rests before the server is asked. */
const DEBOUNCE_MS = 200;

/** The searchable layers served as tiles, in search order. */
export function tiledSearchLayers(tiled: TiledLayers): SearchLayerId[] {
  return SEARCH_LAYERS.filter((layer) => isTileable(layer) && tiled[layer] !== undefined);
}

function serverMatch(match: SearchAnswer['matches'][number], lang: Lang): SearchMatch {
  const feature: Feature = {
    type: 'Feature',
    id: match.id,
    properties: { ...match.properties, id: match.id },
    geometry: null,
  } as unknown as Feature;
  const { title, subtitle } = featureTitle(match.layer, feature, lang);
  return { layer: match.layer, id: match.id, rank: match.rank, title, subtitle, bbox: match.bbox };
}

interface ServerMatches {
  /** The text and layers these matches answer. */
  key: string;
  matches: SearchMatch[];
}

const serverKey = (query: string, layers: readonly SearchLayerId[]) =>
  `${normaliseSearch(query)}\u0000${layers.join(',')}`;

/** The server's matches for the text in the tiled layers; null while they come (or none are tiled). */
export function useServerMatches(
  query: string,
  layers: readonly SearchLayerId[],
  lang: Lang,
): ServerMatches | null {
  const [answer, setAnswer] = useState<ServerMatches | null>(null);
  const key = serverKey(query, layers);
  const needle = normaliseSearch(query);
  const layerList = layers.join(',');
  useEffect(() => {
    if (!needle || !layerList) return;
    const controller = new AbortController();
    const timer = setTimeout(() => {
      searchOnServer(needle, layerList.split(',') as SearchLayerId[], SEARCH_LIMIT, controller.signal).then(
        (found) => setAnswer({ key, matches: found.matches.map((match) => serverMatch(match, lang)) }),
        () => {},
      );
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [key, needle, layerList, lang]);
  return answer && answer.key === key ? answer : null;
}
