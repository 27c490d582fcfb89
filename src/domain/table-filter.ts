// The data table (数据表) of a layer, as the app shows it and the server exports it: the rows (a feature's
// properties with the park it lies in, its area and, for a plot, the date of its last inspection), the
// filter (by park, town, status, grade, mode, land use, deadline, last inspection, rules and text), the
// filter as address parameters (so a link reopens the same list), and the sort. One copy for the
// browser (which filters the rows it holds at every change) and the server (the Excel export of the
// filtered rows). Pure: no geometry, no I/O.
import { z } from 'zod';
import { daysBetween, isIsoDate } from './dates.ts';
import { plotDeadline, projectSchedule } from './deadlines.ts';
import { evaluateRules, type IdentificationRules } from './rules.ts';
import { normaliseSearch } from './search.ts';

/** The layers with a table, in the order the table's layer choice lists them. */
export const TABLE_LAYERS = ['plots', 'projects', 'newland', 'zones'] as const;
export type TableLayerId = (typeof TABLE_LAYERS)[number];

export function isTableLayer(value: string): value is TableLayerId {
  return (TABLE_LAYERS as readonly string[]).includes(value);
}

/** One feature as the table holds it. */
export interface TableRow {
  id: string;
  properties: Readonly<Record<string, unknown>>;
  /** The id of the park it lies in (first) or else crosses; null outside every park. */
  park: string | null;
  /** Ellipsoidal area, m² (src/geo/area.ts). */
  areaM2: number;
  /** The date (YYYY-MM-DD) of the plot's latest inspection; null when never inspected or not a plot. */
  lastInspection: string | null;
}

/** A park id that means "in no park" (园区外) in the filter. */
export const NO_PARK = 'outside';

export const DEADLINE_FILTERS = ['overdue', 'due-soon', 'none'] as const;
export const INSPECTION_FILTERS = ['never', 'older'] as const;
export const RULE_FILTERS = ['fails', 'disagrees'] as const;
/** "Not inspected for more than N days" when no N is given. */
export const DEFAULT_INSPECTION_DAYS = 90;

const value = z.string().trim().min(1).max(128);

/**
 * The filter as the address and the API carry it (every field optional; all given must hold). `status`
 * means a plot's status or a project's stage; `mode` a plot's or zone's mode; `landUse` a code or a
 * class prefix (1001 keeps 100101); `days` goes with `inspected=older`.
 */
export const tableFilter = z.strictObject({
  park: value.optional(),
  town: value.optional(),
  status: value.optional(),
  grade: value.optional(),
  mode: value.optional(),
  landUse: value.optional(),
  deadline: z.enum(DEADLINE_FILTERS).optional(),
  inspected: z.enum(INSPECTION_FILTERS).optional(),
  days: z.coerce.number().int().min(1).max(3650).optional(),
  rules: z.enum(RULE_FILTERS).optional(),
  text: z.string().trim().min(1).max(256).optional(),
});
export type TableFilter = z.infer<typeof tableFilter>;

/** The filter's fields, in the order the address writes them. */
export const FILTER_KEYS = [
  'park',
  'town',
  'status',
  'grade',
  'mode',
  'landUse',
  'deadline',
  'inspected',
  'days',
  'rules',
  'text',
] as const satisfies readonly (keyof TableFilter)[];
export type FilterKey = (typeof FILTER_KEYS)[number];

export function isFilterEmpty(filter: TableFilter): boolean {
  return FILTER_KEYS.every((key) => filter[key] === undefined);
}

/** The property a filter field reads on a layer's features (null: the filter does not apply there). */
const FILTER_PROPERTY: Record<
  TableLayerId,
  Partial<Record<'town' | 'status' | 'grade' | 'mode' | 'landUse', string>>
> = {
  plots: { town: 'town', status: 'status', grade: 'grade', mode: 'mode', landUse: 'landUse' },
  projects: { status: 'stage' },
  newland: { landUse: 'landUse' },
  zones: { mode: 'mode', landUse: 'plannedLandUse' },
};

