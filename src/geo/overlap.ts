// Overlaps between two polygon layers (plots × zones, new land × parks), or within one layer: every pair
// whose shared area is positive, with that area in m² by the national ellipsoidal formula (the same as
// src/geo/area.ts), and the shared geometry for one pair on demand.
//
// Contract (one for the module): no overlap is an empty array from findOverlaps and null from
// overlapGeometry; features without area (points, lines, null, rings that enclose nothing) simply take
// part in no pair. Only an aborted signal throws (its reason); overlapGeometry passes on a failure of
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
import { hasArea, type PreparedLayer, prepareLayer } from './prepared.ts';

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

export interface OverlapOptions {
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
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

function indexOf(layer: PreparedLayer): { index: Flatbush; ids: Int32Array } | null {
  const ids: number[] = [];
  const count = layer.featureRing.length - 1;
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
  const total = preparedA.featureRing.length - 1;
  signal?.throwIfAborted();
  const indexed = indexOf(other);
  if (!indexed) {
    onProgress?.(total, total);
    return pairs;
  }
  const { index, ids } = indexed;
  const box = preparedA.featureBox;
  const candidates: number[] = [];
  const step = Math.max(1, Math.min(1000, Math.ceil(total / 100)));
  for (let a = 0; a < total; a++) {
    if (a % step === 0) {
      signal?.throwIfAborted();
      onProgress?.(a, total);
    }
    if (!hasArea(preparedA, a)) continue;
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
      const m2 = pairAreaM2(preparedA, a, other, b, stats);
      if (m2 > OVERLAP_EPSILON_M2) pairs.push({ a, b, m2 });
    }
  }
  onProgress?.(total, total);
  return pairs;
}

/** The shared geometry of two features (Turf's clipping), or null when they share no positive area. */
export function overlapGeometry(a: AnyFeature, b: AnyFeature): Feature<Polygon | MultiPolygon> | null {
  const ga = a.geometry;
  const gb = b.geometry;
  if (!ga || !gb) return null;
  if (
    (ga.type !== 'Polygon' && ga.type !== 'MultiPolygon') ||
    (gb.type !== 'Polygon' && gb.type !== 'MultiPolygon')
  ) {
    return null;
  }
  const shared = intersect(featureCollection([polygonFeature(ga), polygonFeature(gb)]));
  return shared && geometryAreaM2(shared.geometry) > OVERLAP_EPSILON_M2 ? shared : null;
}
