// Loads each layer (zones included) from the server (GET /api/layers/:layer): text → validate (src/geo/validate, the
// same validator as a file) → index. A layer with errors is not loaded; its problems go to the problems
// banner under the layer's file name. Never throws: every failure becomes a report.

import type { FeatureCollection } from 'geojson';
import { validateGeoJsonText } from '../../geo/validate.ts';
import { ApiError, send } from '../api/client.ts';
import { indexLayer, type LayerData, STORED_LAYERS, type StoredLayerId } from './layer-data.ts';
import type { FileReport, StoredLayers } from './layers-slice.ts';

export interface LoadResult {
  layers: StoredLayers;
  reports: FileReport[];
}

function fileNameOf(layer: StoredLayerId): string {
  return `${layer}.geojson`;
}

/** Where a layer is served: the API, under the app's base URL. */
function layerUrl(layer: StoredLayerId, baseUrl: string): string {
  return new URL(`api/layers/${layer}`, baseUrl).href;
}

async function loadOne(
  layer: StoredLayerId,
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
  const results = await Promise.all(STORED_LAYERS.map((layer) => loadOne(layer, baseUrl)));
  const layers: StoredLayers = {};
  for (const { data } of results) {
    if (data) layers[data.layer as StoredLayerId] = data;
  }
  return { layers, reports: results.map((result) => result.report) };
}
