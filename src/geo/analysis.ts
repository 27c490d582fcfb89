// The analysis panel's report (issue #3), as one pure function of the layers: low-efficiency plots per
// park (by status and grade), plot-on-plot overlaps, the share of new construction land going to
// manufacturing, and the key-project pipeline. Runs unchanged in node (tests, bench/analysis.ts) and in
// the analysis worker (src/worker/analysis.worker.ts), which prepares the layers once and keeps them.
//
// The work is a generator of progress steps: a slice of plots at a time. Run straight through it is
// runAnalysis; the worker instead gives its event loop a turn between slices so that a cancel message
// can arrive and abort the run (a synchronous loop would not hear it until the end).

import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { featureId } from '../domain/feature-id.ts';
import { type PipelineReport, projectPipeline } from '../domain/pipeline.ts';
import {
  type AbortSignalLike,
  type BoxIndex,
  featureCount,
  indexBoxes,
  type OverlapPair,
  overlapGeometry,
  overlapsInRange,
  prepareFeatures,
} from './overlap.ts';
import { parkIds, parkOfPairs } from './park-of.ts';
import { type PlotsByPark, plotsByPark } from './plots-by-park.ts';
import type { PreparedLayer } from './prepared.ts';
import { type ShareReport, shareOfNewLand } from './share.ts';

type AnyFeature = Feature<Geometry | null>;

export interface AnalysisLayers {
  plots: readonly AnyFeature[];
  parks: readonly AnyFeature[];
  newland: readonly AnyFeature[];
  projects: readonly AnyFeature[];
}

/** The layers with plots and parks prepared and indexed once, kept between runs. */
export interface PreparedAnalysis {
  layers: AnalysisLayers;
  plotIds: string[];
  plotNumber: Map<string, number>;
  plots: PreparedLayer;
  parks: PreparedLayer;
  plotIndex: BoxIndex | null;
  parkIndex: BoxIndex | null;
}

export interface PlotOverlap {
  /** Plot ids, in layer order. */
  a: string;
  b: string;
  m2: number;
}

export interface AnalysisResult {
  plotsByPark: PlotsByPark;
  /** Largest first. */
  overlaps: PlotOverlap[];
  /** Null without a new-land layer. */
  share: ShareReport | null;
  pipeline: PipelineReport;
  counts: { plots: number; parks: number; newland: number; projects: number };
}

export type AnalysisPhase = 'plotsByPark' | 'overlaps' | 'share' | 'pipeline';

export interface AnalysisProgress {
  phase: AnalysisPhase;
  /** 0 … 1 over the whole analysis. */
  fraction: number;
}

export interface RunOptions {
  onProgress?(progress: AnalysisProgress): void;
  signal?: AbortSignalLike;
}

/** Plots handled per step: small enough that a step takes a few ms on the sample's plots. */
export const SLICE = 128;

/** How much of the whole each phase is, for one progress fraction (measured on the sample). */
const WEIGHT: Record<AnalysisPhase, [start: number, span: number]> = {
  plotsByPark: [0, 0.3],
  overlaps: [0.3, 0.5],
  share: [0.8, 0.18],
  pipeline: [0.98, 0.02],
};

function idOf(feature: AnyFeature, index: number): string {
  return featureId(feature) ?? `#${index}`;
}

const numbersOf = (plotIds: readonly string[]): Map<string, number> =>
  new Map(plotIds.map((id, index) => [id, index]));

/** Each plot's number (its index in the layer) by the id the overlaps name it by (plotOverlapShape). */
export const plotNumbers = (plots: readonly AnyFeature[]): Map<string, number> => numbersOf(plots.map(idOf));

export function prepareAnalysis(layers: AnalysisLayers): PreparedAnalysis {
  const plots = prepareFeatures(layers.plots);
  const parks = prepareFeatures(layers.parks);
  const plotIds = layers.plots.map(idOf);
  return {
    layers,
    plotIds,
    plotNumber: numbersOf(plotIds),
    plots,
    parks,
    plotIndex: indexBoxes(plots),
    parkIndex: indexBoxes(parks),
  };
}

