// A plot's inspections and change history as read from the server, re-read when the plot's version
// changes or after photos arrive (the store's recordsRevision).

import { useCallback, useEffect, useState } from 'react';
import type { Lang } from '../../domain/i18n.ts';
import type { HistoryEntry, Inspection } from '../../domain/wire.ts';
import { errorText } from '../api/client.ts';
import { getFeatureHistory, getPlotInspections } from '../api/endpoints.ts';
import { useAtlas } from '../state/store.ts';

export interface PlotRecords {
  inspections: Inspection[] | null;
  history: HistoryEntry[] | null;
  error: string | null;
  reload(): void;
}

export function usePlotRecords(plotId: string, version: unknown, lang: Lang): PlotRecords {
  const revision = useAtlas((state) => state.recordsRevision);
  const [loaded, setLoaded] = useState<{
    plotId: string;
    inspections: Inspection[];
    history: HistoryEntry[];
  } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: version, revision and attempt are re-read triggers
  useEffect(() => {
    const controller = new AbortController();
    setError(null);
    Promise.all([
      getPlotInspections(plotId, controller.signal),
      getFeatureHistory('plots', plotId, controller.signal),
    ]).then(
      ([list, page]) => {
        if (!controller.signal.aborted)
          setLoaded({ plotId, inspections: list.inspections, history: page.entries });
      },
      (caught: unknown) => {
        if (!controller.signal.aborted) setError(caught);
      },
    );
    return () => controller.abort();
  }, [plotId, version, revision, attempt]);

  // Another plot's records are never shown, not even while this one's load.
  const current = loaded?.plotId === plotId ? loaded : null;
  const inspections = current?.inspections ?? null;
  const history = current?.history ?? null;
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  return { inspections, history, error: error ? errorText(error, lang) : null, reload };
}
