// A layer's features as Mapbox Vector Tiles: one tile index per layer revision, built with geojson-vt and
// encoded with vt-pbf. Pure (no I/O): the tile worker (tile-worker.ts) runs it off the request thread,
// the tests and the benchmark call it directly.
//
// Each tile holds two layers:
// - `<layer>`: the features as they are (polygons, points), with the properties the map draws with;
// - `<layer>-points`: one point (the centre of its bounding box) for each polygon too small to be seen
//   at that zoom — under DOT_PIXELS across, or so thin that geojson-vt would drop it — drawn as a dot,
//   as tippecanoe does. At each zoom a polygon is in exactly one of the two, so every feature of the
//   layer is in the tiles that cover it at every zoom, and the tiles of a county view carry dots, not
//   100 000 sub-pixel outlines.
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { LayerId } from '../../domain/layers.ts';

/** Tile coordinates are integers of 0 … 4095 (the MVT default). */
const TILE_EXTENT = 4096;

/** geojson-vt's simplification tolerance, in tile units (its default). */
const TOLERANCE = 3;
/**
 * The deepest tile served: geojson-vt simplifies the zooms above it and keeps every vertex at it (a
 * unit of a z16 tile is 15 cm); MapLibre draws deeper zooms from these tiles (the source's `maxzoom`).
 */
export const MAX_TILE_ZOOM = 16;
/** A polygon narrower than this on screen is drawn as a dot; MapLibre draws vector tiles 512 px wide. */
const DOT_PIXELS = 2;
const TILE_PIXELS = 512;

/** The suffix of the companion layer of dots. */
const POINTS_SUFFIX = '-points';

/**
 * The properties a tile keeps: what the map's styles, filters and labels read (src/app/map/styles.ts),
 * the id first. Everything else (findings, notes, reasons, figures) the inspector fetches with the
 * feature (GET /api/features/:layer/:id); arrays, objects and nulls are never kept.
 */
export const TILE_PROPERTIES: Record<LayerId, readonly string[]> = {
  boundary: ['id', 'name'],
  parks: ['id', 'name', 'kind'],
  plots: ['id', 'status', 'grade', 'landUse', 'mode', 'town', 'deadline'],
  projects: ['id', 'name', 'stage', 'parkId'],
  newland: ['id', 'landUse', 'year', 'supply'],
  zones: ['id', 'name', 'mode', 'plannedLandUse'],
};

type Scalar = string | number | boolean;

export interface LayerTiles {
  /** Features in the index (those with a geometry). */
  readonly features: number;
  /** The tile, encoded; null when no feature of the layer touches it. */
  tile(z: number, x: number, y: number): Uint8Array | null;
}

/** MVT ids are unsigned integers: a feature id written as one (`42`) is kept as its number too. */
function numericId(id: unknown): number | undefined {
  if (typeof id !== 'string' || !/^(0|[1-9]\d{0,15})$/.test(id)) return undefined;
  const value = Number(id);
  return Number.isSafeInteger(value) ? value : undefined;
}

function tileProperties(layer: LayerId, properties: Record<string, unknown> | null, id: unknown) {
  const kept: Record<string, Scalar> = {};
  for (const key of TILE_PROPERTIES[layer]) {
    const value = key === 'id' ? (properties?.id ?? id) : properties?.[key];
    if (typeof value === 'string' || typeof value === 'boolean') kept[key] = value;
    else if (typeof value === 'number' && Number.isFinite(value)) kept[key] = value;
  }
  return kept;
}

/** Web Mercator of the unit square (tile 0/0/0), as geojson-vt projects. */
const mercatorX = (lon: number) => lon / 360 + 0.5;
function mercatorY(lat: number): number {
  const sin = Math.sin((lat * Math.PI) / 180);
  const y = 0.5 - (0.25 * Math.log((1 + sin) / (1 - sin))) / Math.PI;
  return Math.min(1, Math.max(0, y));
}

interface Extent {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** The largest ring's area, in the unit square. */
  largestRing: number;
}

function polygonExtent(rings: Position[][][]): Extent | null {
  const extent: Extent = { minX: 1, minY: 1, maxX: 0, maxY: 0, largestRing: 0 };
  for (const polygon of rings) {
    const outer = polygon[0];
    if (!outer || outer.length < 4) continue;
    let area = 0;
    let previous = outer[outer.length - 1] as Position;
    let px = mercatorX(previous[0] as number);
    let py = mercatorY(previous[1] as number);
    for (previous of outer) {
      const x = mercatorX(previous[0] as number);
      const y = mercatorY(previous[1] as number);
      area += (px - x) * (py + y);
      px = x;
      py = y;
      if (x < extent.minX) extent.minX = x;
      if (x > extent.maxX) extent.maxX = x;
      if (y < extent.minY) extent.minY = y;
      if (y > extent.maxY) extent.maxY = y;
    }
    extent.largestRing = Math.max(extent.largestRing, Math.abs(area) / 2);
  }
  return extent.maxX >= extent.minX ? extent : null;
}

