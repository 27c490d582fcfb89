// Every position of a geometry, in order: every ring and part, the members of a collection. The walk
// under a geometry's box (box.ts) and the coordinate range check of an import (validate-coordinates.ts).
// Pure.
import type { Geometry, Position } from 'geojson';

export function forEachPosition(geometry: Geometry, visit: (position: Position) => void): void {
  switch (geometry.type) {
    case 'Point':
      visit(geometry.coordinates);
      break;
    case 'MultiPoint':
    case 'LineString':
      for (const position of geometry.coordinates) visit(position);
      break;
    case 'MultiLineString':
    case 'Polygon':
      for (const line of geometry.coordinates) for (const position of line) visit(position);
      break;
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates)
        for (const ring of polygon) for (const position of ring) visit(position);
      break;
    case 'GeometryCollection':
      for (const member of geometry.geometries) forEachPosition(member, visit);
      break;
  }
}
