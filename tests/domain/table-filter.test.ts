// The data table's pure core: the filter predicate (every field, on the sample plots and on made rows),
// the filter in the address and back, the sort, the cells as the table and the Excel export write
// them, the map's filter expression, and search's filter suggestions.
import { readFileSync } from 'node:fs';
import type { FeatureCollection } from 'geojson';
import { describe, expect, it } from 'vitest';
import { keptExpression, withKept } from '../../src/app/map/kept-filter.ts';
import { filterSuggestions, suggestionFilter } from '../../src/domain/filter-suggestions.ts';
import { DEFAULT_RULES, evaluateRules } from '../../src/domain/rules.ts';
import { cellText, cellValue, columnHeader, TABLE_COLUMNS } from '../../src/domain/table-columns.ts';
import {
  type FilterContext,
  filterFromParams,
  filterKeysOf,
  filterRows,
  filterToParams,
  sortRows,
  type TableRow,
} from '../../src/domain/table-filter.ts';

const TODAY = '2026-12-01';
const CONTEXT: FilterContext = { today: TODAY, rules: DEFAULT_RULES };
const SAMPLE = JSON.parse(readFileSync('geodata/plots.geojson', 'utf8')) as FeatureCollection;
const SAMPLE_ROWS: TableRow[] = SAMPLE.features.map((feature) => ({
  id: String(feature.properties?.id),
  properties: feature.properties ?? {},
  park: null,
  areaM2: 1000,
  lastInspection: null,
}));

function row(id: string, properties: Record<string, unknown>, extra: Partial<TableRow> = {}): TableRow {
  return { id, properties: { id, ...properties }, park: null, areaM2: 2000, lastInspection: null, ...extra };
}

