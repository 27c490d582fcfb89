// The map's sources and layers: the basemap (online, only when chosen), our data layers in drawing
// order, and the selection highlight on top. Visibility is a layout property so the order holds.
import type { FeatureCollection, Point } from 'geojson';
import type {
  ExpressionSpecification,
  GeoJSONSource,
  MapSourceDataEvent,
  VectorTileSource,
} from 'maplibre-gl';
import { Fragment, type ReactNode, useEffect, useMemo, useRef, useState } from 'react';

import { Layer, type LayerProps, Source, useMap } from 'react-map-gl/maplibre';
import { basemapSources } from '../../domain/basemaps.ts';
import { featureId } from '../../domain/feature-id.ts';
import type { TileableLayerId } from '../../domain/layers.ts';
import { labelPoints } from '../../geo/labelPoint.ts';
import { type DataLayerId, type LayerData, layerChanges } from '../state/layer-data.ts';
import { useAtlas, useSelectedFeature } from '../state/store.ts';
import type { TableView } from '../state/table-slice.ts';
import { useToday } from '../state/today.ts';
import {
  hiddenLayer,
  KEPT_PRUNE_AT,
  KEPT_STATE,
  keptChanges,
  keptExpression,
  keptMode,
  keptTwin,
  withKept,
} from './kept-filter.ts';
import { stageLayersBefore } from './staged-layers.ts';
import * as styles from './styles.ts';
import { liveStateOf, plotPieces, pointsLayerOf, tiledSource, tiledStyleLayers } from './tiled.ts';

/** A layer as drawn: shown or not, with the table's filter expression, on `source` when given. */
function withVisibility(
  layer: LayerProps,
  visible: boolean,
  kept: ExpressionSpecification | null = null,
  source?: string,
): LayerProps {
  if (layer.type === 'custom') return layer;
  const own = 'filter' in layer ? layer.filter : undefined;
  const filter = layer.type === 'background' ? undefined : withKept(own, kept);
  return {
    ...layer,
    layout: { ...(layer.layout ?? {}), visibility: visible ? 'visible' : 'none' },
    beforeId: styles.ANCHOR_DATA,
    ...(filter === undefined ? {} : { filter }),
    ...(source === undefined ? {} : { source }),
  } as LayerProps;
}

/** The data table's view of a layer while the table shows it (its filter's kept ids), else null. */
function useTableView(layer: DataLayerId): TableView | null {
  return useAtlas((state) => (state.tableView?.layer === layer ? state.tableView : null));
}

/**
 * The filter expression of the data table for a layer's labels (a small source of its own, filtered by
 * expression: kept-filter.ts), else null: the same object until the filter changes.
 */
function useKeptExpression(view: TableView | null): ExpressionSpecification | null {
  return useMemo(() => (view ? keptExpression(view.kept, view.dropped) : null), [view]);
}

/**
 * A data layer's map layers as the table's filter shows them (kept-filter.ts): while the table shows the
 * layer each has its twin right beneath it, drawing the features whose state is `kept`; while a filter
 * is on the layer itself is faded out and the twins show what it keeps. Labels by expression.
 */
function FilterableLayers({
  layers,
  visible,
  view,
  source,
}: {
  layers: LayerProps[];
  visible: boolean;
  view: TableView | null;
  /** Given by the Source this is a child of (react-map-gl passes its id to its children). */
  source?: string;
}) {
  const mode = keptMode(view);
  const expression = useKeptExpression(view);
  return (
    <>
      {layers.map((style) => {
        const twin = view ? keptTwin(style) : null;
        // A label has no twin (kept-filter.ts): the filter expression keeps it or not.
        if (style.type === 'symbol')
          return <Layer key={style.id} {...withVisibility(style, visible, expression, source)} />;
        return (
          <Fragment key={style.id}>
            <Layer
              {...(mode === 'state'
                ? withVisibility(hiddenLayer(style), visible, null, source)
                : withVisibility(style, visible, mode === 'expression' ? expression : null, source))}
            />
            {twin && <Layer {...withVisibility(twin, visible, null, source)} beforeId={style.id} />}
          </Fragment>
        );
      })}
    </>
  );
}

/** A GeoJSON source's features: no tile layers. */
const GEOJSON_LAYERS = [undefined] as const;

/** useKeptStates for a GeoJSON data source (a child of its Source, so mounted with it). */
function KeptStates({ source, view }: { source: DataLayerId; view: TableView | null }) {
  useKeptStates(source, GEOJSON_LAYERS, view);
  return null;
}

/**
 * Marks the features the table's filter keeps with the feature state `kept` on a source (in each of
 * its tile layers for a tiled one): only those whose kept-ness changed since the last filter; all of
 * them unmarked when the table closes. Returns the source's generation: bumped when the table closed
 * after more than `pruneAt` marks in all, for the caller to make the source anew (kept-filter.ts).
 */
