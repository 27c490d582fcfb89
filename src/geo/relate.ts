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
  return parksOfOne(feature, prepareParks(parks.filter((park) => park !== feature)));
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

// Relations computed once when the layers load (and again for one feature when the server sends it
// back), so that neither the inspector's 所在园区 nor a park's summary of what it holds runs a geometric
// predicate while rendering. The park boxes are computed once; each feature is tested against the parks
// whose box its own box meets.

interface PreparedPark {
  id: string;
  name: string;
  geometry: Polygon | MultiPolygon;
  box: number[];
}

/** The parks of one layer's features, by feature id (a feature in no park has an empty list). */
export type ParksOf = ReadonlyMap<string, readonly RelatedPark[]>;

export interface PreparedParks {
  readonly parks: readonly PreparedPark[];
}

export function prepareParks(parks: readonly Feature[]): PreparedParks {
  const prepared: PreparedPark[] = [];
  for (const park of parks) {
    const geometry = park.geometry;
    if (geometry?.type !== 'Polygon' && geometry?.type !== 'MultiPolygon') continue;
    const id = featureId(park) ?? '';
    prepared.push({ id, name: String(park.properties?.name ?? id), geometry, box: bbox(geometry) });
  }
  return { parks: prepared };
}

/** The parks one feature lies in (first) or crosses, each once, in the parks' order. */
export function parksOfOne(feature: Feature, prepared: PreparedParks): RelatedPark[] {
  const geometry = feature.geometry;
  if (!geometry) return [];
  const box = bbox(geometry);
  const within: RelatedPark[] = [];
  const crosses: RelatedPark[] = [];
  for (const park of prepared.parks) {
    if (!boxesOverlap(box, park.box)) continue;
    let relation = null;
    try {
      relation = relateToArea(geometry, park.geometry);
    } catch {
      relation = null;
    }
    if (relation === 'within') within.push({ id: park.id, name: park.name, relation });
    else if (relation === 'crosses') crosses.push({ id: park.id, name: park.name, relation });
  }
  return [...within, ...crosses];
}

/** The parks of every feature of a layer. */
export function parksOfAll(
  features: readonly Feature[],
  prepared: PreparedParks,
): Map<string, RelatedPark[]> {
  const result = new Map<string, RelatedPark[]>();
  for (const feature of features) {
    const id = featureId(feature);
    if (id === null || result.has(id)) continue;
    result.set(id, parksOfOne(feature, prepared));
  }
  return result;
}

export interface ParkHolding {
  count: number;
  /** Sum of the features' ellipsoidal areas, m². */
  areaM2: number;
  /** Sum of `investmentPlanned` (万元), for projects. */
  investment: number;
}

/**
 * What each park holds of one layer (features that lie in or cross it), from the relations above: a sum,
 * no geometry.
 */
export function parkHoldings(
  features: ReadonlyMap<string, Feature>,
  parksOf: ParksOf,
  areaM2: ReadonlyMap<string, number>,
): Map<string, ParkHolding> {
  const holdings = new Map<string, ParkHolding>();
  for (const [id, parks] of parksOf) {
    const feature = features.get(id);
    if (!feature) continue;
    const planned = feature.properties?.investmentPlanned;
    for (const park of parks) {
      const holding = holdings.get(park.id) ?? { count: 0, areaM2: 0, investment: 0 };
      holding.count += 1;
      holding.areaM2 += areaM2.get(id) ?? 0;
      if (typeof planned === 'number') holding.investment += planned;
      holdings.set(park.id, holding);
    }
  }
  return holdings;
}
