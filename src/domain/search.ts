// The search rules, one copy for the app (src/app/search: the layers it holds) and the server
// (GET /api/search: the layers served as tiles, from an index per layer revision): which fields of
// which layer are searched, how text is compared (NFKC, lower case, trimmed: width- and case-insensitive
// for Latin text), how a match ranks (exact 0 < prefix 1 < substring 2 on its best field) and the
// order of matches: rank, then the title (the collation of zh-CN), then the layer (in SEARCH_LAYERS
// order), then the layer's own feature order. Pure: no geometry.

/** The searchable layers, in the order ties between layers are broken. */
export const SEARCH_LAYERS = ['plots', 'parks', 'projects', 'newland', 'zones'] as const;
export type SearchLayerId = (typeof SEARCH_LAYERS)[number];

/** Per layer, the fields a query is matched against (`id` is the feature id). */
const SEARCH_FIELDS: Record<SearchLayerId, readonly string[]> = {
  plots: ['id', 'enterprise'],
  parks: ['id', 'name'],
  projects: ['id', 'name', 'enterprise'],
  newland: ['id'],
  zones: ['id', 'name'],
};

/** The properties a match carries besides its id: what its title and subtitle are made of. */
export const TITLE_PROPERTIES = ['name', 'enterprise', 'landUse', 'year'] as const;

/** The longest query the server takes (characters); ids are at most 128. */
export const SEARCH_QUERY_MAX = 256;
/** The most matches one search answers. */
export const SEARCH_LIMIT_MAX = 50;
/** Matches shown when no limit is asked. */
export const SEARCH_LIMIT = 20;

type Properties = Readonly<Record<string, unknown>> | null | undefined;

export function normaliseSearch(text: string): string {
  return text.normalize('NFKC').toLowerCase().trim();
}

/** 0 exact, 1 prefix, 2 substring, null no match; both sides already normalised. */
function rankOfNormalised(value: string, needle: string): number | null {
  if (value === needle) return 0;
  if (value.startsWith(needle)) return 1;
  if (value.includes(needle)) return 2;
  return null;
}

/** The values of a feature's searched fields (strings and numbers), as written. */
export function searchValues(layer: SearchLayerId, id: string, properties: Properties): string[] {
  const values: string[] = [];
  for (const field of SEARCH_FIELDS[layer]) {
    const value = field === 'id' ? id : properties?.[field];
    if (typeof value === 'string' || typeof value === 'number') values.push(String(value));
  }
  return values;
}

/** The best rank of a feature's fields for a normalised needle, or null. */
export function bestRank(normalisedValues: readonly string[], needle: string): number | null {
  let best: number | null = null;
  for (const value of normalisedValues) {
    const rank = rankOfNormalised(value, needle);
    if (rank !== null && (best === null || rank < best)) best = rank;
  }
  return best;
}

/** The title a match is listed (and sorted) by: the id of a plot or a parcel, the name of a park or project. */
export function matchTitle(layer: SearchLayerId, id: string, properties: Properties): string {
  return layer === 'parks' || layer === 'projects' || layer === 'zones' ? String(properties?.name ?? id) : id;
}

export interface RankedMatch {
  layer: SearchLayerId;
  id: string;
  rank: number;
  title: string;
}

const collator = new Intl.Collator('zh-CN');
const layerOrder = (layer: SearchLayerId): number => SEARCH_LAYERS.indexOf(layer);

/** Compares titles as the list sorts them (zh-CN collation). */
export const compareTitles = (a: string, b: string): number => collator.compare(a, b);

/** The order of matches; ties of rank, title and layer keep the layer's feature order (a stable sort). */
function compareMatches(a: RankedMatch, b: RankedMatch): number {
  return a.rank - b.rank || collator.compare(a.title, b.title) || layerOrder(a.layer) - layerOrder(b.layer);
}

export interface SearchSource {
  layer: SearchLayerId;
  /** The layer's features in order: id and properties. */
  features: Iterable<readonly [string, Properties]>;
}

/** Every source scanned in full: the best `limit` matches in order (the app's layers, and the reference). */
export function searchSources(sources: readonly SearchSource[], query: string, limit: number): RankedMatch[] {
  const needle = normaliseSearch(query);
  if (!needle) return [];
  const matches: RankedMatch[] = [];
  for (const { layer, features } of sources) {
    for (const [id, properties] of features) {
      const rank = bestRank(searchValues(layer, id, properties).map(normaliseSearch), needle);
      if (rank === null) continue;
      matches.push({ layer, id, rank, title: matchTitle(layer, id, properties) });
    }
  }
  return mergeMatches([matches], limit);
}

/** Lists of matches (each in order, e.g. one per layer or source) as one list of the best `limit`. */
export function mergeMatches<M extends RankedMatch>(lists: readonly (readonly M[])[], limit: number): M[] {
  return lists.flat().sort(compareMatches).slice(0, Math.max(0, limit));
}
