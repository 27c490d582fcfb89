// The live readout of a zone being drawn (issue #5): its ellipsoidal area and geodesic perimeter, the
// plots it covers or crosses with each overlap, the parks it touches, and the manufacturing share of the
// new construction land inside it. The layers are prepared once (prepareZoneContext); each update
// prepares only the zone and measures it against the candidates a Flatbush index over boxes gives.
//
// Contract: always a full readout; a zone without area (fewer than three distinct vertices) reads 0
// with empty lists.

import type Flatbush from 'flatbush';
import type { Feature, Geometry } from 'geojson';
import { featureId } from '../domain/feature-id.ts';
import { DEFAULT_SHARE_RULE, type ShareRule, shareClass } from '../domain/landuse.ts';
import type { ZoneGeometry, ZoneParkOverlap, ZonePlotOverlap, ZoneReadout } from '../domain/zone.ts';
import { geometryAreaM2 } from './area.ts';
import { indexBoxes, OVERLAP_EPSILON_M2, pairAreaM2, prepareFeatures } from './overlap.ts';
import { hasArea, type PreparedLayer, prepareLayer } from './prepared.ts';
import { polygonPerimeterM } from './zone-perimeter.ts';

type AnyFeature = Feature<Geometry | null>;

interface IndexedLayer {
  features: readonly AnyFeature[];
  prepared: PreparedLayer;
  index: Flatbush | null;
  /** Flatbush item k → feature index. */
  ids: Int32Array;
}

export interface ZoneContext {
  plots: IndexedLayer;
  parks: IndexedLayer;
  newland: IndexedLayer;
  rule: ShareRule;
}

export interface ZoneLayers {
  plots: readonly AnyFeature[];
  parks: readonly AnyFeature[];
  newland: readonly AnyFeature[];
}

function indexLayer(features: readonly AnyFeature[]): IndexedLayer {
  const prepared = prepareFeatures(features);
  const boxes = indexBoxes(prepared);
  return { features, prepared, index: boxes?.index ?? null, ids: boxes?.ids ?? new Int32Array(0) };
}

/** Prepares and indexes the layers once; a worker keeps the context between updates. */
export function prepareZoneContext(layers: ZoneLayers, rule: ShareRule = DEFAULT_SHARE_RULE): ZoneContext {
  return {
    plots: indexLayer(layers.plots),
    parks: indexLayer(layers.parks),
    newland: indexLayer(layers.newland),
    rule,
  };
}

/** Each feature of the layer sharing positive area with the zone, and that area in m². */
function overlapsWith(zone: PreparedLayer, layer: IndexedLayer): { index: number; m2: number }[] {
  const result: { index: number; m2: number }[] = [];
  if (!layer.index || !hasArea(zone, 0)) return result;
  const box = zone.featureBox;
  const candidates = layer.index.search(
    box[0] as number,
    box[1] as number,
    box[2] as number,
    box[3] as number,
  );
  for (const k of candidates) {
    const f = layer.ids[k] as number;
    const m2 = pairAreaM2(zone, 0, layer.prepared, f);
    if (m2 > OVERLAP_EPSILON_M2) result.push({ index: f, m2 });
  }
  return result;
}

const text = (value: unknown): string =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';

function idOf(feature: AnyFeature, index: number): string {
  return featureId(feature) ?? String(index);
}

/** The readout of one zone outline against the prepared layers. */
export function zoneReadout(context: ZoneContext, geometry: ZoneGeometry): ZoneReadout {
  const zone = prepareLayer([geometry]);
  const areaM2 = geometryAreaM2(geometry);
  const perimeterM = polygonPerimeterM(geometry);

  let plotsTotal = 0;
  let plotsManufacturing = 0;
  let plotsInfrastructure = 0;
  const plots: ZonePlotOverlap[] = overlapsWith(zone, context.plots).map(({ index, m2 }) => {
    const feature = context.plots.features[index] as AnyFeature;
    const plotAreaM2 = context.plots.prepared.featureAreaM2[index] as number;
    const landUse = text(feature.properties?.landUse);
    const kind = shareClass(landUse, context.rule);
    plotsTotal += m2;
    if (kind === 'manufacturing') plotsManufacturing += m2;
    else if (kind === 'infrastructure') plotsInfrastructure += m2;
    return {
      id: idOf(feature, index),
      enterprise: text(feature.properties?.enterprise),
      landUse,
      overlapM2: m2,
      plotAreaM2,
      shareOfPlot: plotAreaM2 > 0 ? Math.min(m2 / plotAreaM2, 1) : 0,
    };
  });
  plots.sort((x, y) => y.overlapM2 - x.overlapM2 || x.id.localeCompare(y.id));

  const parks: ZoneParkOverlap[] = overlapsWith(zone, context.parks).map(({ index, m2 }) => {
    const feature = context.parks.features[index] as AnyFeature;
    const id = idOf(feature, index);
    return { id, name: text(feature.properties?.name) || id, overlapM2: m2 };
  });
  parks.sort((x, y) => y.overlapM2 - x.overlapM2 || x.id.localeCompare(y.id));

  const newLand = { totalM2: 0, manufacturingM2: 0, infrastructureM2: 0, share: null as number | null };
  for (const { index, m2 } of overlapsWith(zone, context.newland)) {
    const feature = context.newland.features[index] as AnyFeature;
    const kind = shareClass(text(feature.properties?.landUse), context.rule);
    newLand.totalM2 += m2;
    if (kind === 'manufacturing') newLand.manufacturingM2 += m2;
    else if (kind === 'infrastructure') newLand.infrastructureM2 += m2;
  }
  const judged = newLand.totalM2 - newLand.infrastructureM2;
  newLand.share = judged > OVERLAP_EPSILON_M2 ? newLand.manufacturingM2 / judged : null;
  const plotsJudged = plotsTotal - plotsInfrastructure;

  return {
    areaM2,
    perimeterM,
    plots,
    parks,
    newLand,
    plotsManufacturingShare: plotsJudged > OVERLAP_EPSILON_M2 ? plotsManufacturing / plotsJudged : null,
  };
}