/** The filter fields a layer's table offers. */
export function filterKeysOf(layer: TableLayerId): FilterKey[] {
  const own = FILTER_PROPERTY[layer];
  return FILTER_KEYS.filter((key) => {
    if (key === 'park') return layer !== 'zones';
    if (key === 'deadline') return layer === 'plots' || layer === 'projects';
    if (key === 'inspected' || key === 'days' || key === 'rules') return layer === 'plots';
    if (key === 'text') return true;
    return own[key] !== undefined;
  });
}

/** What the filter compares against today: the date (UTC+8) and the identification rules. */
export interface FilterContext {
  today: string;
  rules: IdentificationRules;
}

const stringOf = (raw: unknown): string | null =>
  typeof raw === 'string' ? raw : typeof raw === 'number' ? String(raw) : null;

/**
 * What a row is filtered by beyond its plain properties, computed once per row (rows are immutable:
 * a changed feature comes as a new row) and, for what depends on the day and the rules, once per day
 * and rules: typing in the text box or flipping a select then costs a comparison per row, not a date
 * calculation or a normalisation.
 */
interface Derived {
  text?: string;
  today?: string;
  rules?: IdentificationRules;
  deadline?: string;
  fails?: boolean;
  disagrees?: boolean;
}
const derivedOf = new WeakMap<TableRow, Derived>();

function derived(row: TableRow): Derived {
  let entry = derivedOf.get(row);
  if (!entry) {
    entry = {};
    derivedOf.set(row, entry);
  }
  return entry;
}

/** The text a row is searched by: its id and every string or number property, normalised. */
function rowText(row: TableRow): string {
  const entry = derived(row);
  if (entry.text === undefined) {
    const parts = [row.id];
    for (const raw of Object.values(row.properties)) {
      const text = stringOf(raw);
      if (text !== null) parts.push(text);
    }
    entry.text = normaliseSearch(parts.join('\u0000'));
  }
  return entry.text;
}

/** The row's entry for today and these rules (emptied when either changed). */
function forDay(row: TableRow, layer: TableLayerId, context: FilterContext): Derived {
  const entry = derived(row);
  if (entry.today !== context.today || entry.rules !== context.rules) {
    entry.today = context.today;
    entry.rules = context.rules;
    delete entry.deadline;
    delete entry.fails;
    delete entry.disagrees;
  }
  if (entry.deadline === undefined && (layer === 'plots' || layer === 'projects')) {
    entry.deadline =
      layer === 'plots'
        ? plotDeadline(row.properties, context.today).state
        : projectSchedule(row.properties, context.today).state;
  }
  return entry;
}

function rulesOf(row: TableRow, context: FilterContext): Derived {
  const entry = forDay(row, 'plots', context);
  if (entry.fails === undefined) {
    const verdict = evaluateRules(row.properties, context.rules, context.today);
    entry.fails = verdict.failures.length > 0;
    entry.disagrees = verdict.disagrees;
  }
  return entry;
}

/**
 * The predicate of a filter on one layer's rows, built once per filter change (the text normalised
 * once). A field the layer has no property for keeps nothing: a filter never silently means "all".
 */