function useKeptStates(
  source: string,
  sourceLayers: readonly (string | undefined)[],
  view: TableView | null,
  pruneAt = Number.POSITIVE_INFINITY,
): number {
  const { current } = useMap();
  const marked = useRef(new Set<string>());
  /** How many marks MapLibre's state store of the source holds (never fewer: kept-filter.ts). */
  const everMarked = useRef(0);
  /** Bumped when the table closed after more than `pruneAt` marks: the source is to be made anew. */
  const [generation, setGeneration] = useState(0);
  const kept = keptMode(view) === 'state' ? (view?.kept ?? null) : null;
  /** Bumped when the source appears (a filter set before the map had its source is marked then). */
  const [sourceAdded, setSourceAdded] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: sourceAdded is a re-run trigger
  useEffect(() => {
    const map = current?.getMap();
    if (!map) return;
    if (!map.getSource(source)) {
      const added = (event: MapSourceDataEvent) => {
        if (event.sourceId === source) setSourceAdded((count) => count + 1);
      };
      map.on('sourcedata', added);
      return () => {
        map.off('sourcedata', added);
      };
    }
    const { add, remove } = keptChanges(marked.current, kept);
    for (const sourceLayer of sourceLayers) {
      for (const id of remove) map.removeFeatureState({ source, sourceLayer, id }, KEPT_STATE);
      for (const id of add) map.setFeatureState({ source, sourceLayer, id }, { [KEPT_STATE]: true });
    }
    for (const id of remove) marked.current.delete(id);
    for (const id of add) marked.current.add(id);
    everMarked.current += add.length;
    if (view === null && everMarked.current > pruneAt) {
      everMarked.current = 0;
      setGeneration((count) => count + 1);
    }
  }, [current, source, sourceLayers, kept, view, pruneAt, sourceAdded]);
  return generation;
}

export function BasemapLayers() {
  const basemap = useAtlas((state) => state.basemap);
  const key = useAtlas((state) => state.tiandituKey);
  const lang = useAtlas((state) => state.lang);
  return (
    <>
      {basemapSources(basemap, key, lang).map((source) => (
        <Source
          key={source.id}
          id={source.id}
          type="raster"
          tiles={source.tiles}
          tileSize={256}
          maxzoom={source.maxzoom}
          attribution={source.attribution}
        >
          <Layer id={`${source.id}-layer`} type="raster" beforeId={styles.ANCHOR_BASEMAP} />
        </Source>
      ))}
    </>
  );
}

/**
 * One data layer's GeoJSON source. A load gives MapLibre the whole collection; a feature the server
 * sent back afterwards (an edit, an inspection) reaches it as that one feature through
 * GeoJSONSource.updateData, so one edit re-tiles only the tiles the feature touches instead of the layer.
 */
function DataSource({ layer, data, children }: { layer: DataLayerId; data: LayerData; children: ReactNode }) {
  const { current } = useMap();
  const loadCount = useAtlas((state) => state.loadCount);
  // What the source was created with; replaced only by a new load.
  const [mounted, setMounted] = useState(data.collection);
  const shown = useRef({ data, loadCount });

  useEffect(() => {
    const before = shown.current;
    if (before.data === data) return;
    shown.current = { data, loadCount };
    const source = current?.getMap().getSource(layer) as GeoJSONSource | undefined;
    if (before.loadCount !== loadCount || !source) {
      setMounted(data.collection);
      return;
    }
    const { put, removed } = layerChanges(before.data, data);
    const ids = put.flatMap((feature) => featureId(feature) ?? []);
    void source.updateData({ remove: [...removed, ...ids], add: put });
  }, [current, layer, data, loadCount]);

  return (
    <Source id={layer} type="geojson" data={mounted} promoteId="id">
      {children}
    </Source>
  );
}

/** The feature-state keys an edit of a tiled feature sets (tiled.ts liveStateOf). */
const LIVE_STATE_KEYS = [...styles.LIVE_PROPERTIES, ...styles.LIVE_DATES];

/** The app's base URL (its own origin and path): where the API and so the tiles are. */
function appBase(): string {
  return new URL(import.meta.env.BASE_URL, window.location.href).href;
}

/**
 * One tiled layer's vector source and its map layers. An edit of one of its features (putFeature, from
 * any form) shows at once: the feature's colouring properties become its feature state, which the
 * paint expressions prefer to the tile's property (styles.ts `live`); and the layer's tiles are
 * reloaded (setTiles with the same URLs: MapLibre keeps the old tiles on screen and asks again, the
 * browser revalidates each with its ETag, which carries the layer revision, so the server answers with
 * the new tile). Once the reloaded tiles are in, the state is removed again: the tiles carry the edit,
 * and a later change by someone else (seen when the tiles are next asked) is not hidden under it.
 */
