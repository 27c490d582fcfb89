// Camera moves the panels ask for: fit a feature (search result) or the city boundary.
import { bbox } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import type { MapRef } from 'react-map-gl/maplibre';

/** Heshan's extent (about 112.5–113.1°E, 22.45–22.9°N): the view before the boundary has loaded. */
export const HESHAN_BOUNDS: [[number, number], [number, number]] = [
  [112.48, 22.45],
  [113.1, 22.92],
];

export function boundsOf(geojson: Feature | FeatureCollection): [[number, number], [number, number]] {
  const [west, south, east, north] = bbox(geojson) as [number, number, number, number];
  return [
    [west, south],
    [east, north],
  ];
}

/** The breakpoint where the panels fold into a drawer and a bottom sheet (app.css). */
export const TABLET_QUERY = '(max-width: 1024px)';

function reducedMotion(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Flies to a feature: a point to zoom 16, an area fitted with room for the panels. */
export function focusFeature(map: MapRef, feature: Feature): void {
  const duration = reducedMotion() ? 0 : 800;
  if (feature.geometry?.type === 'Point') {
    const [lng, lat] = feature.geometry.coordinates as [number, number];
    const sheet = matchMedia(TABLET_QUERY).matches ? map.getContainer().clientHeight * 0.275 : 0;
    map.flyTo({ center: [lng, lat], zoom: Math.max(map.getZoom(), 16), offset: [0, -sheet], duration });
    return;
  }
  // Leave room for the bottom sheet on a tablet.
  const sheet = matchMedia(TABLET_QUERY).matches ? map.getContainer().clientHeight * 0.55 : 0;
  map.fitBounds(boundsOf(feature), {
    padding: { top: 60, left: 60, right: 60, bottom: 60 + sheet },
    maxZoom: 17,
    duration,
  });
}
