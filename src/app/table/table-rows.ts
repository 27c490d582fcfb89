// The rows of a layer's data table, read from the server (GET /api/table/:layer: properties, the park
// each feature lies in, its area and last inspection date) and read again when the layer changes (a
// load, an edit, an inspection). Kept per layer for the session, so reopening the table is instant.
import { useEffect, useState } from 'react';
import type { TableLayerId, TableRow } from '../../domain/table-filter.ts';
import { getTable } from '../api/endpoints.ts';
import { useAtlas } from '../state/store.ts';

export type TableRows =
  | { status: 'loading'; rows: readonly TableRow[] | null }
  | { status: 'ready'; rows: readonly TableRow[] }
  | { status: 'failed'; rows: readonly TableRow[] | null; error: unknown };

const kept = new Map<TableLayerId, { key: string; rows: readonly TableRow[] }>();

/** A number per layer-data object (a new object after every load or edit), to key the rows by. */
const dataVersions = new WeakMap<object, number>();
let nextVersion = 1;
function versionOf(data: object | undefined): number {
  if (!data) return 0;
  let version = dataVersions.get(data);
  if (version === undefined) {
    version = nextVersion++;
    dataVersions.set(data, version);
  }
  return version;
}

/** What the rows depend on: the layer's data (or its tile edits), whole loads and recorded inspections. */
function useRowsKey(layer: TableLayerId): string {
  const loadCount = useAtlas((state) => state.loadCount);
  const records = useAtlas((state) => state.recordsRevision);
  const data = useAtlas((state) => state.layers[layer]);
  const edits = useAtlas((state) => (layer === 'zones' ? undefined : state.tileEdits[layer]?.epoch));
  return `${loadCount}/${records}/${versionOf(data)}/${edits ?? 0}`;
}

export function useTableRows(layer: TableLayerId, attempt: number): TableRows {
  const key = useRowsKey(layer);
  const [state, setState] = useState<TableRows>(() => {
    const known = kept.get(layer);
    return known ? { status: 'ready', rows: known.rows } : { status: 'loading', rows: null };
  });

  useEffect(() => {
    const known = kept.get(layer);
    const fullKey = `${key}#${attempt}`;
    if (known && known.key === fullKey) {
      setState({ status: 'ready', rows: known.rows });
      return;
    }
    const controller = new AbortController();
    setState({ status: 'loading', rows: known?.rows ?? null });
    getTable(layer, controller.signal).then(
      (answer) => {
        kept.set(layer, { key: fullKey, rows: answer.rows });
        setState({ status: 'ready', rows: answer.rows });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState({ status: 'failed', rows: known?.rows ?? null, error });
      },
    );
    return () => controller.abort();
  }, [layer, key, attempt]);

  return state;
}
