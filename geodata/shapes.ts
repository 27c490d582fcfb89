// Shapes of plots, parcels, parks and zones, shared by the sample builder and the generator: outlines are
// drawn in metres around the origin, turned and scaled to a target ellipsoidal area, then placed at a
// longitude/latitude and rounded to 7 decimals (about 1 cm) as closed, counter-clockwise rings.
import type { Position } from 'geojson';
import { ringSignedAreaM2 } from '../src/geo/area.ts';
import type { Random } from './random.ts';

export type XY = [number, number];

/** Metres per degree of latitude and of longitude (at `lat`) on the CGCS2000 ellipsoid; close enough to
 * place shapes, whose areas are then fitted with the exact ellipsoidal formula. */
export function metresPerDegree(lat: number): { x: number; y: number } {
  const phi = (lat * Math.PI) / 180;
  const a = 6_378_137;
  const e2 = 0.00669438002290079;
  const w = Math.sqrt(1 - e2 * Math.sin(phi) ** 2);
  return { x: ((Math.PI / 180) * a * Math.cos(phi)) / w, y: ((Math.PI / 180) * a * (1 - e2)) / w ** 3 };
}

export function round7(value: number): number {
  return Math.round(value * 1e7) / 1e7;
}

export function planarSignedArea(ring: readonly XY[]): number {
  let sum = 0;
  for (let i = 0; i < ring.length; i++) {
    const [x1, y1] = ring[i] as XY;
    const [x2, y2] = ring[(i + 1) % ring.length] as XY;
    sum += x1 * y2 - x2 * y1;
  }
  return sum / 2;
}

/** Kinds of plot outline; `concave` ones have an inner corner. */
export const PLOT_OUTLINE_KINDS = [
  'chamfered',
  'quadrilateral',
  'L',
  'notched',
  'stepped',
  'irregular',
] as const;
export type PlotOutlineKind = (typeof PLOT_OUTLINE_KINDS)[number];

const KIND_WEIGHTS = [26, 20, 18, 12, 8, 16];

/** A plot-like outline in arbitrary metres, counter-clockwise, not closed. */
export function plotOutline(random: Random, kind?: PlotOutlineKind): XY[] {
  const chosen = kind ?? random.weighted(PLOT_OUTLINE_KINDS, KIND_WEIGHTS);
  const w = 100;
  const h = 100 * random.between(0.45, 1.6);
  switch (chosen) {
    case 'chamfered': {
      const cut = random.between(0.1, 0.3);
      return [
        [0, 0],
        [w, 0],
        [w, h * (1 - cut)],
        [w * (1 - cut), h],
        [0, h],
      ];
    }
    case 'quadrilateral': {
      const j = () => random.between(-0.12, 0.12) * w;
      return [
        [j(), j()],
        [w + j(), j()],
        [w + j(), h + j()],
        [w * random.between(0.35, 0.65), h + Math.abs(j()) * 0.5],
        [j(), h + j()],
      ];
    }
    case 'L': {
      const cx = w * random.between(0.35, 0.65);
      const cy = h * random.between(0.35, 0.65);
      return [
        [0, 0],
        [w, 0],
        [w, cy],
        [cx, cy],
        [cx, h],
        [0, h],
      ];
    }
    case 'notched': {
      const a = w * random.between(0.2, 0.45);
      const b = a + w * random.between(0.15, 0.35);
      const d = h * random.between(0.15, 0.35);
      return [
        [0, 0],
        [a, 0],
        [a, d],
        [b, d],
        [b, 0],
        [w, 0],
        [w, h],
        [0, h],
      ];
    }
    case 'stepped': {
      const x1 = w * random.between(0.3, 0.45);
      const x2 = w * random.between(0.6, 0.8);
      const y1 = h * random.between(0.55, 0.75);
      const y2 = h * random.between(0.3, 0.5);
      return [
        [0, 0],
        [w, 0],
        [w, y2],
        [x2, y2],
        [x2, y1],
        [x1, y1],
        [x1, h],
        [0, h],
      ];
    }
    case 'irregular':
      return starOutline(random, random.int(6, 14), 0.72, w / 2, h / 2);
  }
}

/** A star-shaped outline around the origin: angles in order, radii jittered, so it never crosses itself. */
export function starOutline(
  random: Random,
  vertices: number,
  minRadius: number,
  rx: number,
  ry: number,
): XY[] {
  const ring: XY[] = [];
  const step = (2 * Math.PI) / vertices;
  for (let i = 0; i < vertices; i++) {
    const angle = i * step + random.between(-0.3, 0.3) * step;
    const r = random.between(minRadius, 1);
    ring.push([Math.cos(angle) * rx * r, Math.sin(angle) * ry * r]);
  }
  return ring;
}

