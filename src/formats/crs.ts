// The coordinate systems the bureau's files come in (PRODUCT.md "Coordinates"): CGCS2000 longitude/
// latitude (EPSG:4490), its Gauss-Krüger zones — 3° with the zone number before the easting
// (EPSG:4513–4533, zones 25–45) and without (EPSG:4534–4554, central meridians 75°E–135°E), 6° with
// (EPSG:4491–4501, zones 13–23) and without (EPSG:4502–4512) — and WGS 84, taken as CGCS2000 (they
// differ by well under a metre). Recognised from a .prj (ESRI names and OGC WKT), a GeoJSON "crs"
// member, an EPSG code, or, as a suggestion only, from the size of the coordinates. Xi'an 1980 and
// Beijing 1954 are refused: they need local transformation parameters the bureau holds, not we.
import type { Bilingual } from '../domain/i18n.ts';
import { gkToLonLat, lonLatToGk } from '../geo/crs.ts';

export interface CrsDefinition {
  /** 'EPSG:4490', 'EPSG:4526', … */
  code: string;
  name: Bilingual;
  kind: 'geographic' | 'gauss-kruger';
  /** Gauss-Krüger only: 3 or 6 (degrees of zone width), the zone number, its central meridian, and the false easting in metres (500 000, or with the zone number before it). */
  width?: 3 | 6;
  zone?: number;
  centralMeridian?: number;
  falseEasting?: number;
  /** True when eastings carry the zone number (38 500 000). */
  prefixed?: boolean;
}

export const CGCS2000_CODE = 'EPSG:4490';

const GEOGRAPHIC: CrsDefinition = {
  code: CGCS2000_CODE,
  name: { zh: 'CGCS2000 经纬度（EPSG:4490）', en: 'CGCS2000 longitude/latitude (EPSG:4490)' },
  kind: 'geographic',
};

function gk(width: 3 | 6, zone: number, prefixed: boolean, epsg: number): CrsDefinition {
  const centralMeridian = width === 3 ? zone * 3 : zone * 6 - 3;
  const falseEasting = prefixed ? zone * 1_000_000 + 500_000 : 500_000;
  const zh = prefixed
    ? `CGCS2000 ${width}度带高斯-克吕格 第 ${zone} 带（带号在前，EPSG:${epsg}）`
    : `CGCS2000 ${width}度带高斯-克吕格 中央经线 ${centralMeridian}°E（无带号，EPSG:${epsg}）`;
  const en = prefixed
    ? `CGCS2000 ${width}° Gauss-Krüger zone ${zone} (zone number before the easting, EPSG:${epsg})`
    : `CGCS2000 ${width}° Gauss-Krüger, central meridian ${centralMeridian}°E (no zone number, EPSG:${epsg})`;
  return {
    code: `EPSG:${epsg}`,
    name: { zh, en },
    kind: 'gauss-kruger',
    width,
    zone,
    centralMeridian,
    falseEasting,
    prefixed,
  };
}

const DEFINITIONS = new Map<string, CrsDefinition>([[CGCS2000_CODE, GEOGRAPHIC]]);
for (let zone = 25; zone <= 45; zone++) {
  DEFINITIONS.set(`EPSG:${4513 + zone - 25}`, gk(3, zone, true, 4513 + zone - 25));
  DEFINITIONS.set(`EPSG:${4534 + zone - 25}`, gk(3, zone, false, 4534 + zone - 25));
}
for (let zone = 13; zone <= 23; zone++) {
  DEFINITIONS.set(`EPSG:${4491 + zone - 13}`, gk(6, zone, true, 4491 + zone - 13));
  DEFINITIONS.set(`EPSG:${4502 + zone - 13}`, gk(6, zone, false, 4502 + zone - 13));
}

/** Every system a person can choose, longitude/latitude first, then 3° zones, then 6°. */
export const CRS_CHOICES: readonly CrsDefinition[] = [...DEFINITIONS.values()].sort((a, b) => {
  const rank = (d: CrsDefinition) => (d.kind === 'geographic' ? 0 : d.width === 3 ? 1 : 2);
  return rank(a) - rank(b) || (a.zone ?? 0) - (b.zone ?? 0) || Number(b.prefixed) - Number(a.prefixed);
});

/** The Gauss-Krüger zone of a width and zone number, with or without the prefix. */
export function gkDefinition(width: 3 | 6, zone: number, prefixed: boolean): CrsDefinition | null {
  for (const definition of DEFINITIONS.values())
    if (definition.width === width && definition.zone === zone && definition.prefixed === prefixed)
      return definition;
  return null;
}

