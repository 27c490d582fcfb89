// The data table in the address: `?table=plots&town=雅瑶镇&status=rectifying` opens the plots' table
// with that filter, so a link reopens the same list. Opening, closing and a filter chosen from search or
// the analysis make a new history entry (back returns to the list before); typing in the filter's text
// box replaces the current one. The map's view stays in the hash, untouched.
import {
  filterFromParams,
  filterToParams,
  isTableLayer,
  type TableFilter,
  type TableLayerId,
} from '../../domain/table-filter.ts';
import { useAtlas } from '../state/store.ts';
import type { TableState } from '../state/table-slice.ts';

const TABLE_PARAM = 'table';

/** The table the address names, with its filter; null when it names none. */
function tableFromAddress(search: string): { layer: TableLayerId; filter: TableFilter } | null {
  const params = new URLSearchParams(search);
  const layer = params.get(TABLE_PARAM);
  if (layer === null || !isTableLayer(layer)) return null;
  return { layer, filter: filterFromParams(params) };
}

/** The address with the table's state written in (its parameters only; the rest and the hash kept). */
function addressWithTable(href: string, table: Pick<TableState, 'layer' | 'filter'>): string {
  const url = new URL(href);
  const params = filterToParams(table.layer === null ? {} : table.filter, url.searchParams);
  if (table.layer === null) params.delete(TABLE_PARAM);
  else params.set(TABLE_PARAM, table.layer);
  url.search = params.toString();
  return url.toString();
}

function applyAddress(): void {
  const state = useAtlas.getState();
  const named = tableFromAddress(window.location.search);
  if (named) state.openTable(named.layer, named.filter, 'none');
  else if (state.table.layer !== null) state.closeTable('none');
}

/**
 * Opens the table the address names, then keeps the two in step both ways (store → address after each
 * change, address → store on back and forward). Returns the function that stops it.
 */
export function followTableAddress(): () => void {
  applyAddress();
  const unsubscribe = useAtlas.subscribe((state, before) => {
    const { table } = state;
    if (table === before.table || table.navigation === 'none') return;
    const next = addressWithTable(window.location.href, table);
    if (next === window.location.href) return;
    if (table.navigation === 'push') window.history.pushState(window.history.state, '', next);
    else window.history.replaceState(window.history.state, '', next);
  });
  window.addEventListener('popstate', applyAddress);
  return () => {
    unsubscribe();
    window.removeEventListener('popstate', applyAddress);
  };
}