/**
 * The deepest zoom at which a polygon is drawn as a dot (-1: never): where its bounding box is under
 * DOT_PIXELS, or where its largest ring is under twice the area geojson-vt drops (tolerance²).
 */
function dotUntil(extent: Extent): number {
  const size = Math.max(extent.maxX - extent.minX, extent.maxY - extent.minY);
  // size · TILE_PIXELS · 2^z < DOT_PIXELS, and largestRing · (TILE_EXTENT · 2^z)² < 2 · TOLERANCE²
  const bySize = size > 0 ? Math.log2(DOT_PIXELS / (size * TILE_PIXELS)) : Number.POSITIVE_INFINITY;
  const byArea =
    extent.largestRing > 0
      ? Math.log2(Math.sqrt((2 * TOLERANCE * TOLERANCE) / extent.largestRing) / TILE_EXTENT)
      : Number.POSITIVE_INFINITY;
  const limit = Math.max(bySize, byArea);
  return Math.min(MAX_TILE_ZOOM, Math.max(-1, Math.ceil(limit) - 1));
}

function polygons(geometry: Geometry): Position[][][] | null {
  if (geometry.type === 'Polygon') return [geometry.coordinates];
  if (geometry.type === 'MultiPolygon') return geometry.coordinates;
  return null;
}

const unmercatorLat = (y: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI;

/** Builds the tile index of one layer's FeatureCollection (as the store serves it). */
export function buildLayerTiles(layer: LayerId, collection: FeatureCollection): LayerTiles {
  const shapes: Feature[] = [];
  const dots: Feature[] = [];
  // Per feature (its tags object, which geojson-vt keeps by reference): the last zoom it is a dot at.
  const dotZoom = new WeakMap<object, number>();
  for (const feature of collection.features) {
    if (!feature.geometry) continue;
    const properties = tileProperties(layer, feature.properties, feature.id);
    const id = numericId(properties.id);
    const rings = polygons(feature.geometry);
    const extent = rings ? polygonExtent(rings) : null;
    const until = extent ? dotUntil(extent) : -1;
    shapes.push({ type: 'Feature', id, properties, geometry: feature.geometry });
    if (extent && until >= 0) {
      dotZoom.set(properties, until);
      const x = (extent.minX + extent.maxX) / 2;
      const y = (extent.minY + extent.maxY) / 2;
      const coordinates = [(x - 0.5) * 360, unmercatorLat(y)];
      dots.push({ type: 'Feature', id, properties, geometry: { type: 'Point', coordinates } });
    }
  }
  const options = {
    maxZoom: MAX_TILE_ZOOM,
    tolerance: TOLERANCE,
    extent: TILE_EXTENT,
    buffer: 64,
    wrap: false,
    indexMaxZoom: 5,
  };
  const shapeIndex = new GeoJSONVT({ type: 'FeatureCollection', features: shapes }, options);
  const dotIndex =
    dots.length > 0 ? new GeoJSONVT({ type: 'FeatureCollection', features: dots }, options) : null;
  const pointsLayer = `${layer}${POINTS_SUFFIX}`;

  /** The tile with only the features `keep` accepts, or null when none is left. */
  const only = (tile: GeoJSONVTTile | null | undefined, keep: (until: number) => boolean) => {
    if (!tile) return null;
    const features = tile.features.filter((f) => keep(dotZoom.get(f.tags ?? {}) ?? -1));
    return features.length > 0 ? ({ ...tile, features } as GeoJSONVTTile) : null;
  };

  return {
    features: shapes.length,
    tile(z, x, y) {
      const layers: Record<string, GeoJSONVTTile> = {};
      // A polygon still a dot at this zoom is left to the points layer, and its dot to it alone.
      const shapeTile = only(shapeIndex.getTile(z, x, y), (until) => until < z);
      if (shapeTile) layers[layer] = shapeTile;
      const dotTile = only(dotIndex?.getTile(z, x, y), (until) => until >= z);
      if (dotTile) layers[pointsLayer] = dotTile;
      if (!shapeTile && !dotTile) return null;
      return fromGeojsonVt(layers, { version: 2, extent: TILE_EXTENT });
    },
  };
}
