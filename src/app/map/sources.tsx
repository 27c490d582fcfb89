// The map's sources and layers: the basemap (online, only when chosen), our data layers in drawing
// order, and the selection highlight on top. Visibility is a layout property so the order holds.
import type { FeatureCollection } from 'geojson';

import { Layer, type LayerProps, Source } from 'react-map-gl/maplibre';
import { basemapSources } from '../../domain/basemaps.ts';
import { useAtlas, useSelectedFeature } from '../state/store.ts';
import * as styles from './styles.ts';

function withVisibility(layer: LayerProps, visible: boolean): LayerProps {
  if (layer.type === 'custom') return layer;
  return {
    ...layer,
    layout: { ...(layer.layout ?? {}), visibility: visible ? 'visible' : 'none' },
    beforeId: styles.ANCHOR_DATA,
  } as LayerProps;
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

export function DataLayers() {
  const layers = useAtlas((state) => state.layers);
  const visibility = useAtlas((state) => state.visibility);
  const colourMode = useAtlas((state) => state.plotColourMode);
  const plotsFill = colourMode === 'grade' ? styles.plotsFillByGrade : styles.plotsFillByStatus;
  const parkLabels = useAtlas((state) => state.derived.parkLabels);
  const v = (layer: LayerProps, visible: boolean) => withVisibility(layer, visible);
  return (
    <>
      {layers.boundary && (
        <Source id="boundary" type="geojson" data={layers.boundary.collection} promoteId="id">
          <Layer {...v(styles.boundaryFill, visibility.boundary)} />
          <Layer {...v(styles.boundaryCasing, visibility.boundary)} />
          <Layer {...v(styles.boundaryLine, visibility.boundary)} />
        </Source>
      )}
      {layers.parks && (
        <Source id="parks" type="geojson" data={layers.parks.collection} promoteId="id">
          <Layer {...v(styles.parksFill, visibility.parks)} />
          <Layer {...v(styles.parksLine, visibility.parks)} />
        </Source>
      )}
      {layers.newland && (
        <Source id="newland" type="geojson" data={layers.newland.collection} promoteId="id">
          <Layer {...v(styles.newlandFill, visibility.newland)} />
          <Layer {...v(styles.newlandLine, visibility.newland)} />
        </Source>
      )}
      {layers.plots && (
        <Source id="plots" type="geojson" data={layers.plots.collection} promoteId="id">
          <Layer {...v(plotsFill, visibility.plots)} />
          <Layer {...v(styles.plotsLine, visibility.plots)} />
          <Layer {...v(styles.plotsLabel, visibility.plots)} />
        </Source>
      )}
      {layers.projects && (
        <Source id="projects" type="geojson" data={layers.projects.collection} promoteId="id">
          <Layer {...v(styles.projectsFill, visibility.projects)} />
          <Layer {...v(styles.projectsLine, visibility.projects)} />
          <Layer {...v(styles.projectsCircle, visibility.projects)} />
          <Layer {...v(styles.projectsLabel, visibility.projects)} />
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
