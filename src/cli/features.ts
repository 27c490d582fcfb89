// The features of a validated file as the commands see them: a FeatureCollection's features in order, a
// lone Feature as feature 0, a bare geometry as feature 0 without properties; and how an id is shown.
import type { Feature, GeoJSON, Geometry } from 'geojson';
import { displayText } from '../geo/validate.ts';

export type FeatureId = string | number | null;
export type AnyFeature = Feature<Geometry | null>;

export function featuresOf(geojson: GeoJSON): AnyFeature[] {
  switch (geojson.type) {
    case 'FeatureCollection':
      return geojson.features;
    case 'Feature':
      return [geojson];
    default:
      return [{ type: 'Feature', properties: {}, geometry: geojson }];
  }
}

/** An id for a line of text: `-` for none, control characters escaped, long ids cut. */
export function idText(id: FeatureId): string {
  if (id === null) return '-';
  return typeof id === 'number' ? String(id) : displayText(id).slice(1, -1);
}