function step(phase: AnalysisPhase, done: number, total: number): AnalysisProgress {
  const [start, span] = WEIGHT[phase];
  return { phase, fraction: start + span * (total > 0 ? Math.min(done / total, 1) : 1) };
}

/** The analysis as steps: yields progress after each slice, returns the result. */
export function* analysisSteps(prepared: PreparedAnalysis): Generator<AnalysisProgress, AnalysisResult> {
  const { layers, plots, parks } = prepared;
  const total = featureCount(plots);

  const plotPark: OverlapPair[] = [];
  for (let from = 0; from < total; from += SLICE) {
    overlapsInRange(plots, from, Math.min(from + SLICE, total), parks, prepared.parkIndex, false, plotPark);
    yield step('plotsByPark', from + SLICE, total);
  }
  const parkOfPlot = parkOfPairs(total, plotPark, parkIds(layers.parks));

  const pairs: OverlapPair[] = [];
  for (let from = 0; from < total; from += SLICE) {
    overlapsInRange(plots, from, Math.min(from + SLICE, total), plots, prepared.plotIndex, true, pairs);
    yield step('overlaps', from + SLICE, total);
  }
  const overlaps = pairs
    .map(({ a, b, m2 }) => ({ a: prepared.plotIds[a] as string, b: prepared.plotIds[b] as string, m2 }))
    .sort((x, y) => y.m2 - x.m2 || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));

  const share = layers.newland.length > 0 ? shareOfNewLand(layers.newland, { parks: layers.parks }) : null;
  yield step('share', 1, 1);

  const pipeline = projectPipeline(
    layers.projects.map((feature) => (feature.properties ?? null) as Record<string, unknown> | null),
  );
  yield step('pipeline', 1, 1);

  return {
    plotsByPark: plotsByPark(layers.plots, layers.parks, parkOfPlot, plots.featureAreaM2),
    overlaps,
    share,
    pipeline,
    counts: {
      plots: layers.plots.length,
      parks: layers.parks.length,
      newland: layers.newland.length,
      projects: layers.projects.length,
    },
  };
}

/** The whole analysis in one go (node, bench); checks the signal between steps. */
export function runAnalysis(prepared: PreparedAnalysis, options: RunOptions = {}): AnalysisResult {
  const steps = analysisSteps(prepared);
  for (;;) {
    options.signal?.throwIfAborted();
    const next = steps.next();
    if (next.done) return next.value;
    options.onProgress?.(next.value);
  }
}

export interface OverlapShape {
  feature: Feature<Polygon | MultiPolygon>;
  /** west, south, east, north */
  bbox: [number, number, number, number];
}

function extend(box: [number, number, number, number], position: Position): void {
  const [x, y] = position as [number, number];
  if (x < box[0]) box[0] = x;
  if (y < box[1]) box[1] = y;
  if (x > box[2]) box[2] = x;
  if (y > box[3]) box[3] = y;
}

/**
 * The shared geometry of two plots by id, with its box, or null (unknown id, no shared area): from a
 * prepared analysis, or only the plots and their numbers by id (the server, src/server/queries).
 */
export function plotOverlapShape(
  prepared: Pick<PreparedAnalysis, 'plotNumber'> & { layers: Pick<AnalysisLayers, 'plots'> },
  idA: string,
  idB: string,
): OverlapShape | null {
  const a = prepared.plotNumber.get(idA);
  const b = prepared.plotNumber.get(idB);
  if (a === undefined || b === undefined) return null;
  const shared = overlapGeometry(
    prepared.layers.plots[a] as AnyFeature,
    prepared.layers.plots[b] as AnyFeature,
  );
  if (!shared) return null;
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  const polygons =
    shared.geometry.type === 'Polygon' ? [shared.geometry.coordinates] : shared.geometry.coordinates;
  for (const polygon of polygons)
    for (const ring of polygon) for (const position of ring) extend(box, position);
  return {
    feature: {
      type: 'Feature',
      id: `${idA}×${idB}`,
      properties: { a: idA, b: idB },
      geometry: shared.geometry,
    },
    bbox: box,
  };
}
