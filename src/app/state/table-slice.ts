// The table slice: which layer's data table (数据表) is open, its filter, and what the filter keeps for
// the map (ids, so the map filters its layer by a MapLibre filter expression instead of rebuilding the
// source). The filter also lives in the address (src/app/shell/table-address.ts writes it there after
// each change, as `navigation` asks: a new history entry, the current one replaced, or none when the
// change came from the address itself). The search box and the analysis panel open the table here.
import type { TableFilter, TableLayerId } from '../../domain/table-filter.ts';
import type { SliceCreator } from './slice.ts';

/** How a change reaches the address: a new entry (back returns), the same entry, or none. */
export type TableNavigation = 'push' | 'replace' | 'none';

export interface TableState {
  /** The layer whose table is open; null when closed. */
  layer: TableLayerId | null;
  filter: TableFilter;
  navigation: TableNavigation;
}

/** What the map shows of a layer while its table filters: the ids kept (null: all of them). */
export interface TableView {
  layer: TableLayerId;
  kept: readonly string[] | null;
  /** The ids the filter drops, when it keeps more than half (null: not listed). kept-filter.ts keptIds. */
  dropped: readonly string[] | null;
  shown: number;
  total: number;
}

export interface TableSlice {
  table: TableState;
  tableView: TableView | null;
  /**
   * The map is to be fitted to what the table's filter keeps (asked when a count or a search suggestion
   * opens the table: the person wants to see those); the table does it and clears this.
   */
  tableFit: boolean;
  openTable(
    layer: TableLayerId,
    filter?: TableFilter,
    navigation?: TableNavigation,
    options?: { fit?: boolean },
  ): void;
  clearTableFit(): void;
  setTableFilter(filter: TableFilter, navigation?: TableNavigation): void;
  closeTable(navigation?: TableNavigation): void;
  setTableView(view: TableView | null): void;
}

export const createTableSlice: SliceCreator<TableSlice> = (set) => ({
  table: { layer: null, filter: {}, navigation: 'none' },
  tableView: null,
  tableFit: false,
  openTable: (layer, filter = {}, navigation = 'push', { fit = false } = {}) =>
    set((state) => ({
      table: { layer, filter, navigation },
      tableFit: fit,
      // Another layer's table: the map stops filtering the one before until the new rows are in.
      tableView: state.tableView?.layer === layer ? state.tableView : null,
    })),
  setTableFilter: (filter, navigation = 'replace') =>
    set((state) => ({ table: { ...state.table, filter, navigation } })),
  closeTable: (navigation = 'push') =>
    set({ table: { layer: null, filter: {}, navigation }, tableView: null, tableFit: false }),
  setTableView: (tableView) => set({ tableView }),
  clearTableFit: () => set({ tableFit: false }),
});
