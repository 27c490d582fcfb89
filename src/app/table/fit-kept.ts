// 缩放至筛选结果 / Zoom to results: the map fitted to every feature the table's filter keeps, wherever
// they are (the map may show none of them in view). The box comes from the server (GET
// /api/table/:layer/bounds, the same filter as the rows and the Excel export), because a tiled layer's
// features are not all in the browser. Asked by the button, and by itself when a count of the analysis
// or a search suggestion opened the table (the store's tableFit).
import { useCallback, useEffect, useRef, useState } from 'react';
import { useMap } from 'react-map-gl/maplibre';
import { filterToParams, type TableFilter, type TableLayerId } from '../../domain/table-filter.ts';
import { errorText } from '../api/client.ts';
import { getTableBounds } from '../api/endpoints.ts';
import { fitArea } from '../map/camera.ts';
import { useAtlas } from '../state/store.ts';
import { tt } from './strings.ts';

export function useFitKept(layer: TableLayerId, filter: TableFilter) {
  const maps = useMap();
  const lang = useAtlas((state) => state.lang);
  const fitAsked = useAtlas((state) => state.tableFit);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  /** The filter of the latest request: an answer for an older one is not shown. */
  const latest = useRef<TableFilter | null>(null);

  const zoom = useCallback(async () => {
    const map = maps.main;
    if (!map) return;
    latest.current = filter;
    setBusy(true);
    setMessage(null);
    try {
      const answer = await getTableBounds(layer, filterToParams(filter, new URLSearchParams()));
      if (latest.current !== filter) return;
      if (!answer.bbox) {
        setMessage(tt(lang, 'fitNothing'));
        return;
      }
      useAtlas.getState().setVisible(layer, true);
      const [west, south, east, north] = answer.bbox;
      fitArea(map, [
        [west, south],
        [east, north],
      ]);
    } catch (error) {
      if (latest.current === filter) setMessage(tt(lang, 'fitFailed', { reason: errorText(error, lang) }));
    } finally {
      if (latest.current === filter) setBusy(false);
    }
  }, [maps, layer, filter, lang]);

  // A filter changed since the message was about another one: it no longer holds.
  // biome-ignore lint/correctness/useExhaustiveDependencies: filter is the trigger
  useEffect(() => setMessage(null), [filter]);

  useEffect(() => {
    if (!fitAsked || !maps.main) return;
    useAtlas.getState().clearTableFit();
    void zoom();
  }, [fitAsked, maps, zoom]);

  return { zoom, busy, message };
}
