// A map extract for paper (地块档案): a plot's outline with its neighbours and the parks around, as SVG
// paths in a frame of given size, and a scale bar of a round length. Pure: geometry in, path strings
// and figures out. The frame is a local plane around the plot (east and north in metres, scaled by the
// CGCS2000 radii at its latitude, as src/geo/locate.ts measures), so the scale bar is true to well under
// 1% across a frame of a few hundred metres.
import type { Geometry, Position } from 'geojson';
import { metresPerDegree } from './locate.ts';

export interface ExtractLayer {
  id: string;
  geometry: Geometry | null;
}

export interface ExtractInput {
  plot: Geometry;
  neighbours: readonly ExtractLayer[];
  parks: readonly ExtractLayer[];
  /** The frame, in the SVG's units (millimetres on paper). */
  width: number;
  height: number;
  /** Room around the plot, as a fraction of its larger side (0.6: the plot takes ~60% of the frame). */
  margin?: number;
}

export interface ExtractPath {
  id: string;
  d: string;
}

export interface MapExtract {
  plot: string;
  neighbours: ExtractPath[];
  parks: ExtractPath[];
  /** The scale bar: its length in the frame's units and on the ground. */
  scaleBar: { length: number; metres: number; label: string };
  /** Frame units per metre on the ground, and the map's scale as 1 : N when the frame is in millimetres. */
  unitsPerMetre: number;
  scaleDenominator: number;
}

type Ring = Position[];

function ringsOf(geometry: Geometry | null): Ring[] {
  if (!geometry) return [];
  switch (geometry.type) {
    case 'Polygon':
      return geometry.coordinates;
    case 'MultiPolygon':
      return geometry.coordinates.flat();
    case 'GeometryCollection':
      return geometry.geometries.flatMap(ringsOf);
    default:
      return [];
  }
}

/** 1, 2 or 5 × 10ⁿ metres: the largest not above `most`. */
export function roundLength(most: number): number {
  const power = 10 ** Math.floor(Math.log10(most));
  for (const step of [5, 2, 1]) if (step * power <= most) return step * power;
  return power;
}

const fixed = (value: number) => Number(value.toFixed(2));

/** The extract of a plot in a frame of width × height. */
export function mapExtract(input: ExtractInput): MapExtract {
  const plotRings = ringsOf(input.plot);
  let west = Infinity;
  let south = Infinity;
  let east = -Infinity;
  let north = -Infinity;
  for (const ring of plotRings)
    for (const [x, y] of ring as [number, number][]) {
      west = Math.min(west, x);
      east = Math.max(east, x);
      south = Math.min(south, y);
      north = Math.max(north, y);
    }
  if (!Number.isFinite(west)) throw new Error('mapExtract: the plot has no polygon');
  const centre = [(west + east) / 2, (south + north) / 2] as const;
  const perDegree = metresPerDegree(centre[1]);
  const spanX = Math.max((east - west) * perDegree.x, 1);
  const spanY = Math.max((north - south) * perDegree.y, 1);
  const fill = 1 - (input.margin ?? 0.4);
  const unitsPerMetre = Math.min((input.width * fill) / spanX, (input.height * fill) / spanY);
  const project = ([x, y]: Position): [number, number] => [
    input.width / 2 + ((x as number) - centre[0]) * perDegree.x * unitsPerMetre,
    input.height / 2 - ((y as number) - centre[1]) * perDegree.y * unitsPerMetre,
  ];
  const path = (geometry: Geometry | null) =>
    ringsOf(geometry)
      .map((ring) => {
        const points = ring.map((position) => project(position).map(fixed).join(' '));
        return `M${points.join('L')}Z`;
      })
      .join('');
  const paths = (layer: readonly ExtractLayer[]) =>
    layer.map((feature) => ({ id: feature.id, d: path(feature.geometry) })).filter((p) => p.d !== '');
  const metres = roundLength(input.width / 4 / unitsPerMetre);
  return {
    plot: path(input.plot),
    neighbours: paths(input.neighbours),
    parks: paths(input.parks),
    scaleBar: {
      length: fixed(metres * unitsPerMetre),
      metres,
      label: metres >= 1000 ? `${metres / 1000} 千米` : `${metres} 米`,
    },
    unitsPerMetre,
    // Millimetres per metre → 1 : (1000 / unitsPerMetre).
    scaleDenominator: Math.round(1000 / unitsPerMetre),
  };
}
