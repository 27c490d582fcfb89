// One label point per polygon feature (inside its largest part), so a name is drawn once on the map
// rather than once per tile. Pure; features without an area are skipped.
import { pointOnFeature } from '@turf/turf';
import type { Feature, FeatureCollection, Point, Polygon, Position } from 'geojson';
import { polygonAreaM2 } from './area.ts';

function largestPart(feature: Feature): Polygon | null {
  const geometry = feature.geometry;
  if (geometry?.type === 'Polygon') return geometry;
  if (geometry?.type !== 'MultiPolygon' || geometry.coordinates.length === 0) return null;
  let best: Position[][] | null = null;
  let bestArea = -1;
  for (const rings of geometry.coordinates) {
    const area = polygonAreaM2(rings);
    if (area > bestArea) {
      best = rings;
      bestArea = area;
    }
  }
  return best ? { type: 'Polygon', coordinates: best } : null;
}

/** A point inside each (Multi)Polygon feature, carrying the feature's id and properties. */
export function labelPoints(collection: FeatureCollection): FeatureCollection<Point> {
  const features: Feature<Point>[] = [];
  for (const feature of collection.features) {
    const part = largestPart(feature);
    if (!part) continue;
    const point = pointOnFeature(part);
    features.push({
      type: 'Feature',
      id: feature.id,
      properties: feature.properties,
      geometry: point.geometry,
    });
  }
  return { type: 'FeatureCollection', features };
}