function rowPredicate(
  layer: TableLayerId,
  filter: TableFilter,
  context: FilterContext,
): (row: TableRow) => boolean {
  const tests: ((row: TableRow) => boolean)[] = [];
  const own = FILTER_PROPERTY[layer];
  for (const key of ['town', 'status', 'grade', 'mode'] as const) {
    const wanted = filter[key];
    if (wanted === undefined) continue;
    const property = own[key];
    if (property === undefined) return () => false;
    tests.push((row) => stringOf(row.properties[property]) === wanted);
  }
  if (filter.landUse !== undefined) {
    const property = own.landUse;
    const prefix = filter.landUse;
    if (property === undefined) return () => false;
    tests.push((row) => stringOf(row.properties[property])?.startsWith(prefix) ?? false);
  }
  if (filter.park !== undefined) {
    const park = filter.park === NO_PARK ? null : filter.park;
    tests.push((row) => row.park === park);
  }
  if (filter.deadline !== undefined) {
    const wanted = filter.deadline;
    if (layer !== 'plots' && layer !== 'projects') return () => false;
    tests.push((row) => forDay(row, layer, context).deadline === wanted);
  }
  if (filter.inspected !== undefined) {
    if (layer !== 'plots') return () => false;
    if (filter.inspected === 'never') tests.push((row) => row.lastInspection === null);
    else {
      const days = filter.days ?? DEFAULT_INSPECTION_DAYS;
      tests.push(
        (row) =>
          row.lastInspection === null ||
          (isIsoDate(row.lastInspection) && daysBetween(row.lastInspection, context.today) > days),
      );
    }
  }
  if (filter.rules !== undefined) {
    if (layer !== 'plots') return () => false;
    const fails = filter.rules === 'fails';
    tests.push((row) => {
      const entry = rulesOf(row, context);
      return (fails ? entry.fails : entry.disagrees) === true;
    });
  }
  if (filter.text !== undefined) {
    const needle = normaliseSearch(filter.text);
    tests.push((row) => rowText(row).includes(needle));
  }
  if (tests.length === 1) return tests[0] as (row: TableRow) => boolean;
  return (row) => {
    for (const test of tests) if (!test(row)) return false;
    return true;
  };
}

/** The rows a filter keeps, in their order. */
export function filterRows<Row extends TableRow>(
  layer: TableLayerId,
  rows: readonly Row[],
  filter: TableFilter,
  context: FilterContext,
): Row[] {
  if (isFilterEmpty(filter)) return [...rows];
  const keep = rowPredicate(layer, filter, context);
  return rows.filter(keep);
}

/** Address parameters as URLSearchParams holds them (this module runs where there is no DOM too). */
export interface FilterParams {
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
}

/** The filter from address parameters: unknown parameters ignored, a bad value dropped (not an error). */
export function filterFromParams(params: Pick<FilterParams, 'get'>): TableFilter {
  const filter: Record<string, unknown> = {};
  for (const key of FILTER_KEYS) {
    const raw = params.get(key);
    if (raw === null) continue;
    const parsed = tableFilter.shape[key].safeParse(raw);
    if (parsed.success && parsed.data !== undefined) filter[key] = parsed.data;
  }
  return filter as TableFilter;
}

/** Writes the filter into address parameters: its own keys set or removed, the others left; returns them. */
export function filterToParams<P extends FilterParams>(filter: TableFilter, params: P): P {
  for (const key of FILTER_KEYS) {
    const raw = filter[key];
    if (raw === undefined) params.delete(key);
    else params.set(key, String(raw));
  }
  return params;
}

/** The columns a table can sort by: a property, or what the table adds. */
export type SortKey = string;
export type SortDirection = 'asc' | 'desc';

const collator = new Intl.Collator('zh-CN', { numeric: true });

/** What a row sorts by in a column. */
function sortValue(row: TableRow, key: SortKey): string | number | null {
  if (key === 'id') return row.id;
  if (key === 'areaM2') return row.areaM2;
  if (key === 'park') return row.park;
  if (key === 'lastInspection') return row.lastInspection;
  const raw = row.properties[key];
  if (typeof raw === 'number') return raw;
  if (Array.isArray(raw)) return raw.join(',');
  return stringOf(raw);
}

/** The rows sorted by one column (numbers by value, text in zh-CN order, empty cells last either way). */
export function sortRows(rows: readonly TableRow[], key: SortKey, direction: SortDirection): TableRow[] {
  const sign = direction === 'asc' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, value: sortValue(row, key) }));
  keyed.sort((a, b) => {
    if (a.value === null || b.value === null) return a.value === b.value ? 0 : a.value === null ? 1 : -1;
    if (typeof a.value === 'number' && typeof b.value === 'number') return sign * (a.value - b.value);
    return sign * collator.compare(String(a.value), String(b.value));
  });
  return keyed.map((entry) => entry.row);
}
