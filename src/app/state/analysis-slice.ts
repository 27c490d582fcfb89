// The analysis slice: whether the panel is open, the run (status, progress, result from the worker) and
// the overlap drawn on the map. src/app/analysis/client.ts fills it from the worker; the panel and the
// map layer only render what is here.
import type { AnalysisPhase, AnalysisResult, OverlapShape } from '../../geo/analysis.ts';
import type { SliceCreator } from './slice.ts';

export type AnalysisStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface HighlightedOverlap {
  a: string;
  b: string;
  m2: number;
  /** Null while the worker cuts it, or when there is nothing to draw. */
  shape: OverlapShape | null;
  pending: boolean;
}

export interface AnalysisState {
  open: boolean;
  status: AnalysisStatus;
  /** 0 … 1 while running. */
  progress: number;
  phase: AnalysisPhase | null;
  result: AnalysisResult | null;
  /** How long the worker took for the result, ms. */
  ms: number | null;
  error: string | null;
  highlight: HighlightedOverlap | null;
}

export interface AnalysisSlice {
  analysis: AnalysisState;
  setAnalysis(patch: Partial<AnalysisState>): void;
}

export const createAnalysisSlice: SliceCreator<AnalysisSlice> = (set) => ({
  analysis: {
    open: false,
    status: 'idle',
    progress: 0,
    phase: null,
    result: null,
    ms: null,
    error: null,
    highlight: null,
  },
  setAnalysis: (patch) => set((state) => ({ analysis: { ...state.analysis, ...patch } })),
});
