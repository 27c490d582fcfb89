// Which parks a feature lies in or crosses: the inspector's "所在园区". Pure Turf predicates on GeoJSON;
// a feature with no geometry, or one a predicate cannot judge, relates to nothing.

import { bbox, booleanIntersects, booleanPointInPolygon, booleanWithin } from '@turf/turf';
import type { Feature, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { featureId } from '../domain/feature-id.ts';

export type ParkRelation = 'within' | 'crosses';

export interface RelatedPark {
  id: string;
  name: string;
  relation: ParkRelation;
}

type Area = Polygon | MultiPolygon;

function isArea(geometry: Geometry | null): geometry is Area {
  return geometry?.type === 'Polygon' || geometry?.type === 'MultiPolygon';
}

function boxesOverlap(a: number[], b: number[]): boolean {
  return (
    (a[0] as number) <= (b[2] as number) &&
    (b[0] as number) <= (a[2] as number) &&
    (a[1] as number) <= (b[3] as number) &&
    (b[1] as number) <= (a[3] as number)
  );
}

function polygonParts(geometry: Area): Polygon[] {
  if (geometry.type === 'Polygon') return [geometry];
  return geometry.coordinates.map((coordinates: Position[][]) => ({ type: 'Polygon', coordinates }));
}

/** Within: every part of the feature lies inside the park. Crosses: it shares some ground with it. */
export function relateToArea(geometry: Geometry, park: Area): ParkRelation | null {
  if (geometry.type === 'Point') {
    return booleanPointInPolygon(geometry.coordinates, park) ? 'within' : null;
  }
  if (!booleanIntersects(geometry, park)) return null;
  if (isArea(geometry)) {
    const parts = polygonParts(geometry);
    const parkParts = polygonParts(park);
    const within = parts.every((part) => parkParts.some((parkPart) => booleanWithin(part, parkPart)));
    return within ? 'within' : 'crosses';
  }
  return 'crosses';
}

/** The parks the feature lies in (first) or crosses, each once, in the parks' order. */
export function parksOfFeature(feature: Feature, parks: readonly Feature[]): RelatedPark[] {
  const geometry = feature.geometry;
  if (!geometry) return [];
  const box = bbox(geometry);
  const related: RelatedPark[] = [];
  for (const park of parks) {
    if (!isArea(park.geometry)) continue;
    if (park === feature) continue;
    if (!boxesOverlap(box, bbox(park.geometry))) continue;
    let relation: ParkRelation | null = null;
    try {
      relation = relateToArea(geometry, park.geometry);
    } catch {
      relation = null;
    }
    if (!relation) continue;
    const properties = park.properties ?? {};
    related.push({
      id: featureId(park) ?? '',
      name: String(properties.name ?? featureId(park) ?? ''),
      relation,
    });
  }
  return related.sort((a, b) => (a.relation === b.relation ? 0 : a.relation === 'within' ? -1 : 1));
}

export interface RelatedFeature {
  feature: Feature;
  relation: ParkRelation;
}

/** The features that lie in or cross an area (a park): the inspector's summary of what a park holds. */
export function featuresInArea(area: Feature, features: readonly Feature[]): RelatedFeature[] {
  if (!isArea(area.geometry)) return [];
  const areaGeometry = area.geometry;
  const areaBox = bbox(areaGeometry);
  const related: RelatedFeature[] = [];
  for (const feature of features) {
    if (!feature.geometry || feature === area) continue;
    if (!boxesOverlap(bbox(feature.geometry), areaBox)) continue;
    let relation: ParkRelation | null = null;
    try {
      relation = relateToArea(feature.geometry, areaGeometry);
    } catch {
      relation = null;
    }
    if (relation) related.push({ feature, relation });
  }
  return related;
}
