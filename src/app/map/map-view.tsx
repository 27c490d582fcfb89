// The map: react-map-gl over MapLibre 6 with a self-hosted worker, the offline style, our layers, the
// view in the URL hash (`#zoom/lat/lon`), and click/tap picking (points first, then the smallest area).
// Loaded apart from the first script (src/app/shell/lazy.tsx): this module brings MapLibre; its CSS comes
// with the page (src/main.tsx).
import type { Feature } from 'geojson';
import * as maplibregl from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import MapGL, {
  type MapGeoJSONFeature,
  type MapLayerMouseEvent,
  type MapRef,
  NavigationControl,
} from 'react-map-gl/maplibre';
import { featureId } from '../../domain/feature-id.ts';
import { isTileable } from '../../domain/layers.ts';
import { geometryAreaM2 } from '../../geo/area.ts';
import { MAPLIBRE_LOCALE_ZH, t } from '../i18n/i18n.ts';
import type { DataLayerId } from '../state/layer-data.ts';
import { selectFeatureById } from '../state/select-by-id.ts';
import { useAtlas } from '../state/store.ts';
import {
  boundsOf,
  chooseView,
  focusFeature,
  HESHAN_BOUNDS,
  linkedFeature,
  TABLET_QUERY,
  viewWasChosen,
} from './camera.ts';
import { hiddenByFilter } from './kept-filter.ts';
import { LocateControl, PositionLayers, WhereBanner } from './locate.tsx';
import { type PickCandidate, pickSmallest } from './picking.ts';
import { metresPerPixel } from './scale.ts';
import { BasemapLayers, DataLayers, SelectionLayers, StagedDataLayers } from './sources.tsx';
import { BASE_STYLE, PICKABLE_LAYERS, POINT_LAYERS } from './styles.ts';

maplibregl.setWorkerUrl(workerUrl);

const MAP_ID = 'main';

/** How far (CSS px) from a project point a tap still picks it: fingers are wider than cursors. */
const POINT_TOLERANCE_PX = 12;

const LAYER_OF_STYLE_LAYER = new Map<string, DataLayerId>(
  Object.entries(PICKABLE_LAYERS).flatMap(([layer, ids]) =>
    ids.map((id) => [id, layer as DataLayerId] as const),
  ),
);

const isDotsLayer = (id: string) => id.endsWith('-dots');

/**
 * Whether a feature the map found under the pointer is shown: what the table's filter hid is still in
 * its faded layers (kept-filter.ts), and a click or a hover passes through it.
 */
function shown(feature: MapGeoJSONFeature): boolean {
  const { tableView } = useAtlas.getState();
  return !hiddenByFilter(tableView, LAYER_OF_STYLE_LAYER.get(feature.layer.id), feature.state);
}

export interface MapViewProps {
  /** Layers and controls a feature draws on the map (analysis results, the zone tools): the shell passes them. */
  children?: ReactNode;
  /** True while a click belongs to something else (a zone tool in use), not to the inspector. */
  clicksTaken?: () => boolean;
  /** Called with the map once it has loaded (the shell hands it to the test hook). */
  onMapLoad?: (map: maplibregl.Map) => void;
}

