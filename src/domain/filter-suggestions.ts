// What search offers besides features: a town, a plot status, a project stage or a park as a filter of
// the data table ("筛选：镇街 雅瑶镇" opens the plots of 雅瑶镇). Matched as search matches features
// (src/domain/search.ts: NFKC, case-insensitive; exact before prefix before substring), against the
// names in both languages. Pure.
import type { Lang } from './i18n.ts';
import { valueLabel } from './labels.ts';
import { HESHAN_TOWNS, PLOT_STATUSES, PROJECT_STAGES } from './layers.ts';
import { bestRank, normaliseSearch } from './search.ts';
import type { TableFilter, TableLayerId } from './table-filter.ts';

export type SuggestedField = 'town' | 'status' | 'park';

export interface FilterSuggestion {
  layer: TableLayerId;
  field: SuggestedField;
  /** The value the filter takes (a town's name, a status code, a park id). */
  value: string;
  /** The value as a person reads it (雅瑶镇, 整治中, 鹤山工业城). */
  label: string;
  rank: number;
}

/** At most this many filters are offered above the features. */
const SUGGESTION_LIMIT = 4;

interface Candidate {
  layer: TableLayerId;
  field: SuggestedField;
  value: string;
  names: string[];
}

/** The filters a query names, best first: towns, then statuses and stages, then parks on equal rank. */
export function filterSuggestions(
  query: string,
  parks: readonly { id: string; name: string }[],
  lang: Lang,
  towns: readonly string[] = HESHAN_TOWNS,
): FilterSuggestion[] {
  const needle = normaliseSearch(query);
  if (needle === '') return [];
  const candidates: Candidate[] = [
    ...towns.map((town) => ({ layer: 'plots' as const, field: 'town' as const, value: town, names: [town] })),
    ...PLOT_STATUSES.map((status) => ({
      layer: 'plots' as const,
      field: 'status' as const,
      value: status,
      names: [valueLabel('status', status, 'zh'), valueLabel('status', status, 'en')],
    })),
    ...PROJECT_STAGES.map((stage) => ({
      layer: 'projects' as const,
      field: 'status' as const,
      value: stage,
      names: [valueLabel('stage', stage, 'zh'), valueLabel('stage', stage, 'en')],
    })),
    ...parks.map((park) => ({
      layer: 'plots' as const,
      field: 'park' as const,
      value: park.id,
      names: [park.name],
    })),
  ];
  const found: FilterSuggestion[] = [];
  for (const candidate of candidates) {
    const rank = bestRank(candidate.names.map(normaliseSearch), needle);
    if (rank === null) continue;
    const label =
      candidate.field === 'town'
        ? candidate.value
        : candidate.field === 'park'
          ? (candidate.names[0] as string)
          : valueLabel(candidate.layer === 'projects' ? 'stage' : 'status', candidate.value, lang);
    found.push({ layer: candidate.layer, field: candidate.field, value: candidate.value, label, rank });
  }
  // Stable: on equal rank, the order above (towns, statuses, stages, parks).
  return found.sort((a, b) => a.rank - b.rank).slice(0, SUGGESTION_LIMIT);
}

/** The table filter a suggestion stands for. */
export function suggestionFilter(suggestion: FilterSuggestion): TableFilter {
  return { [suggestion.field]: suggestion.value };
}
