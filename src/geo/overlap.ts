// Overlaps between two polygon layers (plots × zones, new land × parks), or within one layer: every pair
// whose shared area is positive, with that area in m² by the national ellipsoidal formula (the same as
// src/geo/area.ts), and the shared geometry for one pair on demand.
//
// Contract (one for the module): no overlap is an empty array from findOverlaps and null from
// overlapGeometry; features without area (points, lines, null, rings that enclose nothing) simply take
// part in no pair. A GeometryCollection takes part by its Polygon and MultiPolygon members, as one
// MultiPolygon: the rule of its area (src/geo/area.ts). Only an aborted signal throws (its reason); overlapGeometry passes on a failure of
// Turf's clipping, which findOverlaps never needs for well-formed pairs.
//
// Method: a Flatbush index over layer B's boxes gives the candidates; each candidate pair is measured by
// the boundary integral of src/geo/overlap-pair.ts on polygons prepared once per feature. A pair that
// integral cannot decide (edges that nearly but not exactly coincide) is clipped by Turf instead.
import { featureCollection } from '@turf/helpers';
import { intersect } from '@turf/intersect';
import Flatbush from 'flatbush';
import type { Feature, Geometry, MultiPolygon, Polygon } from 'geojson';
import { geometryAreaM2 } from './area.ts';
import { overlapAreaM2 } from './overlap-pair.ts';
import { clippable, hasArea, type PreparedLayer, prepareLayer } from './prepared.ts';

/**
 * Shared areas at or below this are no overlap: 1 mm² is ~1000× the rounding noise of a strip sum over a
 * several-km parcel (terms ~1e6 m² with 1e-16 relative error, a few hundred of them), and ~1e-4 of the
 * smallest area anyone reads (0.01 m², or 0.01 亩 ≈ 6.7 m²). Touching polygons give 0 or noise below it.
 */
export const OVERLAP_EPSILON_M2 = 1e-6;

export interface OverlapPair {
  /** Index into layer A. */
  a: number;
  /** Index into layer B (into layer A again in self mode, with a < b). */
  b: number;
  /** Shared area in m², > OVERLAP_EPSILON_M2. */
  m2: number;
}

export interface OverlapStats {
  candidates: number;
  /** Pairs the boundary integral left to Turf's clipping. */
  clipped: number;
}

/**
 * The part of the platform's AbortSignal the core uses, written out so that src/geo compiles without DOM
 * or Node types (tsconfig.core.json); a real AbortSignal, browser or node, fits it.
 */
export interface AbortSignalLike {
  readonly aborted: boolean;
  throwIfAborted(): void;
}

export interface OverlapOptions {
  onProgress?(done: number, total: number): void;
  signal?: AbortSignalLike;
  /** Filled in when given: how the work went, for benchmarks and diagnostics. */
  stats?: OverlapStats;
}

type AnyFeature = Feature<Geometry | null>;

/** Turf's clipping then our area: the slow, independent way, for pairs the integral cannot decide. */
function clippedAreaM2(a: Polygon | MultiPolygon, b: Polygon | MultiPolygon): number {
  try {
    const shared = intersect(featureCollection([polygonFeature(a), polygonFeature(b)]));
    return shared ? geometryAreaM2(shared.geometry) : 0;
  } catch {
    return Number.NaN;
  }
}

function polygonFeature(geometry: Polygon | MultiPolygon): Feature<Polygon | MultiPolygon> {
  return { type: 'Feature', properties: {}, geometry };
}

/** Overlap area of feature p of one prepared layer and q of another: the integral, else clipping. */
export function pairAreaM2(
  layerP: PreparedLayer,
  p: number,
  layerQ: PreparedLayer,
  q: number,
  stats?: OverlapStats,
): number {
  const m2 = overlapAreaM2(layerP, p, layerQ, q);
  if (!Number.isNaN(m2)) return m2;
  const a = layerP.geometries[p];
  const b = layerQ.geometries[q];
  if (!a || !b) return 0;
  if (stats) stats.clipped++;
  const clipped = clippedAreaM2(a, b);
  // Both ways failed: no number is better than a wrong one, and a pair this degenerate shares nothing
  // a person could see.
  return Number.isNaN(clipped) ? 0 : clipped;
}

/** Prepares a layer of features for findPreparedOverlaps (a worker keeps it between analyses). */
export function prepareFeatures(layer: readonly AnyFeature[]): PreparedLayer {
  return prepareLayer(layer.map((feature) => feature.geometry));
}

