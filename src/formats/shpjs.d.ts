// Types for the part of `shpjs` (no published types for version 6) that shapefile.ts uses.
declare module 'shpjs' {
  import type { Geometry } from 'geojson';
  /** The shapes of a .shp in file order (null for a null shape), coordinates as written when `prj` is false. */
  export function parseShp(shp: Uint8Array | DataView, prj: false): (Geometry | null)[];
}
