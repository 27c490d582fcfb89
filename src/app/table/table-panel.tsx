// The data table (数据表) of a layer: opened from the toolbar, by a link (`?table=plots&town=…`), from
// search (a town, status or park as a filter) or from a count of the analysis panel. Filters above
// (table-filters.tsx), sortable columns that can be hidden, rows virtualised (@tanstack/react-virtual:
// only the rows in view are in the DOM, so 100 000 scroll as smoothly as 100), the count of what the
// filter keeps, and an Excel export of exactly those rows from the server. A row selects its feature on
// the map and flies there; a feature selected on the map is highlighted here and scrolled into view.
// The filter is src/domain/table-filter.ts, the same predicate the server's export runs.
import '../ui/ui.css';
import './table.css';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMap } from 'react-map-gl/maplibre';
import { todayInChina } from '../../domain/dates.ts';
import { layerLabel } from '../../domain/labels.ts';
import {
  cellText,
  columnHeader,
  type ParkNames,
  TABLE_COLUMNS,
  type TableColumn,
} from '../../domain/table-columns.ts';
import {
  filterRows,
  filterToParams,
  type SortDirection,
  sortRows,
  TABLE_LAYERS,
  type TableLayerId,
  type TableRow,
} from '../../domain/table-filter.ts';
import { errorText } from '../api/client.ts';
import { tableExportUrl } from '../api/endpoints.ts';
import { focusFeature, showFeatureById, TABLET_QUERY } from '../map/camera.ts';
import { keptIds } from '../map/kept-filter.ts';
import { useRules } from '../state/settings.ts';
import { useAtlas } from '../state/store.ts';
import { CloseButton } from '../ui/close-button.tsx';
import { useFitKept } from './fit-kept.ts';
import { TABLE_PANEL_ID } from './ids.ts';
import { COUNT_UNIT, tt } from './strings.ts';
import { TableFilters } from './table-filters.tsx';
import { useTableRows } from './table-rows.ts';

const NO_ROWS: readonly TableRow[] = [];

/** Row height, CSS px: a finger's target. */
const ROW_PX = 44;

/** A column's width, CSS px: every row lays its cells out alike (each row is its own grid). */
function columnWidth(column: TableColumn): number {
  if (column.key === 'enterprise' || column.key === 'name' || column.key === 'notes') return 260;
  if (column.kind === 'park') return 230;
  if (column.kind === 'landUse') return 190;
  if (column.kind === 'list') return 220;
  if (column.key === 'id') return 150;
  return 120;
}

interface Sort {
  key: string;
  direction: SortDirection;
}

function useParkNames(): ParkNames {
  const lang = useAtlas((state) => state.lang);
  const parks = useAtlas((state) => state.layers.parks);
  return useMemo(
    () => ({
      names: new Map([...(parks?.byId ?? [])].map(([id, park]) => [id, String(park.properties?.name ?? id)])),
      outside: tt(lang, 'outside'),
    }),
    [parks, lang],
  );
}

/** The rows the filter keeps, sorted; and what the map is told to show. */
function useShownRows(layer: TableLayerId, rows: readonly TableRow[] | null, sort: Sort | null) {
  const filter = useAtlas((state) => state.table.filter);
  const setTableView = useAtlas((state) => state.setTableView);
  const rules = useRules();
  const today = todayInChina();
  const kept = useMemo(
    () => (rows ? filterRows(layer, rows, filter, { today, rules }) : []),
    [layer, rows, filter, today, rules],
  );
  const shown = useMemo(() => (sort ? sortRows(kept, sort.key, sort.direction) : kept), [kept, sort]);
  useEffect(() => {
    if (!rows) return;
    setTableView({ layer, ...keptIds(rows, kept), shown: kept.length, total: rows.length });
  }, [layer, rows, kept, setTableView]);
  return { filter, kept, shown };
}

export function TablePanel() {
  const lang = useAtlas((state) => state.lang);
  const layer = useAtlas((state) => state.table.layer);
  if (!layer) return null;
  return <LayerTable key={layer} layer={layer} lang={lang} />;
}

