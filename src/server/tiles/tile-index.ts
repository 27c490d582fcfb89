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
//   100 000 sub-pixel outlines. Dots in one density cell (8 px) alike in status (DENSITY) are one point
//   with their `count` and no id: a density layer (a lone dot keeps its id and properties).
import { GeoJSONVT, type GeoJSONVTTile } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import type { LayerId } from '../../domain/layers.ts';
import {
  DENSITY,
  DENSITY_CELL,
  type Density,
  derivedTileProperties,
  TILE_PROPERTIES,
} from './tile-properties.ts';

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

type Scalar = string | number | boolean;

/** A bounding box in the unit square of tile 0/0/0 (Web Mercator, y down). */
export interface UnitBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export interface LayerTiles {
  /** Features in the index (those with a geometry). */
  readonly features: number;
  /** The tile, encoded; null when no feature of the layer touches it. */
  tile(z: number, x: number, y: number): Uint8Array | null;
  /**
   * Applies changed features (each as it is now: created or changed) and removed ids to the index
   * (geojson-vt's updateData: the tiles they touch are cut again when next asked); returns the boxes
   * they covered before and cover now, for the caller to drop the encoded tiles it keeps there.
   */
  update(put: readonly Feature[], removed: readonly string[]): UnitBox[];
}

/** MVT ids are unsigned integers: a feature id written as one (`42`) is kept as its number too. */
function numericId(id: unknown): number | undefined {
  if (typeof id !== 'string' || !/^(0|[1-9]\d{0,15})$/.test(id)) return undefined;
  const value = Number(id);
  return Number.isSafeInteger(value) ? value : undefined;
}

