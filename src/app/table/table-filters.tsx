// The filters above a layer's table: one labelled select per field the layer has (the choices are the
// values met in its rows, by their labels), the days for "not inspected for more than N days", and the
// text. Every change is one new filter (the table, the map and the address follow it).
import { useMemo } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import { valueLabel } from '../../domain/labels.ts';
import { landUseName } from '../../domain/landuse.ts';
import { PLOT_GRADES, PLOT_STATUSES, PROJECT_STAGES, RECTIFICATION_MODES } from '../../domain/layers.ts';
import {
  DEADLINE_FILTERS,
  DEFAULT_INSPECTION_DAYS,
  type FilterKey,
  filterKeysOf,
  INSPECTION_FILTERS,
  isFilterEmpty,
  NO_PARK,
  RULE_FILTERS,
  type TableFilter,
  type TableLayerId,
  type TableRow,
} from '../../domain/table-filter.ts';
import { useAtlas } from '../state/store.ts';
import { type TableStringKey, tt } from './strings.ts';

interface Option {
  value: string;
  label: string;
}

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** The distinct values of a property in the rows, sorted. */
function valuesIn(rows: readonly TableRow[], property: string): string[] {
  const values = new Set<string>();
  for (const row of rows) {
    const value = row.properties[property];
    if (typeof value === 'string' && value !== '') values.add(value);
  }
  return [...values].sort(collator.compare);
}

function optionsFor(
  key: FilterKey,
  layer: TableLayerId,
  rows: readonly TableRow[],
  parks: readonly Option[],
  lang: Lang,
): Option[] {
  const labelled = (property: string, values: readonly string[]) =>
    values.map((value) => ({ value, label: valueLabel(property, value, lang) }));
  switch (key) {
    case 'park':
      return [...parks, { value: NO_PARK, label: tt(lang, 'outside') }];
    case 'town':
      return valuesIn(rows, 'town').map((value) => ({ value, label: value }));
    case 'status':
      return layer === 'projects' ? labelled('stage', PROJECT_STAGES) : labelled('status', PLOT_STATUSES);
    case 'grade':
      return labelled('grade', PLOT_GRADES);
    case 'mode':
      return labelled('mode', RECTIFICATION_MODES);
    case 'landUse':
      return valuesIn(rows, layer === 'zones' ? 'plannedLandUse' : 'landUse').map((code) => ({
        value: code,
        label: `${landUseName(code, lang)} (${code})`,
      }));
    case 'deadline':
      return DEADLINE_FILTERS.map((value) => ({ value, label: tt(lang, `deadline_${value}`) }));
    case 'inspected':
      return INSPECTION_FILTERS.map((value) => ({ value, label: tt(lang, `inspected_${value}`) }));
    case 'rules':
      return RULE_FILTERS.map((value) => ({ value, label: tt(lang, `rules_${value}`) }));
    default:
      return [];
  }
}

function labelOf(key: FilterKey, layer: TableLayerId): TableStringKey {
  if (key === 'status') return layer === 'projects' ? 'status_projects' : 'status_plots';
  return key;
}

export function TableFilters({
  layer,
  rows,
  filter,
}: {
  layer: TableLayerId;
  rows: readonly TableRow[];
  filter: TableFilter;
}) {
  const lang = useAtlas((state) => state.lang);
  const parkFeatures = useAtlas((state) => state.layers.parks);
  const setFilter = useAtlas((state) => state.setTableFilter);
  const keys = useMemo(() => filterKeysOf(layer).filter((key) => key !== 'text' && key !== 'days'), [layer]);
  // The choices depend on the rows, not on the filter: found once, not on every change of it (the
  // distinct towns and land uses of 100 000 rows cost tens of ms, on the path to the map's frame).
  const options = useMemo(() => {
    const parks: Option[] = (parkFeatures ? [...parkFeatures.byId] : []).map(([id, park]) => ({
      value: id,
      label: String(park.properties?.name ?? id),
    }));
    return new Map(keys.map((key) => [key, optionsFor(key, layer, rows, parks, lang)]));
  }, [keys, layer, rows, parkFeatures, lang]);
  const change = (
    key: FilterKey,
    value: string | number | undefined,
    navigation: 'push' | 'replace' = 'push',
  ) => {
    const next: Record<string, unknown> = { ...filter, [key]: value === '' ? undefined : value };
    if (key === 'inspected' && value !== 'older') next.days = undefined;
    if (key === 'inspected' && value === 'older') next.days = filter.days ?? DEFAULT_INSPECTION_DAYS;
    for (const name of Object.keys(next)) if (next[name] === undefined) delete next[name];
    setFilter(next as TableFilter, navigation);
  };
  return (
    // biome-ignore lint/a11y/useSemanticElements: a fieldset cannot scroll sideways in one row in Chromium (it keeps a band above for its legend)
    <div className="table-filters" role="group" aria-label={tt(lang, 'filters')}>
      {keys.map((key) => (
        <label key={key} className="table-filter">
          <span>{tt(lang, labelOf(key, layer))}</span>
          <select value={String(filter[key] ?? '')} onChange={(event) => change(key, event.target.value)}>
            <option value="">{tt(lang, 'any')}</option>
            {(options.get(key) ?? []).map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
      ))}
      {filter.inspected === 'older' && (
        <label className="table-filter table-filter-days">
          <span>{tt(lang, 'days')}</span>
          <input
            aria-label={tt(lang, 'days')}
            type="number"
            min={1}
            max={3650}
            inputMode="numeric"
            value={filter.days ?? DEFAULT_INSPECTION_DAYS}
            onChange={(event) => {
              const days = Number(event.target.value);
              if (Number.isInteger(days) && days >= 1 && days <= 3650) change('days', days, 'replace');
            }}
          />
        </label>
      )}
      <label className="table-filter table-filter-text">
        <span>{tt(lang, 'text')}</span>
        <input
          aria-label={tt(lang, 'text')}
          type="search"
          value={filter.text ?? ''}
          placeholder={tt(lang, 'textPlaceholder')}
          onChange={(event) =>
            change('text', event.target.value.trim() === '' ? undefined : event.target.value, 'replace')
          }
        />
      </label>
      <button
        type="button"
        className="text-button table-clear"
        disabled={isFilterEmpty(filter)}
        onClick={() => setFilter({}, 'push')}
      >
        {tt(lang, 'clearFilters')}
      </button>
    </div>
  );
}
