// Loads each layer (zones included) from the server (GET /api/layers/:layer), except those the server
// serves as vector tiles (GET /api/layers says which: a plots, projects or new-land layer above its
// threshold), which the map draws from /api/tiles and the panels ask the server about. The server validated every
// feature when it was written, so the app checks only the answer's shape (src/geo/served-layer.ts:
// syntax, a FeatureCollection, an id per feature) and indexes it. A layer it already holds (src/app/state/layer-cache.ts) is asked for with its ETag: a 304 costs no transfer, no
// parse and no measuring. A layer that fails is not loaded; its problems go to the problems banner under
// the layer's file name. Never throws: every failure becomes a report.

import type { FeatureCollection } from 'geojson';
import { isTileable } from '../../domain/layers.ts';
import type { LayerManifest } from '../../domain/wire.ts';
import { checkServedLayerText } from '../../geo/served-layer.ts';
import { ApiError, send } from '../api/client.ts';
import { getLayerManifest } from '../api/endpoints.ts';
import { readCachedLayer, writeCachedLayer } from './layer-cache.ts';
import {
  indexLayer,
  type LayerData,
  STORED_LAYERS,
  type StoredLayerId,
  type TiledLayers,
} from './layer-data.ts';
import type { FileReport, StoredLayers } from './layers-slice.ts';

export interface LoadResult {
  layers: StoredLayers;
  reports: FileReport[];
  tiled: TiledLayers;
  /** Some layer came from this device's copy: the server could not be reached. */
  fromDevice: boolean;
  /** Some layer came new from the server (not a 304). */
  changed: boolean;
}

type Source = 'network' | 'not-modified' | 'device' | 'failed';

/** The layers to be drawn from tiles, by the server's manifest; none when it cannot be read. */
function tiledOf(manifest: LayerManifest | null): TiledLayers {
  const tiled: TiledLayers = {};
  for (const entry of manifest?.layers ?? []) {
    if (entry.served === 'tiles' && isTileable(entry.id)) {
      tiled[entry.id] = { count: entry.count, revision: entry.revision };
    }
  }
  return tiled;
}

function fileNameOf(layer: StoredLayerId): string {
  return `${layer}.geojson`;
}

/** Where a layer is served: the API, under the app's base URL. */
function layerUrl(layer: StoredLayerId, baseUrl: string): string {
  return new URL(`api/layers/${layer}`, baseUrl).href;
}

function failureText(error: unknown): string {
  if (error instanceof ApiError) return error.status > 0 ? `HTTP ${error.status}` : error.code;
  return error instanceof Error ? error.message : String(error);
}

async function loadOne(
  layer: StoredLayerId,
  baseUrl: string,
  user: string,
): Promise<{ data: LayerData | null; report: FileReport; source: Source }> {
  const fileName = fileNameOf(layer);
  const report: FileReport = { layer, fileName, ok: false, problems: [], fetchError: null };
  const cached = await readCachedLayer(user, layer);
  let response: Response;
  let text: string;
  try {
    response = await send(layerUrl(layer, baseUrl), cached ? { ifNoneMatch: cached.etag } : {});
    if (response.status === 304 && cached) {
      report.ok = true;
      const data = indexLayer(layer, fileName, cached.collection, new Map(cached.areaM2));
      return { data, report, source: 'not-modified' };
    }
    text = await response.text();
  } catch (error) {
    if (cached && error instanceof ApiError && error.status === 0) {
      // The server could not be reached: this device's copy, as it was last served.
      report.ok = true;
      const data = indexLayer(layer, fileName, cached.collection, new Map(cached.areaM2));
      return { data, report, source: 'device' };
    }
    report.fetchError = failureText(error);
    return { data: null, report, source: 'failed' };
  }
  try {
    const checked = checkServedLayerText(text);
    report.ok = checked.ok;
    report.problems = checked.problems;
    if (!checked.ok || !checked.geojson) return { data: null, report, source: 'failed' };
    const data = indexLayer(layer, fileName, checked.geojson as FeatureCollection);
    const etag = response.headers.get('ETag');
    if (etag) {
      void writeCachedLayer(user, layer, {
        etag,
        collection: data.collection,
        areaM2: [...data.areaM2],
        receivedAt: Date.now(),
      });
    }
    return { data, report, source: 'network' };
  } catch (error) {
    report.ok = false;
    report.fetchError = failureText(error);
    return { data: null, report, source: 'failed' };
  }
}

/**
 * Loads every layer from the server at `baseUrl` (the app's own origin) for the signed-in `user`.
 * `keptTiled`: which layers came as tiles at the last load (offline, when the manifest cannot be read).
 */
export async function loadLayers(
  baseUrl: string,
  user: string,
  keptTiled?: TiledLayers,
): Promise<LoadResult> {
  // Without the manifest (a failure to read it), every layer is loaded whole, as before tiles existed;
  // offline, as the last load had them.
  const manifest = await getLayerManifest().catch(() => null);
  const tiled = manifest === null && keptTiled ? keptTiled : tiledOf(manifest);
  const whole = STORED_LAYERS.filter((layer) => !(layer in tiled));
  const results = await Promise.all(whole.map((layer) => loadOne(layer, baseUrl, user)));
  const layers: StoredLayers = {};
  for (const { data } of results) {
    if (data) layers[data.layer as StoredLayerId] = data;
  }
  const tiledReports = Object.keys(tiled).map(
    (layer): FileReport => ({
      layer: layer as StoredLayerId,
      fileName: fileNameOf(layer as StoredLayerId),
      ok: true,
      problems: [],
      fetchError: null,
    }),
  );
  return {
    layers,
    reports: [...results.map((result) => result.report), ...tiledReports],
    tiled,
    fromDevice: results.some((result) => result.source === 'device'),
    changed: results.some((result) => result.source === 'network'),
  };
}