function tileProperties(layer: LayerId, properties: Record<string, unknown> | null, id: unknown) {
  const kept: Record<string, Scalar> = {};
  const derived = derivedTileProperties(layer, properties);
  for (const key of TILE_PROPERTIES[layer]) {
    const value = key === 'id' ? (properties?.id ?? id) : key in derived ? derived[key] : properties?.[key];
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

/** The bounding box of any geometry in the unit square, or null when it has no position. */
function geometryBox(geometry: Geometry): UnitBox | null {
  const box = { minX: 1, minY: 1, maxX: 0, maxY: 0 };
  const pending: unknown[] = [geometry];
  while (pending.length > 0) {
    const value = pending.pop();
    if (Array.isArray(value)) {
      if (typeof value[0] !== 'number') {
        for (const item of value) pending.push(item);
        continue;
      }
      const x = mercatorX(value[0]);
      const y = mercatorY(value[1] as number);
      box.minX = Math.min(box.minX, x);
      box.maxX = Math.max(box.maxX, x);
      box.minY = Math.min(box.minY, y);
      box.maxY = Math.max(box.maxY, y);
    } else if (value && typeof value === 'object') {
      const { coordinates, geometries } = value as { coordinates?: unknown; geometries?: unknown };
      pending.push(coordinates, geometries);
    }
  }
  return box.maxX >= box.minX ? box : null;
}

/**
 * The layer is indexed in pieces: one geojson-vt index per tile of SHARD_ZOOM (about 10 km) holding
 * every feature whose box (with the tile buffer) meets it, and one for the features wider than a few
 * of those. geojson-vt's updateData re-cuts the whole index an update touches from its root, so an edit
 * costs the features of its piece (a few thousand), not the layer's 100 000. A tile at SHARD_ZOOM or
 * deeper comes from its one piece; a shallower one joins the pieces under it (and their neighbours,
 * for features within its buffer), each feature once, in list order.
 */
const SHARD_ZOOM = 12;
/** A feature whose box spans more pieces than this across goes to the piece of wide features. */
const SHARD_SPAN = 4;
const WIDE = 'wide';

type IndexOptions = ConstructorParameters<typeof GeoJSONVT>[1];
type TileFeature = GeoJSONVTTile['features'][number];

class ShardedIndex {
  private readonly options: IndexOptions;
  private readonly shards = new Map<string, GeoJSONVT>();
  /** Per feature id: the pieces holding it. */
  private readonly homes = new Map<string, string[]>();
  /** Per feature id: its place in list order. */
  private readonly order: Map<string, number>;

  constructor(options: IndexOptions, order: Map<string, number>) {
    this.options = options;
    this.order = order;
  }

  private static keys(box: UnitBox | null): string[] {
    if (!box) return [];
    const size = 2 ** SHARD_ZOOM;
    const buffer = 64 / 4096;
    const clamp = (value: number) => Math.min(size - 1, Math.max(0, Math.floor(value)));
    const x0 = clamp(box.minX * size - buffer);
    const x1 = clamp(box.maxX * size + buffer);
    const y0 = clamp(box.minY * size - buffer);
    const y1 = clamp(box.maxY * size + buffer);
    if (x1 - x0 >= SHARD_SPAN || y1 - y0 >= SHARD_SPAN) return [WIDE];
    const keys: string[] = [];
    for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) keys.push(`${x}/${y}`);
    return keys;
  }

  /** Puts (or replaces) and removes features; `box` tells where each put one is. */
  apply(put: readonly { feature: Feature; box: UnitBox | null }[], removed: Iterable<string>): void {
    const diffs = new Map<string, { add: Feature[]; remove: string[] }>();
    const diff = (key: string) => {
      const found = diffs.get(key) ?? { add: [], remove: [] };
      diffs.set(key, found);
      return found;
    };
    for (const id of removed) {
      for (const key of this.homes.get(id) ?? []) diff(key).remove.push(id);
      this.homes.delete(id);
    }
    for (const { feature, box } of put) {
      const id = feature.id as string;
      const keys = ShardedIndex.keys(box);
      for (const key of this.homes.get(id) ?? []) if (!keys.includes(key)) diff(key).remove.push(id);
      for (const key of keys) diff(key).add.push(feature);
      this.homes.set(id, keys);
    }
    for (const [key, { add, remove }] of diffs) {
      const shard = this.shards.get(key);
      if (shard) shard.updateData({ remove, add });
      else if (add.length > 0)
        this.shards.set(key, new GeoJSONVT({ type: 'FeatureCollection', features: add }, this.options));
    }
  }

  /** The tile's features from every piece that can hold some, each once, in list order. */
  getTile(z: number, x: number, y: number): GeoJSONVTTile | null {
    const keys = [WIDE];
    if (z >= SHARD_ZOOM) {
      const shift = z - SHARD_ZOOM;
      keys.push(`${Math.floor(x / 2 ** shift)}/${Math.floor(y / 2 ** shift)}`);
    } else {
      const scale = 2 ** (SHARD_ZOOM - z);
      const [x0, x1, y0, y1] = [x * scale - 1, (x + 1) * scale, y * scale - 1, (y + 1) * scale];
      if ((x1 - x0 + 1) * (y1 - y0 + 1) > this.shards.size) {
        for (const key of this.shards.keys()) {
          if (key === WIDE) continue;
          const [sx, sy] = key.split('/').map(Number) as [number, number];
          if (sx >= x0 && sx <= x1 && sy >= y0 && sy <= y1) keys.push(key);
        }
      } else {
        for (let sx = x0; sx <= x1; sx++) for (let sy = y0; sy <= y1; sy++) keys.push(`${sx}/${sy}`);
      }
    }
    let first: GeoJSONVTTile | null = null;
    let pieces = 0;
    const seen = new Set<unknown>();
    const features: TileFeature[] = [];
    for (const key of keys) {
      const tile = this.shards.get(key)?.getTile(z, x, y);
      if (!tile) continue;
      first ??= tile;
      pieces++;
      for (const feature of tile.features) {
        if (seen.has(feature.id)) continue;
        seen.add(feature.id);
        features.push(feature);
      }
    }
    if (!first) return null;
    if (pieces > 1) {
      const place = (feature: TileFeature) => this.order.get(String(feature.id)) ?? 0;
      features.sort((a, b) => place(a) - place(b));
    }
    return { ...first, features } as GeoJSONVTTile;
  }
}

/** The value of `name` most common in `group` (ties: the first in code order), if any has one. */
function mostCommon(group: readonly TileFeature[], name: string): unknown {
  const counts = new Map<Scalar, number>();
  for (const feature of group) {
    const value = (feature.tags as Record<string, Scalar> | null)?.[name];
    if (value !== undefined) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  let best: Scalar | undefined;
  let most = 0;
  for (const [value, n] of counts) {
    if (n > most || (n === most && best !== undefined && String(value) < String(best))) {
      best = value;
      most = n;
    }
  }
  return best;
}

/** The earliest string value of `name` in the group (dates YYYY-MM-DD: text order is date order). */
function earliestOf(group: readonly TileFeature[], name: string): string | undefined {
  let earliest: string | undefined;
  for (const feature of group) {
    const value = (feature.tags as Record<string, unknown> | null)?.[name];
    if (typeof value === 'string' && (earliest === undefined || value < earliest)) earliest = value;
  }
  return earliest;
}

/**
 * The tile's dots, those in one density cell and alike made one point (DENSITY in tile-properties.ts):
 * at the group's mean position (rounded half up), with the `alike` properties, the most common value of
 * each `mostly` one, the earliest of each `earliest` one and `count`, no id; in the list order of each group's first dot. A dot alone in its
 * group stays as it is. The SQL of PostgresStore.tile does the same.
 */
function denser(tile: GeoJSONVTTile | null, density: Density): GeoJSONVTTile | null {
  if (!tile) return null;
  const groups = new Map<string, TileFeature[]>();
  for (const feature of tile.features) {
    const [x, y] = feature.geometry[0] as unknown as [number, number];
    const tags = feature.tags as Record<string, unknown> | null;
    const key = JSON.stringify([
      Math.floor(x / DENSITY_CELL),
      Math.floor(y / DENSITY_CELL),
      ...density.alike.map((name) => tags?.[name] ?? null),
    ]);
    const group = groups.get(key);
    if (group) group.push(feature);
    else groups.set(key, [feature]);
  }
  if (groups.size === tile.features.length) return tile;
  const features: TileFeature[] = [];
  for (const group of groups.values()) {
    const first = group[0] as TileFeature;
    if (group.length === 1) {
      features.push(first);
      continue;
    }
    let sumX = 0;
    let sumY = 0;
    for (const feature of group) {
      const [x, y] = feature.geometry[0] as unknown as [number, number];
      sumX += x;
      sumY += y;
    }
    const tags: Record<string, unknown> = {};
    for (const name of density.alike) {
      const value = (first.tags as Record<string, unknown> | null)?.[name];
      if (value !== undefined) tags[name] = value;
    }
    for (const name of density.mostly) {
      const value = mostCommon(group, name);
      if (value !== undefined) tags[name] = value;
    }
    for (const name of density.earliest) {
      const value = earliestOf(group, name);
      if (value !== undefined) tags[name] = value;
    }
    tags.count = group.length;
    const mean = (sum: number) => Math.floor(sum / group.length + 0.5);
    features.push({
      ...first,
      id: undefined,
      tags,
      geometry: [[mean(sumX), mean(sumY)]],
    } as unknown as TileFeature);
  }
  return { ...tile, features } as GeoJSONVTTile;
}

/** What the index keeps of each feature: where it is (old tiles to drop after an update). */
interface Entry {
  box: UnitBox | null;
}

/**
 * Builds the tile index of one layer's FeatureCollection (as the store serves it). Features are
 * indexed by their id (the store's, a string), so that `update` can replace and remove them; the MVT
 * id is the number an id written as a whole number is.
 */
export function buildLayerTiles(layer: LayerId, collection: FeatureCollection): LayerTiles {
  // Per feature id: the last zoom it is a dot at (-1: never), and its box.
  const dotZoom = new Map<string, number>();
  const entries = new Map<string, Entry>();
  let unnamed = 0;

  /** The feature's shape and, when it is a dot at some zoom, its dot; recorded under its id. */
  const prepare = (feature: Feature) => {
    const properties = tileProperties(layer, feature.properties, feature.id);
    const id = typeof properties.id === 'string' ? properties.id : `#${unnamed++}`;
    const geometry = feature.geometry;
    const rings = polygons(geometry);
    const extent = rings ? polygonExtent(rings) : null;
    const until = extent ? dotUntil(extent) : -1;
    dotZoom.set(id, until);
    entries.set(id, { box: geometryBox(geometry) });
    const shape: Feature = { type: 'Feature', id, properties, geometry };
    let dot: Feature | null = null;
    if (extent && until >= 0) {
      const x = (extent.minX + extent.maxX) / 2;
      const y = (extent.minY + extent.maxY) / 2;
      const coordinates = [(x - 0.5) * 360, unmercatorLat(y)];
      dot = { type: 'Feature', id, properties, geometry: { type: 'Point', coordinates } };
    }
    return { id, shape, dot };
  };

  const options = {
    maxZoom: MAX_TILE_ZOOM,
    tolerance: TOLERANCE,
    extent: TILE_EXTENT,
    buffer: 64,
    wrap: false,
    indexMaxZoom: 5,
    updateable: true,
  };
  const order = new Map<string, number>();
  let nextPlace = 0;
  const shapeIndex = new ShardedIndex(options, order);
  const dotIndex = new ShardedIndex(options, order);
  const shapes: { feature: Feature; box: UnitBox | null }[] = [];
  const dots: { feature: Feature; box: UnitBox | null }[] = [];
  for (const feature of collection.features) {
    if (!feature.geometry) continue;
    const { id, shape, dot } = prepare(feature);
    order.set(id, nextPlace++);
    const box = entries.get(id)?.box ?? null;
    shapes.push({ feature: shape, box });
    if (dot) dots.push({ feature: dot, box });
  }
  shapeIndex.apply(shapes, []);
  dotIndex.apply(dots, []);
  const pointsLayer = `${layer}${POINTS_SUFFIX}`;
  let count = shapes.length;

  /** The tile with only the features `keep` accepts (MVT ids as numbers), or null when none is left. */
  const only = (tile: GeoJSONVTTile | null | undefined, keep: (until: number) => boolean) => {
    if (!tile) return null;
    const features = tile.features
      .filter((f) => keep(dotZoom.get(String(f.id)) ?? -1))
      .map((f) => ({ ...f, id: numericId(f.id) }));
    return features.length > 0 ? ({ ...tile, features } as GeoJSONVTTile) : null;
  };

  const density = DENSITY[layer];

  return {
    get features() {
      return count;
    },
    tile(z, x, y) {
      const layers: Record<string, GeoJSONVTTile> = {};
      // A polygon still a dot at this zoom is left to the points layer, and its dot to it alone.
      const shapeTile = only(shapeIndex.getTile(z, x, y), (until) => until < z);
      if (shapeTile) layers[layer] = shapeTile;
      const dotTile = denser(
        only(dotIndex.getTile(z, x, y), (until) => until >= z),
        density,
      );
      if (dotTile) layers[pointsLayer] = dotTile;
      if (!shapeTile && !dotTile) return null;
      return fromGeojsonVt(layers, { version: 2, extent: TILE_EXTENT });
    },
    update(put, removed) {
      const boxes: UnitBox[] = [];
      const gone = new Set<string>();
      const forget = (id: string) => {
        const entry = entries.get(id);
        if (!entry) return;
        if (entry.box) boxes.push(entry.box);
        entries.delete(id);
        dotZoom.delete(id);
        count--;
        gone.add(id);
      };
      for (const id of removed) forget(id);
      const addShapes: { feature: Feature; box: UnitBox | null }[] = [];
      const addDots: { feature: Feature; box: UnitBox | null }[] = [];
      for (const feature of put) {
        const id = tileProperties(layer, feature.properties, feature.id).id;
        if (typeof id === 'string') forget(id);
        if (!feature.geometry) continue;
        const prepared = prepare(feature);
        gone.delete(prepared.id);
        if (!order.has(prepared.id)) order.set(prepared.id, nextPlace++);
        count++;
        const box = entries.get(prepared.id)?.box ?? null;
        if (box) boxes.push(box);
        addShapes.push({ feature: prepared.shape, box });
        if (prepared.dot) addDots.push({ feature: prepared.dot, box });
      }
      for (const id of gone) order.delete(id);
      // A feature no longer a dot leaves the dots; one put again replaces itself.
      const dotted = new Set(addDots.map((dot) => dot.feature.id));
      const dotRemove = [...gone, ...addShapes.map((shape) => shape.feature.id as string)].filter(
        (id) => !dotted.has(id),
      );
      shapeIndex.apply(addShapes, gone);
      dotIndex.apply(addDots, dotRemove);
      return boxes;
    },
  };
}
