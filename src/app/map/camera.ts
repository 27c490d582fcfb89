// Camera moves the panels ask for: fit a feature (search result) or the city boundary; show a feature
// known by its id only (a search answer from the server, a link), of a loaded or a tiled layer.
import { bbox } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import type { MapRef } from 'react-map-gl/maplibre';
import { DATA_LAYERS, type DataLayerId } from '../state/layer-data.ts';
import { selectFeatureById } from '../state/select-by-id.ts';
import { useAtlas } from '../state/store.ts';

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

/**
 * Selects a feature by id (fetched when its layer is tiled), shows its layer and flies to it; resolves
 * false when it could not be had (the inspector then says why).
 */
export async function showFeatureById(map: MapRef, layer: DataLayerId, id: string): Promise<boolean> {
  useAtlas.getState().setVisible(layer, true);
  const feature = await selectFeatureById(layer, id);
  const { selection } = useAtlas.getState();
  // Flown to only while it is still the selection (the person may have picked another meanwhile).
  if (!feature || selection.kind !== 'feature' || selection.layer !== layer || selection.id !== id)
    return false;
  focusFeature(map, feature);
  return true;
}

/** The feature a link names (`?feature=plots/HS-DX-0001`), or null. */
export function linkedFeature(search: string): { layer: DataLayerId; id: string } | null {
  const value = new URLSearchParams(search).get('feature');
  const slash = value?.indexOf('/') ?? -1;
  if (!value || slash < 1 || slash === value.length - 1) return null;
  const layer = value.slice(0, slash);
  if (!(DATA_LAYERS as readonly string[]).includes(layer)) return null;
  return { layer: layer as DataLayerId, id: value.slice(slash + 1) };
}
