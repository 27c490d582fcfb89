// A search match in a layer served as tiles (the app does not hold the feature): select it by id and fly
// to the box the server sent with the match at once. Selecting a feature of a tiled layer makes the store
// fetch it (state/select-by-id.ts) for the inspector and the highlight; the flight does not wait for it.
import { bboxPolygon, point } from '@turf/turf';
import type { Feature } from 'geojson';
import type { MapRef } from 'react-map-gl/maplibre';
import { focusFeature } from '../map/camera.ts';
import type { DataLayerId } from '../state/layer-data.ts';
import { selectFeature } from '../state/selection.ts';
import { useAtlas } from '../state/store.ts';

export function selectTiledFeature(
  layer: DataLayerId,
  id: string,
  bbox: [number, number, number, number] | null,
  map: MapRef | undefined,
): void {
  const state = useAtlas.getState();
  state.setVisible(layer, true);
  state.select(selectFeature(layer, id));
  if (!map || !bbox) return;
  const [west, south, east, north] = bbox;
  // A point's box is a point: fly to it (a polygon of no area has no bounds to fit).
  const box: Feature = west === east && south === north ? point([west, south]) : bboxPolygon(bbox);
  focusFeature(map, box);
}