export function MapView({ children, clicksTaken, onMapLoad }: MapViewProps) {
  const mapRef = useRef<MapRef>(null);
  const hadHash = useRef(/^#\d/.test(window.location.hash));
  const lang = useAtlas((state) => state.lang);
  const layers = useAtlas((state) => state.layers);
  const tiled = useAtlas((state) => state.tiled);
  const visibility = useAtlas((state) => state.visibility);
  const [hovering, setHovering] = useState(false);
  const [mapLoaded, setMapLoaded] = useState(false);

  const interactiveLayerIds = useMemo(
    () =>
      (Object.entries(PICKABLE_LAYERS) as [DataLayerId, readonly string[]][]).flatMap(([layer, ids]) => {
        if (!visibility[layer]) return [];
        if (layers[layer]) return ids.filter((id) => !isDotsLayer(id));
        // The dots are drawn only from tiles (the parcels too small to draw there).
        return isTileable(layer) && tiled[layer] ? ids : [];
      }),
    [layers, tiled, visibility],
  );

  const updateView = useCallback(() => {
    const map = mapRef.current;
    if (!map) return;
    const centre = map.getCenter();
    useAtlas.getState().setView([centre.lng, centre.lat], metresPerPixel(centre.lat, map.getZoom()));
  }, []);

  // Open on the city: fit the boundary once it has loaded, unless the link carried a view.
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !mapLoaded || hadHash.current || !layers.boundary) return;
    hadHash.current = true;
    // A search, a link or a hand got there first (the map or the boundary came late): theirs stands.
    if (viewWasChosen()) return;
    map.fitBounds(boundsOf(layers.boundary.collection), { padding: 24, duration: 0 });
  }, [layers.boundary, mapLoaded]);

  // A link to one feature (`?feature=plots/HS-DX-0001`): selected as soon as the layers are known (a
  // tiled one is fetched by id at once, the map need not be up for the inspector to show it), and the
  // map put on it, without a flight, once the map has loaded.
  const loading = useAtlas((state) => state.loading);
  const linkFollowed = useRef(false);
  const [linkTarget, setLinkTarget] = useState<Feature | null>(null);
  useEffect(() => {
    if (loading || linkFollowed.current) return;
    linkFollowed.current = true;
    const linked = linkedFeature(window.location.search);
    if (!linked) return;
    chooseView();
    useAtlas.getState().setVisible(linked.layer, true);
    void selectFeatureById(linked.layer, linked.id).then((feature) => {
      const { selection } = useAtlas.getState();
      // Only while it is still the selection (the person may have picked another meanwhile).
      if (
        feature &&
        selection.kind === 'feature' &&
        selection.layer === linked.layer &&
        selection.id === linked.id
      )
        setLinkTarget(feature);
    });
  }, [loading]);
  useEffect(() => {
    const map = mapRef.current;
    if (!map || !mapLoaded || !linkTarget) return;
    setLinkTarget(null);
    focusFeature(map, linkTarget, { instant: true });
  }, [mapLoaded, linkTarget]);

  const onClick = useCallback(
    (event: MapLayerMouseEvent) => {
      const map = mapRef.current;
      if (!map) return;
      // A click while a zone tool is in use belongs to the drawing, not to the inspector.
      if (clicksTaken?.()) return;
      const { x, y } = event.point;
      const atPoint = map.queryRenderedFeatures([x, y], { layers: interactiveLayerIds }).filter(shown);
      // A density point (several small parcels of a tiled layer as one dot, no id) under the finger, and
      // no single point: zoom in there, two levels, to tell them apart (what lies under it can wait).
      const dense = atPoint.find((feature) => feature.properties?.count !== undefined);
      const single = atPoint.some(
        (feature) => feature.geometry.type === 'Point' && featureId(feature) !== null,
      );
      if (dense?.geometry.type === 'Point' && !single) {
        const [lng, lat] = dense.geometry.coordinates as [number, number];
        map.easeTo({ center: [lng, lat], zoom: Math.min(map.getZoom() + 2, 16) });
        return;
      }
      const pointLayers = interactiveLayerIds.filter((id) => POINT_LAYERS.includes(id));
      const nearPoints =
        pointLayers.length > 0
          ? map
              .queryRenderedFeatures(
                [
                  [x - POINT_TOLERANCE_PX, y - POINT_TOLERANCE_PX],
                  [x + POINT_TOLERANCE_PX, y + POINT_TOLERANCE_PX],
                ],
                { layers: pointLayers },
              )
              .filter(shown)
          : [];
      const { layers: data, clearSelection } = useAtlas.getState();
      const candidates: PickCandidate[] = [];
      for (const feature of [...atPoint, ...nearPoints]) {
        const layer = LAYER_OF_STYLE_LAYER.get(feature.layer.id);
        const id = featureId(feature);
        if (!layer || id === null) continue;
        const loaded = data[layer];
        if (loaded) {
          const original = loaded.byId.get(id);
          if (!original) continue;
          candidates.push({
            layer,
            id,
            isPoint: original.geometry?.type === 'Point',
            areaM2: loaded.areaM2.get(id) ?? 0,
          });
        } else {
          // A tiled layer: what the tile drew (a dot counts as a point; an outline's area as drawn, cut
          // at the tile's edge, is enough to rank it against what it lies in).
          const isPoint = feature.geometry.type === 'Point';
          candidates.push({ layer, id, isPoint, areaM2: isPoint ? 0 : geometryAreaM2(feature.geometry) });
        }
      }
      const picked = pickSmallest(candidates);
      if (!picked) {
        clearSelection();
        return;
      }
      void selectFeatureById(picked.layer, picked.id);
      // On a tablet the inspector is a bottom sheet: bring what was tapped up into the free upper part.
      const canvas = map.getCanvas();
      if (matchMedia(TABLET_QUERY).matches && y > canvas.clientHeight * 0.4) {
        map.easeTo({
          center: map.unproject([
            canvas.clientWidth / 2,
            canvas.clientHeight / 2 + (y - canvas.clientHeight * 0.25),
          ]),
          duration: matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 400,
        });
      }
    },
    [interactiveLayerIds, clicksTaken],
  );

  return (
    <section className="map" aria-label={t(lang, 'map')}>
      <MapGL
        id={MAP_ID}
        ref={mapRef}
        mapLib={maplibregl}
        mapStyle={BASE_STYLE}
        initialViewState={{ bounds: HESHAN_BOUNDS, fitBoundsOptions: { padding: 24 } }}
        hash
        // A label that appears or goes (a filter, an edit) does so in the next frame, as the features do
        // (BASE_STYLE's transition is 0): MapLibre's default 300 ms fade repaints the whole map for every
        // frame of it, and under software WebGL a frame of a county at zoom 14 takes 100–300 ms.
        fadeDuration={0}
        dragRotate={false}
        pitchWithRotate={false}
        touchPitch={false}
        attributionControl={{ compact: true }}
        locale={lang === 'zh' ? MAPLIBRE_LOCALE_ZH : {}}
        interactiveLayerIds={interactiveLayerIds}
        cursor={hovering ? 'pointer' : 'grab'}
        onMouseEnter={(event) => setHovering((event.features ?? []).some(shown))}
        onMouseLeave={() => setHovering(false)}
        onMouseMove={(event) => useAtlas.getState().setPointer([event.lngLat.lng, event.lngLat.lat])}
        onMouseOut={() => useAtlas.getState().setPointer(null)}
        onMove={updateView}
        onDragStart={() => chooseView()}
        onZoomStart={(event) => {
          // A pinch or the wheel is the person's choice; a zoom the code makes is not.
          if (event.originalEvent) chooseView();
        }}
        onLoad={(event) => {
          onMapLoad?.(event.target);
          setMapLoaded(true);
          updateView();
        }}
        onClick={onClick}
        style={{ width: '100%', height: '100%' }}
      >
        <NavigationControl position="top-right" showCompass={false} />
        <BasemapLayers />
        <StagedDataLayers />
        <DataLayers />
        <SelectionLayers />
        <PositionLayers />
        {children}
        <LocateControl />
      </MapGL>
      <WhereBanner />
    </section>
  );
}
