// The toolbar's 数据表 button: with the shell from the start; the table it opens (table-panel.tsx, with
// the virtualiser) is loaded when it is first opened.
import { useAtlas } from '../state/store.ts';
import { BarAction } from '../ui/bar-action.tsx';
import { TABLE_PANEL_ID } from './ids.ts';
import { COUNT_UNIT, tt } from './strings.ts';

export function TableButton() {
  const lang = useAtlas((state) => state.lang);
  const layer = useAtlas((state) => state.table.layer);
  const openTable = useAtlas((state) => state.openTable);
  const closeTable = useAtlas((state) => state.closeTable);
  return (
    <BarAction
      open={layer !== null}
      controls={TABLE_PANEL_ID}
      icon={<span aria-hidden="true">▤ </span>}
      label={tt(lang, 'table')}
      onToggle={() => (layer === null ? openTable('plots', {}, 'push') : closeTable('push'))}
    />
  );
}

/** On the map while a table filters its layer: how many of the layer the map shows. */
export function MapFilterCount() {
  const lang = useAtlas((state) => state.lang);
  const view = useAtlas((state) => state.tableView);
  const tiled = useAtlas((state) => state.tiled);
  if (!view || view.kept === null) return null;
  const unit = COUNT_UNIT[view.layer];
  // Tiled plots at a county zoom come partly as density points, which hold many plots: hidden while a
  // filter is on (a point cannot be split by it), so the map says to zoom in for all that are kept.
  const clustered = view.layer !== 'zones' && tiled[view.layer] !== undefined;
  return (
    <p className="map-filter-count" role="status">
      {tt(lang, 'mapCount', {
        shown: view.shown,
        total: view.total,
        unit: unit[lang],
      })}
      {clustered ? tt(lang, 'mapCountDensity') : ''}
    </p>
  );
}