function TiledLayer({ layer, visible }: { layer: TileableLayerId; visible: boolean }) {
  const { current } = useMap();
  const colourMode = useAtlas((state) => state.plotColourMode);
  const today = useToday();
  const edits = useAtlas((state) => state.tileEdits[layer]);
  const view = useTableView(layer);
  const labelsKept = useKeptExpression(view);
  const [source] = useState(() => tiledSource(layer, appBase()));
  const sourceLayers = useMemo(() => [layer, pointsLayerOf(layer)], [layer]);
  // The table closed after many marks: the source is made anew to empty its state store (kept-filter.ts).
  const generation = useKeptStates(layer, sourceLayers, view, KEPT_PRUNE_AT);
  const shownEpoch = useRef(0);
  const stated = useRef(new Set<string>());
  /** Edits (their property objects) the reloaded tiles already carry: no feature state for them. */
  const settled = useRef(new WeakSet<object>());

  useEffect(() => {
    const map = current?.getMap();
    if (!map?.getSource(layer)) return;
    const properties = edits?.properties ?? new Map<string, Record<string, unknown>>();
    for (const [id, values] of properties) {
      if (settled.current.has(values)) continue;
      const state = liveStateOf(values);
      for (const sourceLayer of [layer, pointsLayerOf(layer)]) {
        map.setFeatureState({ source: layer, sourceLayer, id }, state);
      }
      stated.current.add(id);
    }
    // A new load dropped the edits: so do the feature states (those of the edit: `kept` is the table's).
    const unstate = (id: string) => {
      for (const sourceLayer of [layer, pointsLayerOf(layer)]) {
        for (const key of LIVE_STATE_KEYS) map.removeFeatureState({ source: layer, sourceLayer, id }, key);
      }
      stated.current.delete(id);
    };
    for (const id of stated.current) {
      if (properties.has(id)) continue;
      unstate(id);
    }
    const epoch = edits?.epoch ?? 0;
    if (epoch !== shownEpoch.current) {
      shownEpoch.current = epoch;
      const shown = [...properties].filter(([, values]) => !settled.current.has(values));
      (map.getSource(layer) as VectorTileSource).setTiles(source.tiles ?? []);
      // The tiles asked again are all in (of the revision after the edit): drop the states they carry.
      const reloaded = (event: MapSourceDataEvent) => {
        if (event.sourceId !== layer || !map.isSourceLoaded(layer)) return;
        map.off('sourcedata', reloaded);
        if (shownEpoch.current !== epoch) return;
        for (const [id, values] of shown) {
          settled.current.add(values);
          unstate(id);
        }
      };
      map.on('sourcedata', reloaded);
    }
  }, [current, layer, edits, source]);

  return (
    <>
      <Source key={generation} id={layer} {...source}>
        <FilterableLayers layers={tiledStyleLayers(layer, colourMode, today)} visible={visible} view={view} />
      </Source>
      {layer === 'plots' && <TiledPlotLabels visible={visible} kept={labelsKept} />}
    </>
  );
}

const EMPTY_POINTS: FeatureCollection<Point> = { type: 'FeatureCollection', features: [] };

/**
 * The plot ids of a tiled plots layer, one per plot: when the map rests at the labels' zooms, the
 * pieces of the loaded tiles (querySourceFeatures) are put together by id and labelled in their
 * largest part, as the GeoJSON path labels whole plots.
 */
function TiledPlotLabels({ visible, kept }: { visible: boolean; kept: ExpressionSpecification | null }) {
  const { current } = useMap();
  const [labels, setLabels] = useState(EMPTY_POINTS);
  const shown = useRef('');

  useEffect(() => {
    const map = current?.getMap();
    if (!map || !visible) return;
    const update = () => {
      const next =
        map.getZoom() < styles.PLOT_LABEL_MINZOOM - 0.5 || !map.getSource('plots')
          ? EMPTY_POINTS
          : labelPoints(plotPieces(map.querySourceFeatures('plots', { sourceLayer: 'plots' })));
      const key = next.features
        .map((feature) => `${feature.id}@${feature.geometry.coordinates.join(',')}`)
        .join(';');
      if (key === shown.current) return;
      shown.current = key;
      setLabels(next);
    };
    update();
    map.on('idle', update);
    return () => {
      map.off('idle', update);
    };
  }, [current, visible]);

  return (
    <Source id="plots-labels" type="geojson" data={labels}>
      <Layer {...withVisibility(styles.plotsLabel, visible, kept)} />
    </Source>
  );
}

/**
 * Holds the data layers back until their sources have loaded and shows them one per rendered frame
 * (staged-layers.ts), so that no frame compiles all their shader programs. Mounted before DataLayers:
 * it takes over the map's addLayer during its first render, before their layers are added.
 */