describe('the table filter', () => {
  it('keeps the sample plots of a town and a status, as counted by hand', () => {
    const kept = filterRows('plots', SAMPLE_ROWS, { town: '雅瑶镇', status: 'rectifying' }, CONTEXT);
    const byHand = SAMPLE.features.filter(
      (feature) => feature.properties?.town === '雅瑶镇' && feature.properties?.status === 'rectifying',
    );
    expect(kept.map((kept) => kept.id)).toEqual(byHand.map((feature) => feature.properties?.id));
    expect(kept).toHaveLength(13);
    expect(filterRows('plots', SAMPLE_ROWS, {}, CONTEXT)).toHaveLength(342);
  });

  it('filters by deadline: passed, within 30 days, none (a completed plot is never overdue)', () => {
    const rows = [
      row('a', { status: 'rectifying', deadline: '2026-03-10' }),
      row('b', { status: 'rectifying', deadline: '2026-12-31' }),
      row('c', { status: 'rectifying', deadline: '2027-06-01' }),
      row('d', { status: 'identified' }),
      row('e', { status: 'completed', deadline: '2026-03-10' }),
    ];
    const ids = (deadline: 'overdue' | 'due-soon' | 'none') =>
      filterRows('plots', rows, { deadline }, CONTEXT).map((kept) => kept.id);
    expect(ids('overdue')).toEqual(['a']);
    expect(ids('due-soon')).toEqual(['b']);
    expect(ids('none')).toEqual(['d']);
  });

  it('filters by last inspection: never, or more than N days ago (never counts as long ago)', () => {
    const rows = [
      row('never', {}),
      row('recent', {}, { lastInspection: '2026-11-20' }),
      row('old', {}, { lastInspection: '2026-06-01' }),
    ];
    expect(filterRows('plots', rows, { inspected: 'never' }, CONTEXT).map((kept) => kept.id)).toEqual([
      'never',
    ]);
    expect(
      filterRows('plots', rows, { inspected: 'older', days: 30 }, CONTEXT).map((kept) => kept.id),
    ).toEqual(['never', 'old']);
    expect(
      filterRows('plots', rows, { inspected: 'older', days: 5 }, CONTEXT).map((kept) => kept.id),
    ).toEqual(['never', 'recent', 'old']);
  });

  it('filters by the rules: fails them, or the status disagrees with them', () => {
    const fails = filterRows('plots', SAMPLE_ROWS, { rules: 'fails' }, CONTEXT);
    const disagree = filterRows('plots', SAMPLE_ROWS, { rules: 'disagrees' }, CONTEXT);
    const verdicts = SAMPLE_ROWS.map((sample) => evaluateRules(sample.properties, DEFAULT_RULES, TODAY));
    expect(fails).toHaveLength(verdicts.filter((verdict) => verdict.failures.length > 0).length);
    expect(disagree).toHaveLength(verdicts.filter((verdict) => verdict.disagrees).length);
    expect(fails.length).toBeGreaterThan(0);
  });

  it('filters by park (园区外 as its own value), grade, mode, land-use class and text', () => {
    const rows = [
      row(
        'HS-1',
        { grade: 'C', mode: 'self-upgrade', landUse: '100101', enterprise: '鹤山市东成不锈钢' },
        { park: 'PK-02' },
      ),
      row('HS-2', { grade: 'D', mode: 'acquisition', landUse: '1101', enterprise: 'ＡＢＣ Steel' }),
    ];
    const ids = (filter: Parameters<typeof filterRows>[2]) =>
      filterRows('plots', rows, filter, CONTEXT).map((kept) => kept.id);
    expect(ids({ park: 'PK-02' })).toEqual(['HS-1']);
    expect(ids({ park: 'outside' })).toEqual(['HS-2']);
    expect(ids({ grade: 'D' })).toEqual(['HS-2']);
    expect(ids({ mode: 'self-upgrade' })).toEqual(['HS-1']);
    expect(ids({ landUse: '1001' })).toEqual(['HS-1']);
    expect(ids({ text: '不锈钢' })).toEqual(['HS-1']);
    // Width and case do not matter (NFKC, lower case), as in search.
    expect(ids({ text: 'abc steel' })).toEqual(['HS-2']);
    expect(ids({ text: 'hs-2' })).toEqual(['HS-2']);
  });

  it('keeps nothing for a field the layer does not have, rather than everything', () => {
    const rows = [row('N-1', { landUse: '100101', year: 2024 })];
    expect(filterRows('newland', rows, { town: '雅瑶镇' }, CONTEXT)).toEqual([]);
    expect(filterRows('newland', rows, { landUse: '1001' }, CONTEXT)).toHaveLength(1);
    expect(filterKeysOf('newland')).toEqual(['park', 'landUse', 'text']);
    expect(filterKeysOf('projects')).toEqual(['park', 'status', 'deadline', 'text']);
  });

  it('goes into the address and comes back; bad values are dropped, other parameters kept', () => {
    const filter = {
      town: '雅瑶镇',
      status: 'rectifying',
      inspected: 'older' as const,
      days: 60,
      text: '钢 厂',
    };
    const params = filterToParams(filter, new URLSearchParams('lang=en&feature=plots/HS-DX-0001'));
    expect(params.get('lang')).toBe('en');
    expect(params.get('feature')).toBe('plots/HS-DX-0001');
    expect(filterFromParams(new URLSearchParams(params.toString()))).toEqual(filter);
    expect(filterFromParams(new URLSearchParams('deadline=soon&days=-3&town=共和镇'))).toEqual({
      town: '共和镇',
    });
    expect(filterToParams({}, new URLSearchParams(params)).toString()).toBe(
      'lang=en&feature=plots%2FHS-DX-0001',
    );
  });

  it('sorts numbers by value and text in zh-CN order, empty cells last either way', () => {
    const rows = [row('HS-10', { far: 0.5 }), row('HS-9', { far: 1.2 }), row('HS-11', {})];
    expect(sortRows(rows, 'far', 'asc').map((sorted) => sorted.id)).toEqual(['HS-10', 'HS-9', 'HS-11']);
    expect(sortRows(rows, 'far', 'desc').map((sorted) => sorted.id)).toEqual(['HS-9', 'HS-10', 'HS-11']);
    expect(sortRows(rows, 'id', 'asc').map((sorted) => sorted.id)).toEqual(['HS-9', 'HS-10', 'HS-11']);
  });
});

