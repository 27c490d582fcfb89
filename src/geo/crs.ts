// CGCS2000 3-degree Gauss-Krüger, zone 38 (central meridian 114°E), the grid Heshan's survey papers use
// (PRODUCT.md). X is the northing and Y the easting; Y carries the zone number in front (EPSG:4526).
import proj4 from 'proj4';

const CGCS2000_GK38_ZONE_PREFIXED =
  '+proj=tmerc +lat_0=0 +lon_0=114 +k=1 +x_0=38500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const LON_LAT = '+proj=longlat +ellps=GRS80 +no_defs';

const toZone38 = proj4(LON_LAT, CGCS2000_GK38_ZONE_PREFIXED);

export interface GaussKruger {
  /** Northing in metres. */
  x: number;
  /** Easting in metres with the zone number in front (38 xxx xxx.xx). */
  y: number;
}

/** Longitude/latitude (CGCS2000, degrees) → zone-38 X (northing) and Y (zone-prefixed easting). */
export function lonLatToGk38(lon: number, lat: number): GaussKruger {
  const [easting, northing] = toZone38.forward([lon, lat]) as [number, number];
  return { x: northing, y: easting };
}

/** Zone-38 X (northing) and Y (zone-prefixed easting) → [longitude, latitude] in degrees. */
export function gk38ToLonLat(x: number, y: number): [number, number] {
  const [lon, lat] = toZone38.inverse([y, x]) as [number, number];
  return [lon, lat];
}