export function StagedDataLayers() {
  const { current } = useMap();
  const stop = useRef<(() => void) | null>(null);
  const map = current?.getMap();
  if (map && !stop.current) stop.current = stageLayersBefore(map, styles.ANCHOR_DATA);
  useEffect(
    () => () => {
      stop.current?.();
      stop.current = null;
    },
    [],
  );
  return null;
}

export function DataLayers() {
  const layers = useAtlas((state) => state.layers);
  const tiled = useAtlas((state) => state.tiled);
  const visibility = useAtlas((state) => state.visibility);
  const colourMode = useAtlas((state) => state.plotColourMode);
  const today = useToday();
  const plotsFill =
    colourMode === 'deadline'
      ? styles.plotsFillByDeadline(today)
      : colourMode === 'grade'
        ? styles.plotsFillByGrade
        : styles.plotsFillByStatus;
  const projects =
    colourMode === 'deadline'
      ? styles.projectsColouredBy(styles.projectDeadlineColour(today))
      : { fill: styles.projectsFill, line: styles.projectsLine, circle: styles.projectsCircle };
  const parkLabels = useAtlas((state) => state.derived.parkLabels);
  const plotLabels = useAtlas((state) => state.derived.plotLabels);
  const plotsView = useTableView('plots');
  const projectsView = useTableView('projects');
  const newlandView = useTableView('newland');
  const plotLabelsKept = useKeptExpression(plotsView);
  // Zones are few (a GeoJSON source of tens): filtered by expression, their fill, outline and name alike.
  const zonesKept = useKeptExpression(useTableView('zones'));
  const v = (layer: LayerProps, visible: boolean, kept: ExpressionSpecification | null = null) =>
    withVisibility(layer, visible, kept);
  return (
    <>
      {layers.boundary && (
        <DataSource layer="boundary" data={layers.boundary}>
          <Layer {...v(styles.boundaryFill, visibility.boundary)} />
          <Layer {...v(styles.boundaryCasing, visibility.boundary)} />
          <Layer {...v(styles.boundaryLine, visibility.boundary)} />
        </DataSource>
      )}
      {layers.parks && (
        <DataSource layer="parks" data={layers.parks}>
          <Layer {...v(styles.parksFill, visibility.parks)} />
          <Layer {...v(styles.parksLine, visibility.parks)} />
        </DataSource>
      )}
      {layers.zones && (
        <DataSource layer="zones" data={layers.zones}>
          <Layer {...v(styles.zonesFill, visibility.zones, zonesKept)} />
        </DataSource>
      )}
      {tiled.newland && <TiledLayer layer="newland" visible={visibility.newland} />}
      {layers.newland && (
        <DataSource layer="newland" data={layers.newland}>
          <FilterableLayers
            layers={[styles.newlandFill, styles.newlandLine]}
            visible={visibility.newland}
            view={newlandView}
          />
          <KeptStates source="newland" view={newlandView} />
        </DataSource>
      )}
      {tiled.plots && <TiledLayer layer="plots" visible={visibility.plots} />}
      {layers.plots && (
        <DataSource layer="plots" data={layers.plots}>
          <FilterableLayers
            layers={[plotsFill, styles.plotsLine]}
            visible={visibility.plots}
            view={plotsView}
          />
          <KeptStates source="plots" view={plotsView} />
        </DataSource>
      )}
      {tiled.projects && <TiledLayer layer="projects" visible={visibility.projects} />}
      {layers.projects && (
        <DataSource layer="projects" data={layers.projects}>
          <FilterableLayers
            layers={[projects.fill, projects.line, projects.circle, styles.projectsLabel]}
            visible={visibility.projects}
            view={projectsView}
          />
          <KeptStates source="projects" view={projectsView} />
        </DataSource>
      )}
      {layers.zones && <Layer {...v(styles.zonesLine, visibility.zones, zonesKept)} />}
      {layers.zones && <Layer {...v(styles.zonesLabel, visibility.zones, zonesKept)} />}
      {plotLabels && (
        <Source id="plots-labels" type="geojson" data={plotLabels}>
          <Layer {...v(styles.plotsLabel, visibility.plots, plotLabelsKept)} />
        </Source>
      )}
      {parkLabels && (
        <Source id="parks-labels" type="geojson" data={parkLabels}>
          <Layer {...v(styles.parksLabel, visibility.parks)} />
        </Source>
      )}
    </>
  );
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

export function SelectionLayers() {
  const selected = useSelectedFeature();
  const data: FeatureCollection = selected
    ? { type: 'FeatureCollection', features: [selected.feature] }
    : EMPTY;
  return (
    <Source id="selection" type="geojson" data={data}>
      <Layer {...styles.selectionCasing} />
      <Layer {...styles.selectionLine} />
      <Layer {...styles.selectionPoint} />
    </Source>
  );
}