/** Why a system is refused, or null when it is one we take. */
export type CrsVerdict =
  | { ok: true; definition: CrsDefinition; wgs84: boolean }
  | { ok: false; reason: Bilingual };

const OLD_DATUM: Bilingual = {
  zh: '西安 1980 / 北京 1954 坐标系需要本地转换参数才能换算到 CGCS2000；请先在 GIS 软件中用本局的转换参数转换为 CGCS2000 后再导入。',
  en: "Xi'an 1980 and Beijing 1954 coordinates need the bureau's local transformation parameters to become CGCS2000: convert them to CGCS2000 in the GIS software with those parameters, then import.",
};

function unknownCrs(what: string): CrsVerdict {
  return {
    ok: false,
    reason: {
      zh: `不认识的坐标系 ${what}；支持 CGCS2000 经纬度（EPSG:4490）、CGCS2000 3 度带和 6 度带高斯-克吕格（EPSG:4491–4554）和 WGS 84。请在 GIS 软件中转换为其中之一，或指定坐标系。`,
      en: `unknown coordinate system ${what}; supported are CGCS2000 longitude/latitude (EPSG:4490), CGCS2000 3° and 6° Gauss-Krüger zones (EPSG:4491–4554) and WGS 84. Convert to one of them in the GIS software, or give the coordinate system.`,
    },
  };
}

/** An EPSG code ('EPSG:4526', '4526', 'urn:ogc:def:crs:EPSG::4526', 'OGC:CRS84'). */
export function crsFromCode(text: string): CrsVerdict {
  const trimmed = text.trim();
  if (/^(urn:ogc:def:crs:)?OGC:(1\.3:)?CRS84$/i.test(trimmed))
    return { ok: true, definition: GEOGRAPHIC, wgs84: true };
  const match = /^(?:urn:ogc:def:crs:)?(?:EPSG:{1,2}(?:[\d.]*:)?)?(\d{4,5})$/i.exec(trimmed);
  const epsg = match ? Number(match[1]) : Number.NaN;
  if (epsg === 4326) return { ok: true, definition: GEOGRAPHIC, wgs84: true };
  const definition = DEFINITIONS.get(`EPSG:${epsg}`);
  if (definition) return { ok: true, definition, wgs84: false };
  // Beijing 1954 (4214, its GK zones 2401–2442, 21413–21483) and Xi'an 1980 (4610, 2327–2390).
  if (epsg === 4214 || epsg === 4610 || (epsg >= 2327 && epsg <= 2442) || (epsg >= 21413 && epsg <= 21483))
    return { ok: false, reason: OLD_DATUM };
  return unknownCrs(trimmed);
}

/**
 * A .prj's text: ESRI WKT (GEOGCS["GCS_China_Geodetic_Coordinate_System_2000"…],
 * PROJCS["CGCS2000_3_Degree_GK_Zone_38"…], PROJCS["CGCS2000_3_Degree_GK_CM_114E"…]) or OGC WKT 1/2
 * with an AUTHORITY/ID. The parameters decide, not only the name: central meridian and false easting.
 */
