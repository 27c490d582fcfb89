// The questions the app asks the server about whole layers, for the layers it does not hold (served as
// tiles): search, the analysis, an overlap's shape, what each park holds. Answers checked by the shared
// schemas (src/domain/wire.ts).
import type { SearchLayerId } from '../../domain/search.ts';
import { analysisAnswer, holdingsAnswer, overlapAnswer, searchAnswer } from '../../domain/wire.ts';
import { request } from './client.ts';

/** GET /api/search: the best `limit` matches of `q` in these layers, in the shared order. */
export const searchOnServer = (
  q: string,
  layers: readonly SearchLayerId[],
  limit: number,
  signal?: AbortSignal,
) =>
  request(
    searchAnswer,
    `/api/search?${new URLSearchParams({ q, limit: String(limit), layers: layers.join(',') })}`,
    signal ? { signal } : {},
  );

/** GET /api/analysis: the analysis report of the server's layers at their current revisions. */
export const analysisOnServer = (signal?: AbortSignal) =>
  request(analysisAnswer, '/api/analysis', signal ? { signal } : {});

/** GET /api/analysis/overlap: the shared geometry of two plots, null when there is none. */
export const overlapOnServer = (a: string, b: string) =>
  request(overlapAnswer, `/api/analysis/overlap?${new URLSearchParams({ a, b })}`);

/** GET /api/holdings: what each park holds of plots, projects and new land. */
export const holdingsOnServer = () => request(holdingsAnswer, '/api/holdings');
