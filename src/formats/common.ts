// What every reader does after parsing: decide the coordinate system (the person's choice, else what the
// file says, else a suggestion from the size of the coordinates), take the coordinates to longitude/
// latitude in RFC 7946 ring order (outer rings anticlockwise, holes clockwise), list the fields in
// source order, and report the land-use scheme.
import type { Feature, Geometry, Position } from 'geojson';
import type { Bilingual } from '../domain/i18n.ts';
import { landUseScheme } from '../domain/landuse-sandiao.ts';
import {
  type CrsDefinition,
  type CrsVerdict,
  crsDefinition,
  crsFromCode,
  gkDefinition,
  guessCrs,
  toLonLat,
} from './crs.ts';
import {
  type CrsInfo,
  type EncodingInfo,
  FormatError,
  type FormatName,
  type FormatWarning,
  type ReadOptions,
  type ReadResult,
} from './types.ts';

export type SourceFeature = Feature<Geometry | null, Record<string, unknown>>;

/** What a parser found before projection: coordinates as written (easting, northing when projected). */
export interface Parsed {
  format: FormatName;
  encoding: EncodingInfo;
  /** What the file says about its coordinate system, and where it said it; null when it says nothing. */
  declared: { verdict: CrsVerdict; source: CrsInfo['source'] } | null;
  fields: string[] | null;
  features: SourceFeature[];
  warnings: FormatWarning[];
}

const WGS84_NOTE: Bilingual = {
  zh: '文件的坐标系是 WGS 84，按 CGCS2000 读取（两者相差不到 1 米）。',
  en: 'the file is in WGS 84, read as CGCS2000 (they differ by less than a metre).',
};

/** The first position of the first feature that has one. */
function firstPosition(features: readonly SourceFeature[]): Position | null {
  for (const feature of features) {
    const found = feature.geometry ? positionOf(feature.geometry) : null;
    if (found) return found;
  }
  return null;
}

function positionOf(geometry: Geometry): Position | null {
  if (geometry.type === 'GeometryCollection') {
    for (const part of geometry.geometries) {
      const found = positionOf(part);
      if (found) return found;
    }
    return null;
  }
  let value: unknown = geometry.coordinates;
  while (Array.isArray(value) && Array.isArray(value[0])) value = value[0];
  return Array.isArray(value) && typeof value[0] === 'number' ? (value as Position) : null;
}

function info(definition: CrsDefinition, source: CrsInfo['source'], needsConfirmation: boolean): CrsInfo {
  return { code: definition.code, name: definition.name, source, needsConfirmation };
}

/** Decides the system and projects: the whole of a reader after its parse. */
export function finish(file: string, parsed: Parsed, options: ReadOptions = {}): ReadResult {
  const warnings = [...parsed.warnings];
  const sample = firstPosition(parsed.features);
  let definition: CrsDefinition;
  let crs: CrsInfo;
  if (options.crs !== undefined) {
    const verdict = crsFromCode(options.crs);
    if (!verdict.ok) throw new FormatError(file, verdict.reason, CHOOSE_CRS);
    definition = verdict.definition;
    crs = info(definition, 'given', false);
  } else if (parsed.declared) {
    const { verdict, source } = parsed.declared;
    if (!verdict.ok) throw new FormatError(file, verdict.reason, CHOOSE_CRS);
    definition = verdict.definition;
    if (verdict.wgs84) warnings.push({ message: WGS84_NOTE });
    crs = info(definition, source, false);
  } else {
    const guessed = sample ? guessCrs(sample[0] as number, sample[1] as number) : crsDefinition('EPSG:4490');
    if (!guessed)
      throw new FormatError(
        file,
        {
          zh: `无法从坐标（${sample?.slice(0, 2).join(', ')}）判断坐标系，文件也没有说明。`,
          en: `the coordinates (${sample?.slice(0, 2).join(', ')}) fit no coordinate system we know, and the file names none.`,
        },
        CHOOSE_CRS,
      );
    definition = guessed;
    const isLonLat = guessed.kind === 'geographic';
    crs = info(definition, isLonLat ? 'default' : 'guess', !isLonLat);
  }
  // A zone written with its number before the easting although the file names the zone without (or the
  // reverse): the size of the eastings decides, said as a warning.
  if (definition.kind === 'gauss-kruger' && sample) {
    const easting = sample[0] as number;
    const prefixedNow = easting >= 1_000_000;
    if (prefixedNow !== definition.prefixed) {
      const zone = prefixedNow ? Math.floor(easting / 1_000_000) : (definition.zone as number);
      const other = gkDefinition(definition.width as 3 | 6, zone, prefixedNow);
      if (other && other.centralMeridian === definition.centralMeridian) {
        warnings.push({
          message: {
            zh: `坐标系写的是 ${definition.name.zh}，但东坐标${prefixedNow ? '带有' : '没有'}带号，按 ${other.name.zh} 读取。`,
            en: `the file names ${definition.name.en}, but its eastings ${prefixedNow ? 'carry' : 'lack'} the zone number: read as ${other.name.en}.`,
          },
        });
        definition = other;
        crs = { ...crs, code: other.code, name: other.name };
      }
    }
  }
  const features = parsed.features.map((feature, index) => {
    if (!feature.geometry) return feature;
    const geometry = project(feature.geometry, definition, file, index);
    return { ...feature, geometry };
  });
  const fields = parsed.fields ?? fieldsOf(features);
  return {
    format: parsed.format,
    encoding: parsed.encoding,
    crs,
    fields,
    features,
    warnings,
    landUse: landUseScheme(fields, features),
  };
}