/** Adds vertices on edges, nudged a little off the line, until the ring has `target` vertices. */
export function densify(random: Random, ring: XY[], target: number): XY[] {
  const out = ring.slice();
  while (out.length < target) {
    // Split the longest edge: vertices spread along the outline as a surveyor's would.
    let longest = 0;
    let at = 0;
    for (let i = 0; i < out.length; i++) {
      const [x1, y1] = out[i] as XY;
      const [x2, y2] = out[(i + 1) % out.length] as XY;
      const length = (x2 - x1) ** 2 + (y2 - y1) ** 2;
      if (length > longest) {
        longest = length;
        at = i;
      }
    }
    const [x1, y1] = out[at] as XY;
    const [x2, y2] = out[(at + 1) % out.length] as XY;
    const t = random.between(0.3, 0.7);
    const nudge = random.between(-0.012, 0.012);
    out.splice(at + 1, 0, [x1 + (x2 - x1) * t - (y2 - y1) * nudge, y1 + (y2 - y1) * t + (x2 - x1) * nudge]);
  }
  return out;
}

/** Centres an outline on its vertex mean, turns it by `angle` radians and makes it counter-clockwise. */
export function centreAndTurn(ring: XY[], angle: number): XY[] {
  const mx = ring.reduce((s, p) => s + p[0], 0) / ring.length;
  const my = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const turned = ring.map(([x, y]): XY => [(x - mx) * cos - (y - my) * sin, (x - mx) * sin + (y - my) * cos]);
  return planarSignedArea(turned) < 0 ? turned.reverse() : turned;
}

/**
 * Places a metre outline at [lon, lat] with the given ellipsoidal area (m²): turned by `angle`, closed,
 * counter-clockwise, rounded to 7 decimals.
 */
export function placeOutline(outline: XY[], centre: Position, areaM2: number, angle: number): Position[] {
  const turned = centreAndTurn(outline, angle);
  const [lon0, lat0] = centre as [number, number];
  const perDegree = metresPerDegree(lat0);
  const toLonLat = (scale: number): Position[] =>
    turned.map(([x, y]) => [lon0 + (x * scale) / perDegree.x, lat0 + (y * scale) / perDegree.y]);
  const first = Math.sqrt(areaM2 / Math.abs(planarSignedArea(turned)));
  const trial = toLonLat(first);
  const scale = first * Math.sqrt(areaM2 / Math.abs(ringSignedAreaM2(trial)));
  const ring = toLonLat(scale).map(([x, y]) => [round7(x as number), round7(y as number)]);
  return closeRing(ring);
}

/** Metres around `centre` to longitude/latitude, rounded to 7 decimals, closed. */
export function projectOutline(outline: readonly XY[], centre: Position): Position[] {
  const [lon0, lat0] = centre as [number, number];
  const perDegree = metresPerDegree(lat0);
  return closeRing(outline.map(([x, y]) => [round7(lon0 + x / perDegree.x), round7(lat0 + y / perDegree.y)]));
}

/** Closes a ring by repeating its first position, unless it already ends there. */
export function closeRing(ring: Position[]): Position[] {
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (!first || !last) return ring;
  return first[0] === last[0] && first[1] === last[1]
    ? ring
    : [...ring, [first[0] as number, first[1] as number]];
}

/** A plot outline (metres) of `kind` (or any) with between 5 and `maxVertices` (at most 29) vertices. */
export function plotShape(
  random: Random,
  options: { kind?: PlotOutlineKind; maxVertices?: number } = {},
): XY[] {
  const outline = plotOutline(random, options.kind);
  const most = Math.min(options.maxVertices ?? 29, 29);
  const extra = random.chance(0.55) ? 0 : Math.floor(random.logNormal(3, 0.9, 1, 24));
  const target = Math.min(most, Math.max(5, outline.length + extra));
  return densify(random, outline, target);
}

/** A plot ring at `centre` with the given ellipsoidal area, turned at random. */
export function plotRing(
  random: Random,
  centre: Position,
  areaM2: number,
  options: { kind?: PlotOutlineKind; maxVertices?: number } = {},
): Position[] {
  return placeOutline(plotShape(random, options), centre, areaM2, random.between(0, Math.PI));
}

/** A park- or zone-like ring: star-shaped, `vertices` corners, stretched by `aspect`. */
export function blobRing(
  random: Random,
  centre: Position,
  areaM2: number,
  vertices: number,
  aspect = 1,
): Position[] {
  const outline = starOutline(random, vertices, 0.7, 100 * aspect, 100);
  return placeOutline(outline, centre, areaM2, random.between(0, Math.PI));
}