export function crsFromWkt(wkt: string): CrsVerdict {
  const text = wkt.trim();
  if (/xian|xi'an|beijing[ _]?1954|krassowsky|IAG[ _]1975/i.test(text))
    return { ok: false, reason: OLD_DATUM };
  const isProjected = /^\s*(PROJCS|PROJCRS|PROJECTEDCRS)\b/i.test(text);
  if (!isProjected) {
    if (/2000|CGCS/i.test(text)) return { ok: true, definition: GEOGRAPHIC, wgs84: false };
    if (/WGS[ _]?(19)?84/i.test(text)) return { ok: true, definition: GEOGRAPHIC, wgs84: true };
    return unknownCrs(text.slice(0, 60));
  }
  const wgs84 = /WGS[ _]?(19)?84/i.test(text) && !/2000|CGCS/i.test(text);
  if (!wgs84 && !/2000|CGCS/i.test(text)) return unknownCrs(text.slice(0, 60));
  if (!/Transverse[_ ]Mercator|Gauss/i.test(text)) return unknownCrs(text.slice(0, 60));
  const parameter = (name: RegExp): number | null => {
    const re = new RegExp(`PARAMETER\\[\\s*"(?:${name.source})"\\s*,\\s*(-?[\\d.eE+-]+)`, 'i');
    const found = re.exec(text);
    return found ? Number(found[1]) : null;
  };
  const centralMeridian = parameter(/central_meridian|Longitude of natural origin|longitude_of_origin/);
  const falseEasting = parameter(/false_easting|False easting/);
  const scale = parameter(/scale_factor|Scale factor at natural origin/) ?? 1;
  const latitudeOfOrigin = parameter(/latitude_of_origin|Latitude of natural origin/) ?? 0;
  const falseNorthing = parameter(/false_northing|False northing/) ?? 0;
  if (
    centralMeridian === null ||
    falseEasting === null ||
    scale !== 1 ||
    latitudeOfOrigin !== 0 ||
    falseNorthing !== 0
  )
    return unknownCrs(text.slice(0, 60));
  const authority =
    /AUTHORITY\[\s*"EPSG"\s*,\s*"?(\d+)"?\s*\]\s*\]\s*$|ID\[\s*"EPSG"\s*,\s*(\d+)\s*\]\s*\]\s*$/i.exec(text);
  const byAuthority = authority ? DEFINITIONS.get(`EPSG:${authority[1] ?? authority[2]}`) : undefined;
  if (byAuthority?.centralMeridian === centralMeridian && byAuthority.falseEasting === falseEasting)
    return { ok: true, definition: byAuthority, wgs84 };
  const prefixed = falseEasting !== 500_000;
  const width = /3[-_ ]?Degree|3度/i.test(text)
    ? 3
    : /6[-_ ]?Degree|6度|Gauss[-_ ]Kruger[-_ ]CM/i.test(text)
      ? 6
      : 3;
  const candidates = [...DEFINITIONS.values()].filter(
    (d) => d.centralMeridian === centralMeridian && d.falseEasting === falseEasting,
  );
  const definition = prefixed ? candidates[0] : (candidates.find((d) => d.width === width) ?? candidates[0]);
  return definition ? { ok: true, definition, wgs84 } : unknownCrs(text.slice(0, 60));
}

export function crsDefinition(code: string): CrsDefinition | undefined {
  return DEFINITIONS.get(code);
}

/** A projected position (easting, northing) of `definition` → [longitude, latitude]; geographic passes through. */
export function toLonLat(definition: CrsDefinition, easting: number, northing: number): [number, number] {
  if (definition.kind === 'geographic') return [easting, northing];
  return gkToLonLat(
    northing,
    easting,
    definition.centralMeridian as number,
    definition.falseEasting as number,
  );
}

/** [longitude, latitude] → (easting, northing) of `definition`. */
export function fromLonLat(definition: CrsDefinition, lon: number, lat: number): [number, number] {
  if (definition.kind === 'geographic') return [lon, lat];
  const { x, y } = lonLatToGk(
    lon,
    lat,
    definition.centralMeridian as number,
    definition.falseEasting as number,
  );
  return [y, x];
}

/**
 * What the size of the coordinates suggests, when nothing in the file says: longitude/latitude when
 * they fit, a prefixed zone when the eastings carry a zone number, else the 3° zone of Heshan (central
 * meridian 114°E) — a suggestion the person confirms or changes.
 */
export function guessCrs(easting: number, northing: number): CrsDefinition | null {
  if (Math.abs(easting) <= 180 && Math.abs(northing) <= 90) return GEOGRAPHIC;
  if (!(northing > 0 && northing < 10_000_000)) return null;
  const zone = Math.floor(easting / 1_000_000);
  if (zone >= 25 && zone <= 45) return gkDefinition(3, zone, true);
  if (zone >= 13 && zone <= 23) return gkDefinition(6, zone, true);
  if (easting > 0 && easting < 1_000_000) return gkDefinition(3, 38, false);
  return null;
}

/** The ESRI WKT of a .prj for a system (what ArcGIS and QGIS write and read back). */
export function prjText(definition: CrsDefinition): string {
  const geogcs =
    'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
  if (definition.kind === 'geographic') return geogcs;
  const name = definition.prefixed
    ? `CGCS2000_${definition.width}_Degree_GK_Zone_${definition.zone}`
    : `CGCS2000_${definition.width}_Degree_GK_CM_${definition.centralMeridian}E`;
  return `PROJCS["${name}",${geogcs},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${(definition.falseEasting as number).toFixed(1)}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${(definition.centralMeridian as number).toFixed(1)}],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
}
