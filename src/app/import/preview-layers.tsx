// The import's preview on the map: the file's features as read (lon/lat), drawn over every layer in
// magenta with a dashed outline — a colour no layer uses — and the map fitted to them in the part the
// import panel leaves free. Nothing here is saved: the source goes when the panel closes or commits.
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import { Layer, type LayerProps, Source, useMap } from 'react-map-gl/maplibre';
import { boundsOf } from '../map/camera.ts';
import { useAtlas } from '../state/store.ts';
import { IMPORT_PANEL_ID } from './ids.ts';

const PREVIEW_COLOUR = '#c2185b';

const previewFill: LayerProps = {
  id: 'import-preview-fill',
  type: 'fill',
  filter: ['!=', ['geometry-type'], 'Point'],
  paint: { 'fill-color': PREVIEW_COLOUR, 'fill-opacity': 0.25 },
};
const previewLine: LayerProps = {
  id: 'import-preview-line',
  type: 'line',
  filter: ['!=', ['geometry-type'], 'Point'],
  paint: { 'line-color': PREVIEW_COLOUR, 'line-width': 2.5, 'line-dasharray': [2, 1] },
};
const previewPoint: LayerProps = {
  id: 'import-preview-point',
  type: 'circle',
  filter: ['==', ['geometry-type'], 'Point'],
  paint: {
    'circle-color': PREVIEW_COLOUR,
    'circle-radius': 6,
    'circle-stroke-color': '#ffffff',
    'circle-stroke-width': 2,
  },
};

/** The map's padding for what the import panel covers: its width on the right, or its height below. */
function panelPadding(map: MapLibreMap) {
  const padding = { top: 48, bottom: 48, left: 48, right: 48 };
  const panel = document.getElementById(IMPORT_PANEL_ID);
  if (!panel) return padding;
  const mapBox = map.getContainer().getBoundingClientRect();
  const box = panel.getBoundingClientRect();
  const width = Math.max(0, Math.min(mapBox.right, box.right) - Math.max(mapBox.left, box.left));
  const height = Math.max(0, Math.min(mapBox.bottom, box.bottom) - Math.max(mapBox.top, box.top));
  // The panel spans the map's height on a desktop (a side panel), its width on a tablet (below).
  if (height >= mapBox.height * 0.9) padding.right += width;
  else padding.bottom += height;
  padding.right = Math.min(padding.right, mapBox.width - 120);
  padding.bottom = Math.min(padding.bottom, mapBox.height - 120);
  return padding;
}

export function ImportPreviewLayers() {
  const { current } = useMap();
  const preview = useAtlas((state) => state.importPreview);

  useEffect(() => {
    const map = current?.getMap();
    if (!map || !preview || preview.features.length === 0) return;
    map.fitBounds(boundsOf(preview), { padding: panelPadding(map), maxZoom: 17, duration: 0 });
  }, [current, preview]);

  if (!preview) return null;
  return (
    <Source id="import-preview" type="geojson" data={preview as FeatureCollection}>
      <Layer {...previewFill} />
      <Layer {...previewLine} />
      <Layer {...previewPoint} />
    </Source>
  );
}
