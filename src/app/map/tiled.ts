// A layer drawn from the server's vector tiles (GET /api/tiles/:layer/{z}/{x}/{y}, src/server/tiles/
// README.md): its source and its map layers — the same style objects as the GeoJSON path, put on the
// tile layer `<layer>`, and dots for the parcels too small to draw (`<layer>-points`). Pure.
import type { Feature, FeatureCollection, Position } from 'geojson';
import type { VectorSourceSpecification } from 'maplibre-gl';
import type { LayerProps } from 'react-map-gl/maplibre';
import { projectDueDates } from '../../domain/deadlines.ts';
import type { TileableLayerId } from '../../domain/layers.ts';
import type { PlotColourMode } from '../state/ui-slice.ts';
import * as styles from './styles.ts';

/** The tiles' URL template under the app's base URL (same origin: the session cookie goes along). */
export function tileUrl(base: string, layer: TileableLayerId): string {
  const root = base.endsWith('/') ? base : `${base}/`;
  return `${root}api/tiles/${layer}/{z}/{x}/{y}`;
}

/**
 * The vector source of a tiled layer: tiles to z16 (MapLibre draws deeper zooms from them), the feature
 * id promoted from `properties.id` in both tile layers, so feature state and picking go by the plot id.
 */
export function tiledSource(layer: TileableLayerId, base: string): VectorSourceSpecification {
  return { type: 'vector', tiles: [tileUrl(base, layer)], minzoom: 0, maxzoom: 16, promoteId: 'id' };
}

/** The tile layer of the small parcels drawn as points. */
export const pointsLayerOf = (layer: TileableLayerId) => `${layer}-points`;

/** A style drawn from one tile layer: the same object's paint and layout, with its source layer. */
function onTiles(style: LayerProps, sourceLayer: string): LayerProps {
  return { ...style, 'source-layer': sourceLayer } as LayerProps;
}

/**
 * The map layers of a tiled layer, in drawing order (ids as on the GeoJSON path, plus `<layer>-dots`);
 * by deadline, coloured as of `today`.
 */
export function tiledStyleLayers(
  layer: TileableLayerId,
  colourMode: PlotColourMode,
  today: string,
): LayerProps[] {
  const points = pointsLayerOf(layer);
  switch (layer) {
    case 'plots': {
      const [fill, dots] =
        colourMode === 'deadline'
          ? [styles.plotsFillByDeadline(today), styles.plotsDotsByDeadline(today)]
          : colourMode === 'grade'
            ? [styles.plotsFillByGrade, styles.plotsDotsByGrade]
            : [styles.plotsFillByStatus, styles.plotsDotsByStatus];
      return [
        onTiles(fill, layer),
        onTiles(styles.plotsLine, layer),
        onTiles(dots, points),
        // No symbol layer on the tiles: it would label each tile's piece of a plot cut by a tile edge
        // (twice, or four times, on screen). The labels come from the pieces put together (plotPieces).
      ];
    }
    case 'projects': {
      const byDeadline = colourMode === 'deadline';
      const coloured = byDeadline
        ? styles.projectsColouredBy(styles.tiledProjectDeadlineColour(today))
        : { fill: styles.projectsFill, line: styles.projectsLine, circle: styles.projectsCircle };
      return [
        onTiles(coloured.fill, layer),
        onTiles(coloured.line, layer),
        onTiles(coloured.circle, layer),
        onTiles(byDeadline ? styles.projectsDotsByDeadline(today) : styles.projectsDots, points),
        onTiles(styles.projectsLabel, layer),
      ];
    }
    case 'newland':
      return [
        onTiles(styles.newlandFill, layer),
        onTiles(styles.newlandLine, layer),
        onTiles(styles.newlandDots, points),
      ];
  }
}

/**
 * What the map shows at once after an edit of a tiled feature: the colouring properties, as feature
 * state — with the dates the deadline colours read ('' for none, so a date removed shows as removed),
 * a project's due dates derived as the tiles derive them.
 */
export function liveStateOf(properties: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const state: Record<string, unknown> = {};
  for (const name of styles.LIVE_PROPERTIES) {
    const value = properties?.[name];
    if (typeof value === 'string' || typeof value === 'number') state[name] = value;
  }
  if (!properties) return state;
  const dates: Record<string, unknown> =
    'stage' in properties ? { ...projectDueDates(properties) } : { deadline: properties.deadline };
  for (const name of styles.LIVE_DATES) {
    if (name in dates) state[name] = typeof dates[name] === 'string' ? dates[name] : '';
  }
  return state;
}

/**
 * The pieces of each feature in the loaded tiles (a plot cut by tile edges comes once per tile), put
 * together by id as one MultiPolygon: labelled once (src/geo/labelPoint.ts: in its largest part).
 * Each carries its id only (what the label draws), as plain data for MapLibre's worker.
 */
export function plotPieces(pieces: readonly Feature[]): FeatureCollection {
  const byId = new Map<string, Position[][][]>();
  for (const piece of pieces) {
    const id = piece.properties?.id;
    const geometry = piece.geometry;
    if (typeof id !== 'string' || !geometry) continue;
    const polygons =
      geometry.type === 'Polygon'
        ? [geometry.coordinates]
        : geometry.type === 'MultiPolygon'
          ? geometry.coordinates
          : [];
    if (polygons.length === 0) continue;
    const entry = byId.get(id);
    if (entry) entry.push(...polygons);
    else byId.set(id, [...polygons]);
  }
  return {
    type: 'FeatureCollection',
    features: [...byId].map(([id, polygons]) => ({
      type: 'Feature',
      id,
      properties: { id },
      geometry: { type: 'MultiPolygon', coordinates: polygons },
    })),
  };
}
