// The overlap chosen in the analysis panel, drawn above the plots in a warning colour (yellow under red
// hatching, a bold red outline on a black casing) until cleared, and the camera fitted to it, clear of
// the panel. The geometry comes from the worker through the store's analysis slice.
import type { FeatureCollection } from 'geojson';
import type { Map as MapLibreMap } from 'maplibre-gl';
import { useEffect, useState } from 'react';
import { Layer, type LayerProps, Source, useMap } from 'react-map-gl/maplibre';
import { formatArea } from '../i18n/format.ts';
import { LABEL_FONT } from '../map/styles.ts';
import { useAtlas } from '../state/store.ts';
import { ta } from './i18n.ts';
import { ANALYSIS_PANEL_ID } from './ids.ts';

const ANALYSIS_OVERLAP_SOURCE = 'analysis-overlap';
const HATCH_IMAGE = 'analysis-hatch';
const WARNING_COLOUR = '#d50000';

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
const overlapLabel: LayerProps = {
  id: 'analysis-overlap-label',
  type: 'symbol',
  layout: {
    'text-field': ['get', 'label'],
    'text-font': LABEL_FONT,
    'text-size': 14,
    'text-max-width': 14,
    'text-allow-overlap': true,
  },
  paint: { 'text-color': '#000000', 'text-halo-color': '#ffffff', 'text-halo-width': 2.5 },
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
  const highlight = useAtlas((state) => state.analysis.highlight);
  const lang = useAtlas((state) => state.lang);
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
  // The two ids and the overlap in 亩 on the shape itself, over the plots' own labels it hides.
  const data: FeatureCollection =
    shape && highlight
      ? {
          type: 'FeatureCollection',
          features: [
            {
              ...shape.feature,
              properties: {
                ...shape.feature.properties,
                label: `${highlight.a} × ${highlight.b}\n${ta(lang, 'overlapWord')} ${formatArea(highlight.m2, lang).mu}`,
              },
            },
          ],
        }
      : EMPTY;
  return (
    <Source id={ANALYSIS_OVERLAP_SOURCE} type="geojson" data={data}>
      <Layer {...overlapFill} />
      <Layer {...overlapHatch} />
      <Layer {...overlapCasing} />
      <Layer {...overlapLine} />
      <Layer {...overlapLabel} />
    </Source>
  );
}
