// What the analysis worker does, as a plain object so node tests can drive it without a worker: keep the
// layers (posted once, prepared once), run the analysis in time slices with progress, cancel a run by
// its id (an AbortController per run, checked between slices), and cut the overlap of two plots on
// demand. Every answer is plain JSON; the geometry itself is src/geo/analysis.ts.
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import { applyFeatureChanges, type FeatureChanges } from '../domain/feature-changes.ts';
import {
  type AnalysisLayers,
  type AnalysisProgress,
  type AnalysisResult,
  analysisSteps,
  type OverlapShape,
  type PreparedAnalysis,
  plotOverlapShape,
  prepareAnalysis,
} from '../geo/analysis.ts';

export interface AnalysisLayerInput {
  plots: FeatureCollection | null;
  parks: FeatureCollection | null;
  newland: FeatureCollection | null;
  projects: FeatureCollection | null;
}

export type RunOutcome = { kind: 'done'; result: AnalysisResult; ms: number } | { kind: 'cancelled' };

export interface ApiOptions {
  /** Work this long (ms) before giving the event loop a turn, where cancel messages arrive. */
  sliceMs?: number;
  /** Report progress at most this often (ms); the first and the last step are always reported. */
  progressMs?: number;
  /** How to give the event loop a turn (a macrotask: messages are delivered between macrotasks). */
  yieldTurn?(): Promise<void>;
}

function macrotask(): Promise<void> {
  // A MessageChannel turn is not clamped to 4 ms as nested timers are.
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function createAnalysisApi(options: ApiOptions = {}) {
  const sliceMs = options.sliceMs ?? 12;
  const progressMs = options.progressMs ?? 50;
  const yieldTurn = options.yieldTurn ?? macrotask;
  let prepared: PreparedAnalysis | null = null;
  const running = new Map<number, AbortController>();

  /** Prepares the layers (cancelling any run on the old ones); returns the feature counts. */
  function prepare(layers: AnalysisLayers) {
    for (const controller of running.values()) controller.abort();
    prepared = prepareAnalysis(layers);
    return {
      plots: layers.plots.length,
      parks: layers.parks.length,
      newland: layers.newland.length,
      projects: layers.projects.length,
    };
  }

  return {
    /** Takes the layers (once per load) and prepares plots and parks; returns the feature counts. */
    load(input: AnalysisLayerInput): { plots: number; parks: number; newland: number; projects: number } {
      return prepare({
        plots: input.plots?.features ?? [],
        parks: input.parks?.features ?? [],
        newland: input.newland?.features ?? [],
        projects: input.projects?.features ?? [],
      });
    },

    /** Takes the features an edit changed (not the layers again) and prepares the layers anew. */
    apply(changes: Partial<Record<keyof AnalysisLayerInput, FeatureChanges>>) {
      const layers = prepared?.layers ?? { plots: [], parks: [], newland: [], projects: [] };
      const change = (name: keyof AnalysisLayerInput) => {
        const given = changes[name];
        return given ? applyFeatureChanges<Feature<Geometry | null>>(layers[name], given) : layers[name];
      };
      return prepare({
        plots: change('plots'),
        parks: change('parks'),
        newland: change('newland'),
        projects: change('projects'),
      });
    },

    /** Runs the analysis on the loaded layers; `runId` is the caller's, for cancel(runId). */
    async run(runId: number, onProgress?: (progress: AnalysisProgress) => void): Promise<RunOutcome> {
      if (!prepared) throw new Error('analysis worker: load() the layers before run()');
      const controller = new AbortController();
      running.set(runId, controller);
      const { signal } = controller;
      const started = performance.now();
      try {
        const steps = analysisSteps(prepared);
        let sliceStart = performance.now();
        let reported = -Infinity;
        for (;;) {
          if (signal.aborted) return { kind: 'cancelled' };
          const next = steps.next();
          if (next.done) {
            onProgress?.({ phase: 'pipeline', fraction: 1 });
            return { kind: 'done', result: next.value, ms: performance.now() - started };
          }
          const now = performance.now();
          if (now - reported >= progressMs) {
            reported = now;
            onProgress?.(next.value);
          }
          if (now - sliceStart >= sliceMs) {
            await yieldTurn();
            sliceStart = performance.now();
          }
        }
      } finally {
        running.delete(runId);
      }
    },

    /** Aborts the run with this id; false when no such run is going. */
    cancel(runId: number): boolean {
      const controller = running.get(runId);
      controller?.abort();
      return controller !== undefined;
    },

    /** The shared geometry of two plots, for the map's warning layer; null when there is none. */
    overlapShape(idA: string, idB: string): OverlapShape | null {
      return prepared ? plotOverlapShape(prepared, idA, idB) : null;
    },
  };
}

export type AnalysisApi = ReturnType<typeof createAnalysisApi>;
