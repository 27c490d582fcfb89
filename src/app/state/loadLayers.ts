// Loads each layer file: fetch → text → validate (src/geo/validate) → index. A file with errors is not
// loaded; its problems go to the problems banner. Never throws: every failure becomes a report.
import type { FeatureCollection } from 'geojson';
import { validateGeoJsonText } from '../../geo/validate.ts';
import { DATA_LAYERS, type DataLayerId, indexLayer, type LayerData } from './layerData.ts';
import type { FileReport } from './store.ts';

export interface LoadResult {
  layers: Partial<Record<DataLayerId, LayerData>>;
  reports: FileReport[];
}

export function fileNameOf(layer: DataLayerId): string {
  return `${layer}.geojson`;
}

async function loadOne(
  layer: DataLayerId,
  baseUrl: string,
): Promise<{ data: LayerData | null; report: FileReport }> {
  const fileName = fileNameOf(layer);
  const report: FileReport = { layer, fileName, ok: false, problems: [], fetchError: null };
  let text: string;
  try {
    const response = await fetch(new URL(fileName, baseUrl));
    if (!response.ok) {
      report.fetchError = `HTTP ${response.status}`;
      return { data: null, report };
    }
    text = await response.text();
  } catch (error) {
    report.fetchError = error instanceof Error ? error.message : String(error);
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

/** Loads every data layer from `baseUrl` (the app's own origin: geodata/ is served at its root). */
export async function loadLayers(baseUrl: string): Promise<LoadResult> {
  const results = await Promise.all(DATA_LAYERS.map((layer) => loadOne(layer, baseUrl)));
  const layers: Partial<Record<DataLayerId, LayerData>> = {};
  for (const { data } of results) {
    if (data) layers[data.layer as DataLayerId] = data;
  }
  return { layers, reports: results.map((result) => result.report) };
}
