// The region of a tiled layer the zone tools hold (issue 10): when plots or new land come as vector
// tiles the browser has no whole layer, so the zone readout and the snapping fetch the features of
// the region being drawn (GET /api/layers/:layer/features?bbox=…). Which box to fetch next, whether a
// readout's figures are complete, which fetched features are new: decided here, pure.
//
// A zone's overlaps are exact when every plot whose box meets the zone's box was fetched, that is when
// the zone's box lies inside one box fetched whole (the server sends every feature whose box meets it).

import type { Feature, Geometry, Polygon } from 'geojson';
import { featureId } from '../domain/feature-id.ts';
import type { Box } from './box.ts';

export type { Box };

/** A box asked for, and whether the answer held every feature in it (not truncated). */
export interface FetchedBox {
  box: Box;
  complete: boolean;
}

/** The box of the polygon's outer ring, or null without positions. */
export function polygonBox(polygon: Polygon): Box | null {
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const [x, y] of polygon.coordinates[0] ?? []) {
    if (x === undefined || y === undefined) continue;
    west = Math.min(west, x);
    east = Math.max(east, x);
    south = Math.min(south, y);
    north = Math.max(north, y);
  }
  return west <= east && south <= north ? [west, south, east, north] : null;
}

/** Whether `inner` lies inside `outer` (edges may touch). */
function containsBox(outer: Box, inner: Box): boolean {
  return outer[0] <= inner[0] && outer[1] <= inner[1] && outer[2] >= inner[2] && outer[3] >= inner[3];
}

function unionBox(a: Box, b: Box): Box {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/**
 * The box `factor` times as wide and as tall about the same centre (a box of one point grows by
 * `minimum` degrees on each side), clamped to longitudes ±180 and latitudes ±90.
 */
function padBox(box: Box, factor = 2, minimum = 0.0005): Box {
  const halfWidth = Math.max(((box[2] - box[0]) * factor) / 2, minimum);
  const halfHeight = Math.max(((box[3] - box[1]) * factor) / 2, minimum);
  const x = (box[0] + box[2]) / 2;
  const y = (box[1] + box[3]) / 2;
  return [
    Math.max(-180, x - halfWidth),
    Math.max(-90, y - halfHeight),
    Math.min(180, x + halfWidth),
    Math.min(90, y + halfHeight),
  ];
}

/** Whether the features in `box` are all held: it lies inside a box fetched whole. */
export function isCovered(fetched: readonly FetchedBox[], box: Box): boolean {
  return fetched.some((entry) => entry.complete && containsBox(entry.box, box));
}

/**
 * The box to fetch so that `box` (the outline's, or the view's when drawing starts) is covered, or
 * null when nothing is to be fetched: it is covered already, or every box that would cover it holds
 * more than one answer may (a box inside it came back truncated: it would too).
 * First choice: the view and the box together, doubled (room to draw on, and snapping targets around
 * the pointer); when that is known too dense, the box alone, doubled.
 */
export function planRegionFetch(fetched: readonly FetchedBox[], box: Box, view: Box | null): Box | null {
  if (isCovered(fetched, box)) return null;
  const tooDense = (target: Box) =>
    fetched.some((entry) => !entry.complete && containsBox(target, entry.box));
  const candidates = view ? [padBox(unionBox(box, view)), padBox(box)] : [padBox(box)];
  return candidates.find((target) => !tooDense(target)) ?? null;
}

type AnyFeature = Feature<Geometry | null>;

/**
 * The fetched features to add to what is held: those with an id not held yet, or a newer version of
 * one held (`held` maps id → version and is updated). A feature without an id is skipped.
 */
export function freshFeatures<F extends AnyFeature>(held: Map<string, number>, incoming: readonly F[]): F[] {
  const fresh: F[] = [];
  for (const feature of incoming) {
    const id = featureId(feature);
    if (id === null) continue;
    const version = Number(feature.properties?.version ?? 0);
    const known = held.get(id);
    if (known !== undefined && known >= version) continue;
    held.set(id, version);
    fresh.push(feature);
  }
  return fresh;
}
