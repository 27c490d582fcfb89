// A count of the analysis opens the data table of what it counts: the table comes up with the filter,
// the map fits what it keeps, and the panel steps aside (its result is kept: 统计分析 shows it again
// at once).
import type { TableFilter, TableLayerId } from '../../domain/table-filter.ts';
import { useAtlas } from '../state/store.ts';

export function openCounted(layer: TableLayerId, filter: TableFilter): void {
  const state = useAtlas.getState();
  state.openTable(layer, filter, 'push', { fit: true });
  state.setAnalysis({ open: false });
}
