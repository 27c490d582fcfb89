// The analysis panel's own state, apart from the app's store: whether the panel is open, the run
// (status, progress, result from the worker) and the overlap drawn on the map. The panel only renders
// what is here; src/app/analysis/client.ts fills it from the worker.
import { create } from 'zustand';
import type { AnalysisPhase, AnalysisResult, OverlapShape } from '../../geo/analysis.ts';

/** The panel's element id (the toolbar button controls it; the map keeps clear of it). */
export const ANALYSIS_PANEL_ID = 'analysis-panel';

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
  setOpen(open: boolean): void;
}

export const useAnalysis = create<AnalysisState>()((set) => ({
  open: false,
  status: 'idle',
  progress: 0,
  phase: null,
  result: null,
  ms: null,
  error: null,
  highlight: null,
  setOpen: (open) => set({ open }),
}));
