// The main thread's side of the analysis worker: starts it on first use, posts the validated layers to it
// once per load (then only the features an edit changed), runs and cancels analyses (by run id) and asks it for an overlap's geometry. Results go
// into the store's analysis slice; nothing here computes geometry. When an analysed layer is served as
// tiles (not held here), the server runs the same analysis on its whole layers instead
// (GET /api/analysis, cached per revision) and cuts the overlaps (GET /api/analysis/overlap).
import { proxy, type Remote, wrap } from 'comlink';
import { isTileable } from '../../domain/layers.ts';
import type { AnalysisProgress, AnalysisResult } from '../../geo/analysis.ts';
import type { AnalysisApi } from '../../worker/analysisApi.ts';
import { analysisOnServer, overlapOnServer } from '../api/queries.ts';
import { useAtlas } from '../state/store.ts';
import { layerSync } from '../state/worker-sync.ts';

const ANALYSED = ['plots', 'parks', 'newland', 'projects'] as const;

let remote: Remote<AnalysisApi> | null = null;
let currentRun = 0;
/** The request of the server's analysis under way, aborted by a cancel. */
let serverRun: AbortController | null = null;

/** Whether any analysed layer is served as tiles: the analysis then runs on the server. */
const onServer = (): boolean => {
  const { tiled } = useAtlas.getState();
  return ANALYSED.some((layer) => isTileable(layer) && tiled[layer] !== undefined);
};

function api(): Remote<AnalysisApi> {
  if (!remote) {
    const worker = new Worker(new URL('../../worker/analysis.worker.ts', import.meta.url), {
      type: 'module',
      name: 'analysis',
    });
    remote = wrap<AnalysisApi>(worker);
  }
  return remote;
}

// The layers go to the worker once per load; after an edit only the changed features do.
const layers = layerSync(ANALYSED, {
  load: (input) => api().load(input),
  apply: (changes) => api().apply(changes),
});

/** Starts an analysis (cancelling one under way); its result lands in the store's analysis slice. */
export async function startAnalysis(): Promise<void> {
  if (useAtlas.getState().analysis.status === 'running') cancelAnalysis();
  const runId = ++currentRun;
  useAtlas.getState().setAnalysis({ status: 'running', progress: 0, phase: null, error: null });
  if (onServer()) return runOnServer(runId);
  try {
    await layers.sync();
    if (runId !== currentRun) return;
    const onProgress = proxy((progress: AnalysisProgress) => {
      if (runId !== currentRun) return;
      useAtlas.getState().setAnalysis({ progress: progress.fraction, phase: progress.phase });
    });
    const outcome = await api().run(runId, onProgress);
    if (runId !== currentRun) return;
    if (outcome.kind === 'cancelled') {
      useAtlas.getState().setAnalysis({ status: 'cancelled' });
      return;
    }
    finish(runId, outcome.result, outcome.ms);
  } catch (error) {
    if (runId !== currentRun) return;
    useAtlas
      .getState()
      .setAnalysis({ status: 'error', error: error instanceof Error ? error.message : String(error) });
  }
}

/** Keeps the overlap drawn when the new result still has it. */
function finish(runId: number, result: AnalysisResult, ms: number): void {
  if (runId !== currentRun) return;
  const { highlight } = useAtlas.getState().analysis;
  const stillThere =
    highlight && result.overlaps.some((pair) => pair.a === highlight.a && pair.b === highlight.b);
  useAtlas.getState().setAnalysis({
    status: 'done',
    progress: 1,
    result,
    ms,
    highlight: stillThere ? highlight : null,
  });
}

/** The analysis by the server (no progress to show: it answers when done, or at once from its cache). */
async function runOnServer(runId: number): Promise<void> {
  const controller = new AbortController();
  serverRun = controller;
  try {
    const answer = await analysisOnServer(controller.signal);
    finish(runId, answer.result, answer.ms);
  } catch (error) {
    if (runId !== currentRun) return;
    useAtlas
      .getState()
      .setAnalysis({ status: 'error', error: error instanceof Error ? error.message : String(error) });
  } finally {
    if (serverRun === controller) serverRun = null;
  }
}

/** Cancels the analysis under way (the worker aborts at its next slice). */
export function cancelAnalysis(): void {
  const runId = currentRun;
  if (useAtlas.getState().analysis.status !== 'running') return;
  currentRun++;
  useAtlas.getState().setAnalysis({ status: 'cancelled' });
  serverRun?.abort();
  serverRun = null;
  if (remote) void remote.cancel(runId);
}

/** Asks the worker for the overlap of two plots and draws it (the map layer follows the store). */
export async function showOverlap(a: string, b: string, m2: number): Promise<void> {
  useAtlas.getState().setAnalysis({ highlight: { a, b, m2, shape: null, pending: true } });
  let shape = null;
  try {
    shape = onServer() ? (await overlapOnServer(a, b)).shape : await api().overlapShape(a, b);
  } catch {
    shape = null;
  }
  const { highlight } = useAtlas.getState().analysis;
  if (highlight?.a !== a || highlight.b !== b) return;
  useAtlas.getState().setAnalysis({ highlight: { a, b, m2, shape, pending: false } });
}

export function clearOverlap(): void {
  useAtlas.getState().setAnalysis({ highlight: null });
}

// Analysed layers reloaded (another sign-in, an edit saved; a zone saved changes none of them): the figures are stale. Recompute at once when the
// panel is open or a run is under way; otherwise on the next opening.
useAtlas.subscribe((state, previous) => {
  if (
    state.tiled === previous.tiled &&
    ANALYSED.every((layer) => state.layers[layer] === previous.layers[layer])
  )
    return;
  const { status, open } = useAtlas.getState().analysis;
  if (!state.loading && (open || status === 'running')) void startAnalysis();
  else if (status !== 'running') useAtlas.getState().setAnalysis({ status: 'idle' });
});