describe('the table cells', () => {
  const parks = { names: new Map([['PK-02', '鹤山工业城']]), outside: '园区外' };
  const plot = row(
    'HS-DX-0008',
    {
      status: 'rectifying',
      mode: 'self-upgrade',
      landUse: '100102',
      reasons: ['low-far', 'idle'],
      far: 0.56,
    },
    { park: 'PK-02', areaM2: 14654.46, lastInspection: '2026-11-20' },
  );
  const column = (key: string) =>
    TABLE_COLUMNS.plots.find((candidate) => candidate.key === key) as (typeof TABLE_COLUMNS.plots)[number];

  it('writes labels, not codes; the park by name; 亩 to 2 decimals as a number', () => {
    expect(cellValue(column('status'), plot, 'zh', parks)).toBe('整治中');
    expect(cellValue(column('mode'), plot, 'zh', parks)).toBe('自我提升');
    expect(cellValue(column('landUse'), plot, 'zh', parks)).toBe('二类工业用地 (100102)');
    expect(cellValue(column('reasons'), plot, 'zh', parks)).toBe('容积率低、闲置');
    expect(cellValue(column('park'), plot, 'zh', parks)).toBe('鹤山工业城');
    expect(cellValue(column('park'), { ...plot, park: null }, 'zh', parks)).toBe('园区外');
    expect(cellValue(column('areaM2'), plot, 'zh', parks)).toBe(21.98);
    expect(cellValue(column('lastInspection'), plot, 'zh', parks)).toBe('2026-11-20');
    expect(cellValue(column('deadline'), plot, 'zh', parks)).toBeNull();
    expect(cellText(column('deadline'), plot, 'zh', parks)).toBe('—');
    expect(cellText(column('areaM2'), { ...plot, areaM2: 2_000_000 }, 'zh', parks)).toBe('3,000.00');
    expect(cellValue(column('status'), plot, 'en', parks)).toBe('Rectifying');
  });

  it('writes headers with their units', () => {
    expect(columnHeader(column('areaM2'), 'zh')).toBe('面积（亩）');
    expect(columnHeader(column('areaM2'), 'en')).toBe('Area (mu)');
    expect(columnHeader(column('taxPerMu'), 'zh')).toBe('亩均税收（万元/亩）');
    expect(columnHeader(column('lastInspection'), 'zh')).toBe('最近巡查');
  });
});

describe('the map filter of the table', () => {
  it('lists the shorter of kept and dropped ids, hides features without an id, and keeps the own filter', () => {
    expect(keptExpression(null, null)).toBeNull();
    expect(keptExpression([], ['a'])).toEqual(['==', ['literal', 1], ['literal', 0]]);
    expect(keptExpression(['a'], ['b', 'c'])).toEqual(['match', ['get', 'id'], ['a'], true, false]);
    expect(keptExpression(['a'], null)).toEqual(['match', ['get', 'id'], ['a'], true, false]);
    expect(keptExpression(['a', 'b'], ['c'])).toEqual([
      'all',
      ['has', 'id'],
      ['match', ['get', 'id'], ['c'], false, true],
    ]);
    const own = ['==', ['geometry-type'], 'Point'] as const;
    expect(withKept(own as never, ['has', 'id'])).toEqual(['all', own, ['has', 'id']]);
    expect(withKept(undefined, null)).toBeUndefined();
  });
});

describe("search's filter suggestions", () => {
  const parks = [
    { id: 'PK-02', name: '鹤山工业城' },
    { id: 'PK-05', name: '中欧雅瑶新兴产业园' },
  ];

  it('offers a town, then a park that names it', () => {
    const found = filterSuggestions('雅瑶镇', parks, 'zh');
    expect(found.map((suggestion) => [suggestion.field, suggestion.value])).toEqual([['town', '雅瑶镇']]);
    expect(suggestionFilter(found[0] as (typeof found)[number])).toEqual({ town: '雅瑶镇' });
    expect(filterSuggestions('雅瑶', parks, 'zh').map((suggestion) => suggestion.value)).toEqual([
      '雅瑶镇',
      'PK-05',
    ]);
  });

  it('offers plot statuses and project stages by their names in either language', () => {
    expect(filterSuggestions('整治中', parks, 'zh')).toMatchObject([
      { layer: 'plots', field: 'status', value: 'rectifying', label: '整治中', rank: 0 },
    ]);
    expect(filterSuggestions('动工', parks, 'zh')).toMatchObject([{ layer: 'projects', value: 'started' }]);
    expect(filterSuggestions('rectifying', parks, 'en')).toMatchObject([
      { value: 'rectifying', label: 'Rectifying' },
    ]);
    expect(filterSuggestions('  ', parks, 'zh')).toEqual([]);
    expect(filterSuggestions('HS-DX-0001', parks, 'zh')).toEqual([]);
  });
});
