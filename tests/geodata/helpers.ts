// Reading geodata/ in tests: the layers as parsed FeatureCollections and small geometry helpers.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as turf from '@turf/turf';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';

export const GEODATA_DIR = fileURLToPath(new URL('../../geodata/', import.meta.url));

export const SAMPLE_FILES = ['boundary', 'parks', 'plots', 'projects', 'newland'] as const;
export type SampleLayer = (typeof SAMPLE_FILES)[number];

const cache = new Map<string, string>();

export function sampleText(layer: SampleLayer): string {
  let text = cache.get(layer);
  if (text === undefined) {
    text = readFileSync(`${GEODATA_DIR}${layer}.geojson`, 'utf8');
    cache.set(layer, text);
  }
  return text;
}

export function sampleLayer(layer: SampleLayer): FeatureCollection<Geometry, Record<string, unknown>> {
  return JSON.parse(sampleText(layer)) as FeatureCollection<Geometry, Record<string, unknown>>;
}

export type AreaFeature = Feature<Polygon | MultiPolygon, Record<string, unknown>>;

export function areaFeatures(layer: SampleLayer): AreaFeature[] {
  return sampleLayer(layer).features.filter(
    (f): f is AreaFeature => f.geometry.type === 'Polygon' || f.geometry.type === 'MultiPolygon',
  );
}

/** Every ring of a (Multi)Polygon. */
export function ringsOf(geometry: Geometry): Position[][] {
  if (geometry.type === 'Polygon') return geometry.coordinates;
  if (geometry.type === 'MultiPolygon') return geometry.coordinates.flat();
  return [];
}

type Box = [number, number, number, number];

/** Pairs of features whose shared area exceeds `minM2` (bounding boxes first, then turf intersect). */
export function overlappingPairs(
  features: readonly AreaFeature[],
  sharedAreaM2: (a: AreaFeature, b: AreaFeature) => number,
  minM2 = 1,
): [string, string][] {
  const boxes = features.map((f) => turf.bbox(f) as Box);
  const pairs: [string, string][] = [];
  for (let i = 0; i < features.length; i++) {
    for (let j = i + 1; j < features.length; j++) {
      const a = boxes[i] as Box;
      const b = boxes[j] as Box;
      if (a[0] > b[2] || b[0] > a[2] || a[1] > b[3] || b[1] > a[3]) continue;
      const fa = features[i] as AreaFeature;
      const fb = features[j] as AreaFeature;
      if (sharedAreaM2(fa, fb) > minM2) pairs.push([String(fa.id), String(fb.id)].sort() as [string, string]);
    }
  }
  return pairs.sort();
}

function segmentsCross(a: Position, b: Position, c: Position, d: Position): boolean {
  const orient = (p: Position, q: Position, r: Position) =>
    Math.sign(
      ((q[0] as number) - (p[0] as number)) * ((r[1] as number) - (p[1] as number)) -
        ((q[1] as number) - (p[1] as number)) * ((r[0] as number) - (p[0] as number)),
    );
  return orient(a, b, c) * orient(a, b, d) <= 0 && orient(c, d, a) * orient(c, d, b) <= 0;
}

/** A fast "inside the outline" test for many small shapes against one detailed ring: every position
 * inside, and no edge meeting an outline edge near it. */
export function insideRing(outline: Position[]): (geometry: Geometry) => boolean {
  const outlinePolygon = turf.polygon([outline]);
  const edges = outline.slice(0, -1).map((p, i) => {
    const q = outline[i + 1] as Position;
    return {
      p,
      q,
      box: [
        Math.min(p[0] as number, q[0] as number),
        Math.min(p[1] as number, q[1] as number),
        Math.max(p[0] as number, q[0] as number),
        Math.max(p[1] as number, q[1] as number),
      ] as Box,
    };
  });
  return (geometry) => {
    if (geometry.type === 'Point') return turf.booleanPointInPolygon(geometry.coordinates, outlinePolygon);
    const box = turf.bbox(geometry) as Box;
    const near = edges.filter(
      (e) => e.box[0] <= box[2] && box[0] <= e.box[2] && e.box[1] <= box[3] && box[1] <= e.box[3],
    );
    return ringsOf(geometry).every(
      (ring) =>
        ring.every((p) => turf.booleanPointInPolygon(p, outlinePolygon, { ignoreBoundary: true })) &&
        ring
          .slice(0, -1)
          .every((p, i) => near.every((e) => !segmentsCross(p, ring[i + 1] as Position, e.p, e.q))),
    );
  };
}
