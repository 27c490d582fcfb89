// GeoJSON text the way geodata/ writes it: one feature per line (readable diffs, modest size), the
// Feature `id` first and equal to `properties.id`, coordinates already rounded by the shape code.
import type { Geometry } from 'geojson';

export interface IdFeature<P extends { id: string } = { id: string }> {
  type: 'Feature';
  id: string;
  properties: P;
  geometry: Geometry;
}

export function feature<P extends { id: string }>(properties: P, geometry: Geometry): IdFeature<P> {
  return { type: 'Feature', id: properties.id, properties, geometry };
}

export function featureLine(item: IdFeature): string {
  return JSON.stringify({
    type: 'Feature',
    id: item.id,
    properties: item.properties,
    geometry: item.geometry,
  });
}

/** A FeatureCollection from feature lines already serialised with `featureLine`. */
export function collectionText(lines: readonly string[]): string {
  return `{"type":"FeatureCollection","features":[\n${lines.join(',\n')}\n]}\n`;
}

export function featureCollectionText(features: readonly IdFeature[]): string {
  return collectionText(features.map(featureLine));
}
