// Camera moves the panels ask for: fit a feature (search result) or the city boundary; show a feature
// known by its id only (a search answer from the server, a link), of a loaded or a tiled layer.
import { bbox } from '@turf/turf';
import type { Feature, FeatureCollection } from 'geojson';
import type { MapRef } from 'react-map-gl/maplibre';
import { sheetHeightPx } from '../state/field-slice.ts';
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

/** Room (CSS px) kept between what is fitted and the edge of the free map area. */
const FIT_MARGIN_PX = 48;
/** The least height (CSS px) of map left to fit a feature into. */
const MIN_FREE_PX = 120;

/**
 * MapLibre's padding for the part of the map no panel covers: the position banner at the top; on a
 * tablet the bottom sheet (at the height it stands at, or will once a selection shows it).
 */
export function freeMapPadding(map: MapRef): { top: number; bottom: number; left: number; right: number } {
  const padding = { top: FIT_MARGIN_PX, bottom: FIT_MARGIN_PX, left: FIT_MARGIN_PX, right: FIT_MARGIN_PX };
  // The "where am I" banner across the top of the map, while it shows.
  const container = map.getContainer();
  const banner = container.closest('.map')?.querySelector('.where-banner');
  if (banner) {
    const below = banner.getBoundingClientRect().bottom - container.getBoundingClientRect().top;
    padding.top = Math.max(padding.top, Math.round(below) + FIT_MARGIN_PX / 4);
  }
  // The data table over the map: on a desktop along the bottom, on a tablet along the top.
  const table = container.closest('.workspace')?.querySelector('.table-panel');
  const tablet = matchMedia(TABLET_QUERY).matches;
  if (table) {
    const box = table.getBoundingClientRect();
    const mapBox = container.getBoundingClientRect();
    if (tablet) padding.top = Math.max(padding.top, Math.round(box.bottom - mapBox.top) + FIT_MARGIN_PX / 4);
    else padding.bottom = Math.max(padding.bottom, Math.round(mapBox.bottom - box.top) + FIT_MARGIN_PX / 4);
  }
  if (!tablet) return padding;
  const height = container.clientHeight;
  const sheet = sheetHeightPx(useAtlas.getState().sheetSnap, height);
  // Some map is always left to fit into, even in a very short window (MapLibre cannot fit into none).
  padding.bottom = Math.max(0, Math.min(sheet + FIT_MARGIN_PX / 2, height - padding.top - MIN_FREE_PX));
  return padding;
}

// Once a view has been asked for (a search, a link, a hand on the map, the locate control), the opening
// fit to the city must not undo it, however late the boundary or the map's load comes.
let viewChosen = false;

/** Says a view was chosen (by a search, a link, the person's hand): the opening fit is skipped. */
export function chooseView(): void {
  viewChosen = true;
}

/** True once a view was chosen (see chooseView). */
export function viewWasChosen(): boolean {
  return viewChosen;
}

/**
 * Flies to a feature: a point to zoom 16, an area fitted into the part of the map the panels leave free.
 * `instant`: jumps there (a page opened at a link has nothing on screen worth flying from).
 */
export function focusFeature(map: MapRef, feature: Feature, { instant = false } = {}): void {
  const state = useAtlas.getState();
  // A feature chosen while the sheet covers the map: the sheet comes down to half, showing both.
  if (matchMedia(TABLET_QUERY).matches && state.sheetSnap === 'full') state.setSheetSnap('half');
  if (feature.geometry?.type === 'Point') {
    chooseView();
    const duration = instant || reducedMotion() ? 0 : 800;
    const padding = freeMapPadding(map);
    const [lng, lat] = feature.geometry.coordinates as [number, number];
    // An offset, not padding: padding given to flyTo would stay on the map for every later move.
    const offset: [number, number] = [(padding.left - padding.right) / 2, (padding.top - padding.bottom) / 2];
    map.flyTo({ center: [lng, lat], zoom: Math.max(map.getZoom(), 16), offset, duration });
    return;
  }
  fitArea(map, boundsOf(feature), { instant });
}

/**
 * Fits the map to bounds (south-west, north-east) in the part of it no panel covers, to zoom 17 at
 * most: a feature's area, or all a table's filter keeps. `instant`: jumps there.
 */
export function fitArea(
  map: MapRef,
  bounds: [[number, number], [number, number]],
  { instant = false } = {},
): void {
  chooseView();
  map.fitBounds(bounds, {
    padding: freeMapPadding(map),
    maxZoom: 17,
    duration: instant || reducedMotion() ? 0 : 800,
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
