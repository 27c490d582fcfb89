// Well-known text (OGC Simple Features) for the geometry column of a CSV: read and written. Z and M
// values are read and dropped (the map is flat); EMPTY geometries read as null.
import type { Geometry, Position } from 'geojson';

const TYPES = [
  'POINT',
  'LINESTRING',
  'POLYGON',
  'MULTIPOINT',
  'MULTILINESTRING',
  'MULTIPOLYGON',
  'GEOMETRYCOLLECTION',
];

/** A WKT geometry, or a string saying what is wrong with it. */
export function parseWkt(text: string): Geometry | null | string {
  let at = 0;
  const source = text.trim();
  const space = () => {
    while (at < source.length && /\s/.test(source[at] as string)) at++;
  };
  const word = (): string => {
    space();
    const match = /^[A-Za-z]+/.exec(source.slice(at));
    if (!match) return '';
    at += match[0].length;
    return match[0].toUpperCase();
  };
  const expect = (character: string) => {
    space();
    if (source[at] !== character) throw new Error(`expected "${character}" at character ${at + 1}`);
    at++;
  };
  const peek = (): string => {
    space();
    return source[at] ?? '';
  };
  const position = (): Position => {
    space();
    const match = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?(\s+[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?)+/.exec(
      source.slice(at),
    );
    if (!match) throw new Error(`expected a coordinate at character ${at + 1}`);
    at += match[0].length;
    const numbers = match[0].trim().split(/\s+/).map(Number);
    return [numbers[0] as number, numbers[1] as number];
  };
  const list = <T>(item: () => T): T[] => {
    expect('(');
    const items = [item()];
    while (peek() === ',') {
      at++;
      items.push(item());
    }
    expect(')');
    return items;
  };
  const points = () => list(position);
  const multiPoint = () => list(() => (peek() === '(' ? (list(position)[0] as Position) : position()));
  const geometry = (): Geometry | null => {
    const type = word();
    if (!TYPES.includes(type)) throw new Error(`unknown geometry type "${type || source.slice(0, 20)}"`);
    let modifier = word();
    if (modifier !== '' && modifier !== 'Z' && modifier !== 'M' && modifier !== 'ZM' && modifier !== 'EMPTY')
      throw new Error(`unexpected "${modifier}"`);
    if (modifier !== 'EMPTY' && peek() !== '(') modifier = word();
    if (modifier === 'EMPTY') return null;
    switch (type) {
      case 'POINT':
        return { type: 'Point', coordinates: points()[0] as Position };
      case 'LINESTRING':
        return { type: 'LineString', coordinates: points() };
      case 'POLYGON':
        return { type: 'Polygon', coordinates: list(points) };
      case 'MULTIPOINT':
        return { type: 'MultiPoint', coordinates: multiPoint() };
      case 'MULTILINESTRING':
        return { type: 'MultiLineString', coordinates: list(points) };
      case 'MULTIPOLYGON':
        return { type: 'MultiPolygon', coordinates: list(() => list(points)) };
      default:
        return {
          type: 'GeometryCollection',
          geometries: list(geometry).filter((g): g is Geometry => g !== null),
        };
    }
  };
  try {
    const result = geometry();
    space();
    if (at < source.length) return `unexpected text after the geometry at character ${at + 1}`;
    return result;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const coordinate = (position: Position) => `${position[0]} ${position[1]}`;
const ring = (positions: Position[]) => `(${positions.map(coordinate).join(',')})`;
const polygon = (rings: Position[][]) => `(${rings.map(ring).join(',')})`;

/** A geometry as WKT, numbers written in full (the shortest text that reads back to the same double). */
export function toWkt(geometry: Geometry): string {
  switch (geometry.type) {
    case 'Point':
      return `POINT (${coordinate(geometry.coordinates)})`;
    case 'LineString':
      return `LINESTRING ${ring(geometry.coordinates)}`;
    case 'Polygon':
      return `POLYGON ${polygon(geometry.coordinates)}`;
    case 'MultiPoint':
      return `MULTIPOINT ${ring(geometry.coordinates)}`;
    case 'MultiLineString':
      return `MULTILINESTRING ${polygon(geometry.coordinates)}`;
    case 'MultiPolygon':
      return `MULTIPOLYGON (${geometry.coordinates.map(polygon).join(',')})`;
    case 'GeometryCollection':
      return `GEOMETRYCOLLECTION (${geometry.geometries.map(toWkt).join(',')})`;
  }
}
