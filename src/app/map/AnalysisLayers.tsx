// The overlap chosen in the analysis panel, drawn above the plots in a warning colour (yellow under red
// hatching, a bold red outline on a black casing) until cleared, and the camera fitted to it, clear of
// the panel. The geometry comes from the worker through the analysis store.
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { Layer, type LayerProps, Source, useMap } from 'react-map-gl/maplibre';
import { ANALYSIS_PANEL_ID, useAnalysis } from '../analysis/store.ts';

export const ANALYSIS_OVERLAP_SOURCE = 'analysis-overlap';
const HATCH_IMAGE = 'analysis-hatch';
export const WARNING_COLOUR = '#d50000';

const overlapFill: LayerProps = {
  id: 'analysis-overlap-fill',
  type: 'fill',
  paint: { 'fill-color': '#ffd600', 'fill-opacity': 0.75 },
};
const overlapHatch: LayerProps = {
  id: 'analysis-overlap-hatch',
  type: 'fill',
  paint: { 'fill-pattern': HATCH_IMAGE },
};
const overlapCasing: LayerProps = {
  id: 'analysis-overlap-casing',
  type: 'line',
  paint: { 'line-color': '#000000', 'line-width': 7 },
};
const overlapLine: LayerProps = {
  id: 'analysis-overlap-line',
  type: 'line',
  paint: { 'line-color': WARNING_COLOUR, 'line-width': 4 },
};

/** 16×16 px of red diagonal stripes on transparency, for fill-pattern. */
function hatchImage(): { width: number; height: number; data: Uint8Array } {
  const size = 16;
  const data = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      if ((x + y) % 8 >= 3) continue;
      const i = (y * size + x) * 4;
      data[i] = 0xd5;
      data[i + 3] = 255;
    }
  }
  return { width: size, height: size, data };
}

const EMPTY: FeatureCollection = { type: 'FeatureCollection', features: [] };

/** Pixels of the map the analysis panel covers on the right. */
function panelCover(map: MapLibreMap): number {
  const panel = document.getElementById(ANALYSIS_PANEL_ID);
  if (!panel) return 0;
  const mapBox = map.getContainer().getBoundingClientRect();
  const panelBox = panel.getBoundingClientRect();
  return Math.max(0, Math.min(mapBox.right, panelBox.right) - Math.max(mapBox.left, panelBox.left));
}

export function AnalysisLayers() {
  const { current } = useMap();
  const highlight = useAnalysis((state) => state.highlight);
  const [hatchReady, setHatchReady] = useState(false);
  const shape = highlight?.shape ?? null;

  useEffect(() => {
    const map = current?.getMap();
    if (!map) return;
    if (!map.hasImage(HATCH_IMAGE)) map.addImage(HATCH_IMAGE, hatchImage());
    setHatchReady(true);
  }, [current]);

  useEffect(() => {
    const map = current?.getMap();
    if (!map || !shape) return;
    const [west, south, east, north] = shape.bbox;
    const cover = panelCover(map);
    const free = map.getContainer().clientWidth - cover;
    const side = Math.max(20, Math.min(80, free / 6));
    map.fitBounds(
      [
        [west, south],
        [east, north],
      ],
      {
        padding: { top: 80, bottom: 80, left: side, right: cover + side },
        maxZoom: 18,
        duration: matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 700,
      },
    );
  }, [current, shape]);

  if (!hatchReady) return null;
  const data: FeatureCollection = shape ? { type: 'FeatureCollection', features: [shape.feature] } : EMPTY;
  return (
    <Source id={ANALYSIS_OVERLAP_SOURCE} type="geojson" data={data}>
      <Layer {...overlapFill} />
      <Layer {...overlapHatch} />
      <Layer {...overlapCasing} />
      <Layer {...overlapLine} />
    </Source>
  );
}
