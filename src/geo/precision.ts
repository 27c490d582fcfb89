// Positions rounded to a number of decimal places. terra-draw refuses, silently, a feature with a
// coordinate of more decimals than its precision (controller.ts: 9, about 0.1 mm on the ground); a
// zone saved by another tool or computed (112.90400000000001) has 14, so its outline is rounded as
// the planner's map takes it in. Pure.
import type { Polygon } from 'geojson';

/** A number rounded to `digits` decimal places, as toFixed rounds it. */
export function roundTo(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

/** The polygon with every position rounded to `digits` decimal places (a height dropped). */
export function roundPolygon(polygon: Polygon, digits: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: polygon.coordinates.map((ring) =>
      ring.map(([x = 0, y = 0]) => [roundTo(x, digits), roundTo(y, digits)]),
    ),
  };
}
