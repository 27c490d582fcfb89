// Types for the parts of `geojson-validation` (no published types) that gjv-messages.ts uses.
declare module 'geojson-validation' {
  interface GeoJsonValidation {
    /** With trace = true: the problems found, an empty list when the object is valid. */
    isFeature(feature: unknown, trace: true): string[];
    isGeometryObject(geometry: unknown, trace: true): string[];
  }
  const gjv: GeoJsonValidation;
  export = gjv;
}