function LayerTable({ layer, lang }: { layer: TableLayerId; lang: 'zh' | 'en' }) {
  const online = useAtlas((state) => state.network.online);
  const openTable = useAtlas((state) => state.openTable);
  const closeTable = useAtlas((state) => state.closeTable);
  const selection = useAtlas((state) => state.selection);
  const zones = useAtlas((state) => state.layers.zones);
  const maps = useMap();
  const [attempt, setAttempt] = useState(0);
  const loaded = useTableRows(layer, attempt);
  const [sort, setSort] = useState<Sort | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(
    () => new Set(TABLE_COLUMNS[layer].filter((column) => !column.shown).map((column) => column.key)),
  );
  const parks = useParkNames();
  const { filter, kept, shown } = useShownRows(layer, loaded.rows, sort);
  const fitKept = useFitKept(layer, filter);
  const columns = TABLE_COLUMNS[layer].filter((column) => !hidden.has(column.key));
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: shown.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_PX,
    // The sticky header row stands over the first row's place when one is scrolled into view.
    scrollPaddingStart: ROW_PX,
    overscan: 8,
  });
  const selectedId = selection.kind === 'feature' && selection.layer === layer ? selection.id : null;
  const selectedIndex = useMemo(
    () => (selectedId === null ? -1 : shown.findIndex((row) => row.id === selectedId)),
    [shown, selectedId],
  );
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  const unit = COUNT_UNIT[layer][lang];
  const total = loaded.rows?.length ?? 0;
  const exportQuery = filterToParams(filter, new URLSearchParams());
  if (sort) {
    exportQuery.set('sort', sort.key);
    exportQuery.set('dir', sort.direction);
  }
  const gridTemplate = columns.map((column) => `${columnWidth(column)}px`).join(' ');

  const choose = (row: TableRow) => {
    const map = maps.main;
    if (layer === 'zones') {
      const zone = zones?.byId.get(row.id);
      if (map && zone) focusFeature(map, zone);
      return;
    }
    // On a tablet the table stands over the map's top: the inspector's sheet comes up only to its
    // title strip, so the plot is seen between the two.
    if (matchMedia(TABLET_QUERY).matches) useAtlas.getState().setSheetSnap('peek');
    if (map) void showFeatureById(map, layer, row.id);
    else useAtlas.getState().select({ kind: 'feature', layer, id: row.id });
  };

  return (
    <section
      className="table-panel"
      id={TABLE_PANEL_ID}
      aria-label={tt(lang, 'tableOf', { layer: layerLabel(layer, lang) })}
    >
      <header className="table-header">
        <h2>{tt(lang, 'table')}</h2>
        <label className="table-layer">
          <span className="visually-hidden">{tt(lang, 'layer')}</span>
          <select
            value={layer}
            onChange={(event) => openTable(event.target.value as TableLayerId, {}, 'push')}
          >
            {TABLE_LAYERS.map((option) => (
              <option key={option} value={option}>
                {layerLabel(option, lang)}
              </option>
            ))}
          </select>
        </label>
        <p className="table-count" role="status">
          {loaded.rows
            ? tt(lang, 'count', { shown: kept.length, total, unit })
            : tt(lang, loaded.status === 'failed' ? 'noRows' : 'loading')}
        </p>
        <details className="table-columns">
          <summary className="text-button">{tt(lang, 'columns')}</summary>
          <div className="table-columns-menu">
            {TABLE_COLUMNS[layer].map((column) => (
              <label key={column.key} className="table-column-choice">
                <input
                  type="checkbox"
                  checked={!hidden.has(column.key)}
                  disabled={column.key === 'id' && !hidden.has('id') && columns.length === 1}
                  onChange={(event) => {
                    const next = new Set(hidden);
                    if (event.target.checked) next.delete(column.key);
                    else next.add(column.key);
                    setHidden(next);
                  }}
                />
                {columnHeader(column, lang)}
              </label>
            ))}
          </div>
        </details>
        <button
          type="button"
          className="text-button table-fit"
          disabled={!loaded.rows || kept.length === 0 || !online || fitKept.busy}
          aria-busy={fitKept.busy}
          onClick={() => void fitKept.zoom()}
        >
          {tt(lang, 'fit')}
        </button>
        {online ? (
          <a className="text-button table-export" href={tableExportUrl(layer, exportQuery, lang)} download>
            {tt(lang, 'exportExcel')}
          </a>
        ) : (
          // The workbook is made on the server: offline there is nothing to download.
          <button
            type="button"
            className="text-button table-export"
            disabled
            title={tt(lang, 'exportOffline')}
          >
            {tt(lang, 'exportExcel')}
          </button>
        )}
        <CloseButton label={tt(lang, 'closeTable')} onClick={() => closeTable('push')} />
      </header>
      <TableFilters layer={layer} rows={loaded.rows ?? NO_ROWS} filter={filter} />
      {fitKept.message && (
        <p className="table-message status-error" role="alert">
          {fitKept.message}
        </p>
      )}
      {loaded.status === 'failed' && (
        <p className="table-message status-error" role="alert">
          {online ? tt(lang, 'failed', { reason: errorText(loaded.error, lang) }) : tt(lang, 'offline')}{' '}
          <button type="button" className="text-button" onClick={() => setAttempt(attempt + 1)}>
            {tt(lang, 'retry')}
          </button>
        </p>
      )}
      {/* biome-ignore lint/a11y/useSemanticElements: a virtualised table places its rows absolutely, each row its own grid, which table elements do not allow */}
      <div
        className="table-grid"
        ref={scroller}
        role="table"
        aria-label={tt(lang, 'rows')}
        aria-rowcount={shown.length + 1}
        aria-busy={loaded.status === 'loading'}
      >
        {/* biome-ignore lint/a11y/useSemanticElements: a virtualised table places its rows absolutely, each row its own grid, which table elements do not allow */}
        <div
          className="table-row table-head"
          role="row"
          tabIndex={-1}
          aria-rowindex={1}
          style={{ gridTemplateColumns: gridTemplate }}
        >
          {columns.map((column) => {
            const sorted = sort?.key === column.key ? sort.direction : null;
            const header = columnHeader(column, lang);
            return (
              // biome-ignore lint/a11y/useSemanticElements: a virtualised table places its rows absolutely, each row its own grid, which table elements do not allow
              <div
                key={column.key}
                role="columnheader"
                tabIndex={-1}
                aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none'}
              >
                <button
                  type="button"
                  className="table-sort"
                  aria-label={tt(lang, 'sortBy', { column: header })}
                  onClick={() =>
                    setSort(
                      sorted === 'asc'
                        ? { key: column.key, direction: 'desc' }
                        : sorted === 'desc'
                          ? null
                          : { key: column.key, direction: 'asc' },
                    )
                  }
                >
                  {header}
                  <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}</span>
                </button>
              </div>
            );
          })}
        </div>
        <div>
          {loaded.rows && shown.length === 0 && <p className="table-message">{tt(lang, 'empty')}</p>}
          {/* biome-ignore lint/a11y/useSemanticElements: a virtualised table places its rows absolutely, each row its own grid, which table elements do not allow */}
          <div className="table-body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = shown[item.index] as TableRow;
              const selected = row.id === selectedId;
              return (
                // biome-ignore lint/a11y/useSemanticElements: a virtualised table places its rows absolutely, each row its own grid, which table elements do not allow
                <div
                  key={row.id}
                  role="row"
                  aria-rowindex={item.index + 2}
                  aria-selected={selected}
                  tabIndex={0}
                  className={selected ? 'table-row selected' : 'table-row'}
                  style={{ transform: `translateY(${item.start}px)`, gridTemplateColumns: gridTemplate }}
                  onClick={() => choose(row)}
                  onKeyDown={(event) => {
                    if (event.key === 'Enter' || event.key === ' ') {
                      event.preventDefault();
                      choose(row);
                    }
                  }}
                >
                  {columns.map((column) => (
                    // biome-ignore lint/a11y/useSemanticElements: a virtualised table places its rows absolutely, each row its own grid, which table elements do not allow
                    <div
                      key={column.key}
                      role="cell"
                      className={column.kind === 'mu' || column.kind === 'number' ? 'num' : undefined}
                    >
                      {cellText(column, row, lang, parks)}
                    </div>
                  ))}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </section>
  );
}
