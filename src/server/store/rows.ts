// Rows of the features table and their two forms: a StoredFeature, and the GeoJSON Feature text that
// layer snapshots are built of (string work, so a large layer is not parsed and re-serialized).
import type { Geometry } from 'geojson';
import type { LayerId } from '../../domain/layers.ts';
import type { ApiFeature } from '../../domain/wire.ts';
import type { FeatureChange, FeatureContent, Properties, StoredFeature } from './types.ts';

export interface FeatureRow {
  layer: string;
  id: string;
  version: number;
  properties: string;
  geometry: string | null;
  updated_at: string;
  updated_by: string;
}

export function toFeature(row: FeatureRow): StoredFeature {
  return {
    layer: row.layer as LayerId,
    id: row.id,
    version: row.version,
    properties: JSON.parse(row.properties) as Properties,
    geometry: row.geometry === null ? null : (JSON.parse(row.geometry) as Geometry),
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

/** The feature as RFC 7946 GeoJSON: `id` as the Feature's id and in properties, `version` in properties. */
export function featureJson(row: Pick<FeatureRow, 'id' | 'version' | 'properties' | 'geometry'>): string {
  const properties =
    row.properties === '{}'
      ? `{"version":${row.version}}`
      : `${row.properties.slice(0, -1)},"version":${row.version}}`;
  return `{"type":"Feature","id":${JSON.stringify(row.id)},"properties":${properties},"geometry":${row.geometry ?? 'null'}}`;
}

/**
 * A feature as the API sends it (src/domain/wire.ts), with the string id and the typed geometry the
 * store holds (the schema's geometry is any object with a type; the layer validator judges the rest).
 */
export type GeoJsonFeature = Omit<ApiFeature, 'id' | 'geometry'> & { id: string; geometry: Geometry | null };

export function toGeoJson(feature: StoredFeature): GeoJsonFeature {
  return {
    type: 'Feature',
    id: feature.id,
    properties: { ...feature.properties, version: feature.version },
    geometry: feature.geometry,
  };
}

/** The feature a create, update or import writes: `content` at `version`, stamped now by `actor`. */
export function nextFeature(
  layer: LayerId,
  content: FeatureContent,
  version: number,
  actor: string,
): StoredFeature {
  const { version: _ignored, ...properties } = content.properties;
  return {
    layer,
    id: content.properties.id,
    version,
    properties: properties as StoredFeature['properties'],
    geometry: content.geometry,
    updatedAt: new Date().toISOString(),
    updatedBy: actor,
  };
}

const COLLECTION_START = '{"type":"FeatureCollection","features":[';
const COLLECTION_END = ']}';

/** A snapshot whose FeatureCollection text is joined from `features` when first read. */
export class FeatureTextsSnapshot {
  readonly revision: string;
  readonly features: readonly string[];
  private joined: string | undefined;

  constructor(revision: string, features: readonly string[]) {
    this.revision = revision;
    this.features = features;
  }

  get json(): string {
    this.joined ??= `${COLLECTION_START}${this.features.join(',')}${COLLECTION_END}`;
    return this.joined;
  }
}

/** The FeatureCollection of `features` in pieces of `size` features: the same text as joined. */
export function* collectionChunks(features: readonly string[], size = 1000): Generator<string> {
  yield COLLECTION_START;
  for (let start = 0; start < features.length; start += size)
    yield (start === 0 ? '' : ',') + features.slice(start, start + size).join(',');
  yield COLLECTION_END;
}

/**
 * The plot as an inspection leaves it (`change` sets its status and mode), one version on; null when
 * the inspection changes nothing on the plot. Both stores write what this decides.
 */
export function plotAfterInspection(
  plot: StoredFeature,
  change: FeatureChange,
  inspector: string,
  now: string,
): StoredFeature | null {
  const next = change(plot);
  const unchanged =
    JSON.stringify(next.properties) === JSON.stringify(plot.properties) &&
    JSON.stringify(next.geometry) === JSON.stringify(plot.geometry);
  if (unchanged) return null;
  return {
    ...plot,
    properties: next.properties,
    geometry: next.geometry,
    version: plot.version + 1,
    updatedAt: now,
    updatedBy: inspector,
  };
}