const CHOOSE_CRS: Bilingual = {
  zh: '请在导入时选择正确的坐标系（命令行：--from EPSG:编号），或在 GIS 软件中导出为 CGCS2000。',
  en: 'choose the right coordinate system on import (command line: --from EPSG:N), or export as CGCS2000 from the GIS software.',
};

function fieldsOf(features: readonly SourceFeature[]): string[] {
  const seen = new Set<string>();
  for (const feature of features) for (const key of Object.keys(feature.properties ?? {})) seen.add(key);
  return [...seen];
}

/** Twice the signed area (positive when anticlockwise) of a ring in any planar coordinates. */
function signedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j] as Position;
    const b = ring[i] as Position;
    sum += (a[0] as number) * (b[1] as number) - (b[0] as number) * (a[1] as number);
  }
  return sum;
}

/** Rings outer anticlockwise and holes clockwise (RFC 7946 §3.1.6). */
function rewindPolygon(rings: Position[][]): Position[][] {
  return rings.map((ring, index) => {
    const anticlockwise = signedArea2(ring) > 0;
    return anticlockwise === (index === 0) ? ring : [...ring].reverse();
  });
}

function project(geometry: Geometry, definition: CrsDefinition, file: string, index: number): Geometry {
  // Longitude/latitude positions are kept as they are (a third number, a height, is dropped).
  const geographic = definition.kind === 'geographic';
  const point = (position: Position): Position => {
    const [x, y] = position;
    if (typeof x !== 'number' || typeof y !== 'number' || !Number.isFinite(x) || !Number.isFinite(y))
      throw new FormatError(
        file,
        { zh: '坐标不是数字。', en: 'a coordinate is not a number.' },
        {
          zh: '请在 GIS 软件中修复此要素后重新导出。',
          en: 'repair the feature in the GIS software and export again.',
        },
        index,
      );
    if (geographic) {
      if (!(Math.abs(x) <= 180 && Math.abs(y) <= 90)) throw offEarth(x, y);
      return position.length === 2 ? position : [x, y];
    }
    const [lon, lat] = toLonLat(definition, x, y);
    if (!(Math.abs(lon) <= 180 && Math.abs(lat) <= 90)) throw offEarth(x, y);
    return [lon, lat];
  };
  const offEarth = (x: number, y: number) =>
    new FormatError(
      file,
      {
        zh: `坐标（${x}, ${y}）按 ${definition.name.zh} 换算后不在地球上。`,
        en: `the coordinates (${x}, ${y}) read as ${definition.name.en} fall off the earth.`,
      },
      CHOOSE_CRS,
      index,
    );
  const ring = (positions: Position[]) => positions.map(point);
  switch (geometry.type) {
    case 'Point':
      return { type: 'Point', coordinates: point(geometry.coordinates) };
    case 'MultiPoint':
      return { type: 'MultiPoint', coordinates: ring(geometry.coordinates) };
    case 'LineString':
      return { type: 'LineString', coordinates: ring(geometry.coordinates) };
    case 'MultiLineString':
      return { type: 'MultiLineString', coordinates: geometry.coordinates.map(ring) };
    case 'Polygon':
      return { type: 'Polygon', coordinates: rewindPolygon(geometry.coordinates.map(ring)) };
    case 'MultiPolygon':
      return {
        type: 'MultiPolygon',
        coordinates: geometry.coordinates.map((polygon) => rewindPolygon(polygon.map(ring))),
      };
    case 'GeometryCollection':
      return {
        type: 'GeometryCollection',
        geometries: geometry.geometries.map((part) => project(part, definition, file, index)),
      };
  }
}
