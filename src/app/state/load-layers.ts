// Loads each layer from the server (GET /api/layers/:layer): text → validate (src/geo/validate, the
// same validator as a file) → index. A layer with errors is not loaded; its problems go to the problems
// banner under the layer's file name. Never throws: every failure becomes a report.

import type { Feature, FeatureCollection } from 'geojson';
import { featureId } from '../../domain/feature-id.ts';
import { geometryAreaM2 } from '../../geo/area.ts';
import { validateGeoJsonText } from '../../geo/validate.ts';
import { ApiError, send } from '../api/client.ts';
import { DATA_LAYERS, type DataLayerId, indexLayer, type LayerData } from './layer-data.ts';
import type { FileReport } from './store.ts';

export interface LoadResult {
  layers: Partial<Record<DataLayerId, LayerData>>;
  reports: FileReport[];
}

function fileNameOf(layer: DataLayerId): string {
  return `${layer}.geojson`;
}

/** Where a layer is served: the API, under the app's base URL. */
function layerUrl(layer: DataLayerId, baseUrl: string): string {
  return new URL(`api/layers/${layer}`, baseUrl).href;
}

async function loadOne(
  layer: DataLayerId,
  baseUrl: string,
): Promise<{ data: LayerData | null; report: FileReport }> {
  const fileName = fileNameOf(layer);
  const report: FileReport = { layer, fileName, ok: false, problems: [], fetchError: null };
  let text: string;
  try {
    const response = await send(layerUrl(layer, baseUrl));
    text = await response.text();
  } catch (error) {
    report.fetchError =
      error instanceof ApiError
        ? error.status > 0
          ? `HTTP ${error.status}`
          : error.code
        : error instanceof Error
          ? error.message
          : String(error);
    return { data: null, report };
  }
  try {
    const validation = validateGeoJsonText(text, { fileName, layer });
    report.ok = validation.ok;
    report.problems = validation.problems;
    if (!validation.ok || !validation.geojson || validation.geojson.type !== 'FeatureCollection') {
      report.ok = false;
      return { data: null, report };
    }
    return { data: indexLayer(layer, fileName, validation.geojson as FeatureCollection), report };
  } catch (error) {
    report.fetchError = error instanceof Error ? error.message : String(error);
    return { data: null, report };
  }
}

/** Loads every data layer from the server at `baseUrl` (the app's own origin). */
export async function loadLayers(baseUrl: string): Promise<LoadResult> {
  const results = await Promise.all(DATA_LAYERS.map((layer) => loadOne(layer, baseUrl)));
  const layers: Partial<Record<DataLayerId, LayerData>> = {};
  for (const { data } of results) {
    if (data) layers[data.layer as DataLayerId] = data;
  }
  return { layers, reports: results.map((result) => result.report) };
}

/**
 * The layer with one feature replaced by the server's newer copy (after an inspection or an edit),
 * a new collection object so the map redraws it; unchanged when the feature is not in the layer.
 */
export function withFeatureReplaced(data: LayerData, feature: Feature): LayerData {
  const id = featureId(feature);
  if (id === null || !data.byId.has(id)) return data;
  const features = data.collection.features.map((existing) =>
    featureId(existing) === id ? feature : existing,
  );
  const byId = new Map(data.byId);
  byId.set(id, feature);
  const areaM2 = new Map(data.areaM2);
  areaM2.set(id, geometryAreaM2(feature.geometry));
  return { ...data, collection: { ...data.collection, features }, byId, areaM2 };
}
