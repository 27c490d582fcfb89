// Whether an outline may become a zone: no self-intersection (src/geo/kinks.ts) and, once finished, at
// least MIN_ZONE_AREA_M2 (0.1 亩). Reasons are codes; the UI words them (src/app/zones/panel/i18n.ts).
import type { Polygon, Position } from 'geojson';
import { MIN_ZONE_AREA_M2 } from '../domain/zone.ts';
import { geometryAreaM2 } from './area.ts';
import { findRingContacts } from './kinks.ts';
import { withoutRepeats } from './validate-geometry.ts';

/** `slip`: the outline is tiny on the screen it was drawn on (judged by the drawing tool, in pixels). */
export type ZoneRefusal = 'self-intersecting' | 'too-small' | 'too-few-vertices' | 'slip';

export interface ZoneCheck {
  valid: boolean;
  reason: ZoneRefusal | null;
}

function distinctVertices(ring: readonly Position[]): number {
  const seen = new Set<string>();
  for (const position of ring) seen.add(`${position[0]},${position[1]}`);
  return seen.size;
}

/**
 * `finished`: the outline is complete (its area counts); while drawing only crossings are refused, since
 * every outline starts small.
 */
export function checkZoneOutline(input: Polygon, finished: boolean): ZoneCheck {
  // A drawing tool repeats the vertex under the pointer while an outline grows: not a crossing.
  const polygon: Polygon = {
    type: 'Polygon',
    coordinates: input.coordinates.map((ring) => withoutRepeats(ring).ring),
  };
  const shell = polygon.coordinates[0] ?? [];
  if (distinctVertices(shell) < 3) {
    return finished ? { valid: false, reason: 'too-few-vertices' } : { valid: true, reason: null };
  }
  const crossing = findRingContacts(polygon.coordinates, 1).some(
    (contact) => contact.kind === 'cross' || contact.kind === 'overlap',
  );
  if (crossing) return { valid: false, reason: 'self-intersecting' };
  if (finished && geometryAreaM2(polygon) < MIN_ZONE_AREA_M2) return { valid: false, reason: 'too-small' };
  return { valid: true, reason: null };
}

/**
 * Is an outline a slip of the pointer at the scale it was drawn? Its vertices as screen points (px): a
 * shape whose width and height both stay under `minPx` is a double click or a finger's wobble, whatever
 * its area on the ground (three clicks within 4 px at 1:16 000 enclose 0.16 亩).
 */
export function isSlip(screenPoints: readonly (readonly [number, number])[], minPx: number): boolean {
  if (screenPoints.length === 0) return false;
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of screenPoints) {
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  return maxX - minX < minPx && maxY - minY < minPx;
}
