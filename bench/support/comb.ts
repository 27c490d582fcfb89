// Comb-shaped polygons near Heshan, the worst case for a sweep over longitude: a spine on the west and
// `teeth` teeth reaching east, so that half the edges (the long sides of the teeth) span the same
// longitudes. The ring has 4 vertices a tooth (40 000 vertices: 10 000 teeth), counter-clockwise, on a
// grid of 1e-7° (7 decimals: no precision warning), and is valid; `crossed` twists one tooth near the
// middle so that its two long sides cross once. Used by tests/geo/comb.test.ts and bench/validate-comb.ts.
import type { FeatureCollection, Polygon, Position } from 'geojson';

const WEST = 112_8000000; // 112.8° in units of 1e-7°
const EAST = 113_0000000;
const SOUTH = 22_6000000;
/** Latitude span of the teeth in 1e-7° units: 0.25°. */
const SPAN = 2_500000;

export interface Comb {
  ring: Position[];
  /** The tooth twisted when `crossed`, and where its sides cross. */
  crossedTooth: number | null;
  crossing: [number, number] | null;
}

const deg = (units: number) => units / 1e7;

/** A comb of `vertices` vertices (a multiple of 4, at least 8). */
export function combRing(vertices: number, crossed = false): Comb {
  const teeth = Math.floor(vertices / 4);
  // Pitch of the teeth and their thickness, in grid units (at least 2 and 1).
  const pitch = Math.max(2, Math.floor(SPAN / teeth));
  const thick = Math.max(1, Math.floor(pitch / 2));
  const spine = WEST + 1000; // east edge of the spine: the teeth start there
  const twisted = crossed ? Math.floor(teeth / 2) : -1;
  const ring: Position[] = [];
  // West side of the spine runs south to north at the end (closing), so the ring starts at its south end
  // and goes east along the first tooth's south side: counter-clockwise.
  for (let t = 0; t < teeth; t++) {
    const y = SOUTH + t * pitch;
    const top = y + thick;
    if (t === twisted) {
      // South side to the tip's north corner and north side from its south corner: the two cross.
      ring.push(
        [deg(t === 0 ? WEST : spine), deg(y)],
        [deg(EAST), deg(top)],
        [deg(EAST), deg(y)],
        [deg(spine), deg(top)],
      );
    } else {
      ring.push(
        [deg(t === 0 ? WEST : spine), deg(y)],
        [deg(EAST), deg(y)],
        [deg(EAST), deg(top)],
        [deg(spine), deg(top)],
      );
    }
  }
  // North-west corner, then back to the start along the spine's west side.
  const last = ring[ring.length - 1] as Position;
  ring[ring.length - 1] = [deg(WEST), last[1] as number];
  ring.push([...(ring[0] as Position)]);
  const crossing: [number, number] | null =
    twisted >= 0 ? [(deg(spine) + deg(EAST)) / 2, deg(SOUTH + twisted * pitch) + deg(thick) / 2] : null;
  return { ring, crossedTooth: twisted >= 0 ? twisted : null, crossing };
}

function combPolygon(vertices: number, crossed = false): Polygon {
  return { type: 'Polygon', coordinates: [combRing(vertices, crossed).ring] };
}

/** The comb as the text of a one-feature FeatureCollection, as a file or a request body holds it. */
export function combGeoJsonText(vertices: number, crossed = false): string {
  const collection: FeatureCollection = {
    type: 'FeatureCollection',
    features: [{ type: 'Feature', properties: {}, geometry: combPolygon(vertices, crossed) }],
  };
  return JSON.stringify(collection);
}
