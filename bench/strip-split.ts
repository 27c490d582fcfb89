// How far the national strip formula is from additive when an edge is cut in two (the question behind
// the overlap engine's choice to give every piece its own term):  npx tsx bench/strip-split.ts
// Whole-edge term: b²·(Lm − L0)·(G(B2) − G(B1)). Cut at a point P on the straight lon/lat segment, the
// two terms differ from it by b²·ΔL/2·[t·G(B2) + (1 − t)·G(B1) − G(BP)]: G's curvature over the edge.
// Printed relative to the area of a square parcel of the edge's size, with the edge as its diagonal.
import { geometryAreaM2 } from '../src/geo/area.ts';
import { STRIP_SCALE_M2, stripG } from '../src/geo/strip.ts';

const lat = 22.77;
const lon = 112.96;
console.log('edge length   cut at t   error of the cut (m²)   relative to the parcel');
for (const metres of [100, 1000, 3000, 10000]) {
  const d = metres / 111_000;
  const parcel = geometryAreaM2({
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + d, lat],
        [lon + d, lat + d],
        [lon, lat + d],
        [lon, lat],
      ],
    ],
  });
  for (const t of [0.5, 0.1]) {
    const g1 = stripG(lat);
    const g2 = stripG(lat + d);
    const gp = stripG(lat + t * d);
    const errorM2 = Math.abs(STRIP_SCALE_M2 * (d / 2) * (t * g2 + (1 - t) * g1 - gp));
    console.log(
      `${String(metres).padStart(6)} m      ${t.toFixed(1)}        ${errorM2.toExponential(2).padStart(9)}            ${(errorM2 / parcel).toExponential(2)}`,
    );
  }
}