/**
 * Every pair (a, b) of layer A × layer B whose shared area exceeds OVERLAP_EPSILON_M2, sorted by a then b.
 * Without layer B, pairs within layer A with a < b.
 */
export function findOverlaps(
  layerA: readonly AnyFeature[],
  layerB?: readonly AnyFeature[],
  options: OverlapOptions = {},
): OverlapPair[] {
  const preparedA = prepareFeatures(layerA);
  return findPreparedOverlaps(preparedA, layerB ? prepareFeatures(layerB) : undefined, options);
}

/** findOverlaps on layers already prepared. */
export function findPreparedOverlaps(
  preparedA: PreparedLayer,
  preparedB?: PreparedLayer,
  options: OverlapOptions = {},
): OverlapPair[] {
  const { onProgress, signal, stats } = options;
  const self = preparedB === undefined;
  const other = preparedB ?? preparedA;
  const pairs: OverlapPair[] = [];
  const total = featureCount(preparedA);
  signal?.throwIfAborted();
  const indexB = indexBoxes(other);
  const step = Math.max(1, Math.min(1000, Math.ceil(total / 100)));
  for (let from = 0; indexB && from < total; from += step) {
    signal?.throwIfAborted();
    onProgress?.(from, total);
    overlapsInRange(preparedA, from, Math.min(total, from + step), other, indexB, self, pairs, stats);
  }
  onProgress?.(total, total);
  return pairs;
}

export interface BoxIndex {
  index: Flatbush;
  /** Feature number of each indexed box. */
  ids: Int32Array;
}

/** A Flatbush index over the boxes of a prepared layer's features that have area; null if none does. */
export function indexBoxes(layer: PreparedLayer): BoxIndex | null {
  const ids: number[] = [];
  const count = featureCount(layer);
  for (let f = 0; f < count; f++) if (hasArea(layer, f)) ids.push(f);
  if (ids.length === 0) return null;
  const index = new Flatbush(ids.length);
  const box = layer.featureBox;
  for (const f of ids) {
    index.add(
      box[f * 4] as number,
      box[f * 4 + 1] as number,
      box[f * 4 + 2] as number,
      box[f * 4 + 3] as number,
    );
  }
  index.finish();
  return { index, ids: Int32Array.from(ids) };
}

export function featureCount(layer: PreparedLayer): number {
  return layer.featureRing.length - 1;
}

/**
 * Pairs (a, b) for a in [from, to) of layer A against layer B (indexed by `indexB`), appended to `out`
 * in order. With `self`, B is A and only b > a is kept. A long analysis runs it in slices, giving the
 * event loop a turn between them so a worker hears a cancel message; the slices concatenate to
 * findPreparedOverlaps' result, which runs the same loop.
 */
export function overlapsInRange(
  layerA: PreparedLayer,
  from: number,
  to: number,
  layerB: PreparedLayer,
  indexB: BoxIndex | null,
  self: boolean,
  out: OverlapPair[],
  stats?: OverlapStats,
): void {
  if (!indexB) return;
  const { index, ids } = indexB;
  const box = layerA.featureBox;
  const candidates: number[] = [];
  for (let a = from; a < to; a++) {
    if (!hasArea(layerA, a)) continue;
    candidates.length = 0;
    index.search(
      box[a * 4] as number,
      box[a * 4 + 1] as number,
      box[a * 4 + 2] as number,
      box[a * 4 + 3] as number,
      (k) => {
        const b = ids[k] as number;
        if (!self || b > a) candidates.push(b);
        return false;
      },
    );
    candidates.sort((x, y) => x - y);
    if (stats) stats.candidates += candidates.length;
    for (const b of candidates) {
      const m2 = pairAreaM2(layerA, a, layerB, b, stats);
      if (m2 > OVERLAP_EPSILON_M2) out.push({ a, b, m2 });
    }
  }
}

/** The shared geometry of two features (Turf's clipping), or null when they share no positive area. */
export function overlapGeometry(a: AnyFeature, b: AnyFeature): Feature<Polygon | MultiPolygon> | null {
  const ga = clippable(a.geometry);
  const gb = clippable(b.geometry);
  if (!ga || !gb) return null;
  const shared = intersect(featureCollection([polygonFeature(ga), polygonFeature(gb)]));
  return shared && geometryAreaM2(shared.geometry) > OVERLAP_EPSILON_M2 ? shared : null;
}
