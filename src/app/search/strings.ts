// The words of search's filter suggestions, in Chinese (default) and English.
import type { FilterSuggestion } from '../../domain/filter-suggestions.ts';
import type { Lang } from '../../domain/i18n.ts';
import { layerLabel } from '../../domain/labels.ts';

const FIELD: Record<string, { zh: string; en: string }> = {
  town: { zh: '镇街', en: 'town' },
  'plots-status': { zh: '整治状态', en: 'status' },
  'projects-status': { zh: '项目阶段', en: 'stage' },
  park: { zh: '所在园区', en: 'park' },
};

/** 筛选：镇街 雅瑶镇 — 在数据表中列出低效工业用地. */
export function suggestionText(
  suggestion: FilterSuggestion,
  lang: Lang,
): { title: string; subtitle: string } {
  const field = FIELD[suggestion.field === 'status' ? `${suggestion.layer}-status` : suggestion.field];
  const name = field?.[lang] ?? suggestion.field;
  const layer = layerLabel(suggestion.layer, lang);
  return lang === 'zh'
    ? { title: `筛选：${name} ${suggestion.label}`, subtitle: `在数据表中列出${layer}` }
    : { title: `Filter: ${name} ${suggestion.label}`, subtitle: `List ${layer.toLowerCase()} in the table` };
}
