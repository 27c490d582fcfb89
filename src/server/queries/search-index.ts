// The server's search index of one layer at one revision (query-worker.ts keeps one per layer and
// builds it again when the revision moves): each feature's searched values normalised once, its title
// properties and box kept, and the features ordered once by title (zh-CN collation, then layer
// order). A query is then one pass over plain strings in that order, into three buckets by rank, that
// stops as soon as `limit` exact matches are found: the best matches come out already in the order of
// src/domain/search.ts, with no per-query normalising or sorting.
import { bbox } from '@turf/turf';
import type { Feature, Geometry } from 'geojson';
import { featureId } from '../../domain/feature-id.ts';
import {
  bestRank,
  compareTitles,
  matchTitle,
  mergeMatches,
  normaliseSearch,
  type RankedMatch,
  type SearchLayerId,
  searchValues,
  TITLE_PROPERTIES,
} from '../../domain/search.ts';

export type Box = [number, number, number, number];

export interface IndexedMatch extends RankedMatch {
  properties: Record<string, unknown>;
  bbox: Box | null;
}

function boxOf(geometry: Geometry | null): Box | null {
  if (!geometry) return null;
  try {
    const box = bbox(geometry);
    return box.every(Number.isFinite) ? [box[0], box[1], box[2], box[3]] : null;
  } catch {
    return null;
  }
}

function titleProperties(properties: Record<string, unknown> | null): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const name of TITLE_PROPERTIES) {
    const value = properties?.[name];
    if (value !== undefined && value !== null) kept[name] = value;
  }
  return kept;
}

export class LayerSearchIndex {
  readonly layer: SearchLayerId;
  private readonly ids: string[] = [];
  private readonly titles: string[] = [];
  private readonly values: string[][] = [];
  private readonly properties: Record<string, unknown>[] = [];
  private readonly boxes: (Box | null)[] = [];
  /** Entry numbers by title, then layer order. */
  private readonly order: Int32Array;

  constructor(layer: SearchLayerId, features: readonly Feature<Geometry | null>[]) {
    this.layer = layer;
    const seen = new Set<string>();
    for (const feature of features) {
      const id = featureId(feature);
      if (id === null || seen.has(id)) continue;
      seen.add(id);
      const properties = feature.properties ?? null;
      this.ids.push(id);
      this.titles.push(matchTitle(layer, id, properties));
      this.values.push(searchValues(layer, id, properties).map(normaliseSearch));
      this.properties.push(titleProperties(properties));
      this.boxes.push(boxOf(feature.geometry));
    }
    const order = Array.from(this.ids, (_, index) => index);
    const titles = this.titles;
    order.sort((a, b) => compareTitles(titles[a] as string, titles[b] as string) || a - b);
    this.order = Int32Array.from(order);
  }

  get size(): number {
    return this.ids.length;
  }

  /** The best `limit` matches of a normalised needle, in order. */
  search(needle: string, limit: number): IndexedMatch[] {
    if (!needle || limit <= 0) return [];
    const buckets: number[][] = [[], [], []];
    const exact = buckets[0] as number[];
    for (const entry of this.order) {
      const rank = bestRank(this.values[entry] as string[], needle);
      if (rank === null) continue;
      const bucket = buckets[rank] as number[];
      if (bucket.length < limit) bucket.push(entry);
      if (exact.length >= limit) break;
    }
    const matches: IndexedMatch[] = [];
    buckets.forEach((bucket, rank) => {
      for (const entry of bucket) {
        if (matches.length >= limit) return;
        matches.push({
          layer: this.layer,
          id: this.ids[entry] as string,
          rank,
          title: this.titles[entry] as string,
          properties: this.properties[entry] as Record<string, unknown>,
          bbox: this.boxes[entry] ?? null,
        });
      }
    });
    return matches;
  }
}

/** A query over several layers' indexes: each layer's best `limit`, merged in the shared order. */
export function searchIndexes(
  indexes: readonly LayerSearchIndex[],
  query: string,
  limit: number,
): IndexedMatch[] {
  const needle = normaliseSearch(query);
  if (!needle) return [];
  return mergeMatches(
    indexes.map((index) => index.search(needle, limit)),
    limit,
  );
}
