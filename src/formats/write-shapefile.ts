// A zipped Shapefile out, as ArcGIS and QGIS read it: .shp/.shx (Point, PolyLine or Polygon — a layer
// of one kind; outer rings clockwise, holes anticlockwise, as the format wants), .dbf (dBASE III:
// numbers N, dates D, true/false L, text C), .prj (ESRI WKT of CGCS2000 or a Gauss-Krüger zone) and
// .cpg. Text in UTF-8 (the default, .cpg "UTF-8") or GBK (.cpg "936" and language byte 0x4D, for older
// ArcGIS). No maintained writer fits: @mapbox/shp-write writes neither GBK nor a chosen .prj nor holes
// in the shapefile order, so this is ours, read back by GDAL's ogrinfo in tests/formats.
import { zipSync } from 'fflate';
import type { Feature, Geometry, Position } from 'geojson';
import { type CrsDefinition, fromLonLat, prjText } from './crs.ts';
import { decodeStrict, encodeText, NotInGbk } from './text.ts';
import { type EncodingName, FormatError, type FormatWarning } from './types.ts';

type ShapeKind = 1 | 3 | 5 | 8; // Point, PolyLine, Polygon, MultiPoint

function shapeKind(geometry: Geometry): ShapeKind | null {
  switch (geometry.type) {
    case 'Point':
      return 1;
    case 'MultiPoint':
      return 8;
    case 'LineString':
    case 'MultiLineString':
      return 3;
    case 'Polygon':
    case 'MultiPolygon':
      return 5;
    default:
      return null;
  }
}

function signedArea2(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++)
    sum +=
      (ring[j]?.[0] as number) * (ring[i]?.[1] as number) -
      (ring[i]?.[0] as number) * (ring[j]?.[1] as number);
  return sum;
}

/** The parts of a shape, projected: rings with the shapefile's orientation (outer clockwise). */
function partsOf(geometry: Geometry, project: (p: Position) => Position): Position[][] {
  const orient = (ring: Position[], outer: boolean) => {
    const projected = ring.map(project);
    const clockwise = signedArea2(projected) < 0;
    return clockwise === outer ? projected : projected.reverse();
  };
  switch (geometry.type) {
    case 'Point':
      return [[project(geometry.coordinates)]];
    case 'MultiPoint':
      return [geometry.coordinates.map(project)];
    case 'LineString':
      return [geometry.coordinates.map(project)];
    case 'MultiLineString':
      return geometry.coordinates.map((line) => line.map(project));
    case 'Polygon':
      return geometry.coordinates.map((ring, index) => orient(ring, index === 0));
    case 'MultiPolygon':
      return geometry.coordinates.flatMap((polygon) =>
        polygon.map((ring, index) => orient(ring, index === 0)),
      );
    default:
      return [];
  }
}

type DbfType = 'N' | 'D' | 'L' | 'C';
interface DbfColumn {
  field: string;
  name: Uint8Array;
  type: DbfType;
  length: number;
  decimals: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

function columnType(values: unknown[]): { type: DbfType; decimals: number } {
  const present = values.filter((value) => value !== null && value !== undefined);
  if (
    present.length > 0 &&
    present.every((v) => typeof v === 'number' && Number.isFinite(v) && !String(v).includes('e'))
  ) {
    const decimals = Math.max(0, ...present.map((v) => String(v).split('.')[1]?.length ?? 0));
    return { type: 'N', decimals: Math.min(decimals, 15) };
  }
  if (present.length > 0 && present.every((v) => typeof v === 'boolean')) return { type: 'L', decimals: 0 };
  if (present.length > 0 && present.every((v) => typeof v === 'string' && ISO_DATE.test(v)))
    return { type: 'D', decimals: 0 };
  return { type: 'C', decimals: 0 };
}

function text(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

/** The longest prefix of `bytes` that ends on a character boundary of the encoding, at most `limit` bytes. */
function cut(value: string, limit: number, encoding: EncodingName): Uint8Array {
  let kept = '';
  let bytes = encodeText('', encoding);
  for (const character of value) {
    const next = encodeText(kept + character, encoding);
    if (next.length > limit) break;
    kept += character;
    bytes = next;
  }
  return bytes;
}

function encodeOrRefuse(
  value: string,
  encoding: EncodingName,
  feature: number | undefined,
  name: string,
): Uint8Array {
  try {
    return encodeText(value, encoding);
  } catch (error) {
    if (error instanceof NotInGbk)
      throw new FormatError(
        name,
        {
          zh: `字符“${error.character}”无法用 GBK 编码。`,
          en: `the character "${error.character}" cannot be written in GBK.`,
        },
        {
          zh: '请改用 UTF-8 导出（带 .cpg 文件，ArcGIS 10.2 以上和 QGIS 都能读）。',
          en: 'export in UTF-8 instead (with its .cpg file, which ArcGIS 10.2+ and QGIS read).',
        },
        feature,
      );
    throw error;
  }
}

function dbfColumns(
  features: readonly Feature<Geometry | null>[],
  encoding: EncodingName,
  name: string,
  warnings: FormatWarning[],
): DbfColumn[] {
  const fields: string[] = [];
  const seen = new Set<string>();
  for (const feature of features)
    for (const key of Object.keys(feature.properties ?? {}))
      if (!seen.has(key)) {
        seen.add(key);
        fields.push(key);
      }
  const used = new Set<string>();
  return fields.map((field) => {
    const values = features.map((feature) => feature.properties?.[field]);
    const { type, decimals } = columnType(values);
    // DBF field names: at most 10 bytes (in the encoding); a shortened name is made unique.
    let bytes = cut(field, 10, encoding);
    let shortName = decodeStrict(bytes, encoding) ?? field;
    for (let n = 1; used.has(shortName.toLowerCase()); n++) {
      bytes = new Uint8Array([
        ...cut(field, 10 - String(n).length - 1, encoding),
        ...encodeText(`_${n}`, 'utf-8'),
      ]);
      shortName = decodeStrict(bytes, encoding) ?? field;
    }
    used.add(shortName.toLowerCase());
    if (shortName !== field)
      warnings.push({
        message: {
          zh: `字段名 ${field} 超过 Shapefile 的 10 字节，写为 ${shortName}。`,
          en: `the field name ${field} is longer than a Shapefile's 10 bytes: written as ${shortName}.`,
        },
      });
    let length: number;
    if (type === 'N')
      length = Math.max(1, ...values.map((v) => (typeof v === 'number' ? v.toFixed(decimals).length : 0)));
    else if (type === 'D') length = 8;
    else if (type === 'L') length = 1;
    else
      length = Math.max(
        1,
        ...values.map((v, index) => encodeOrRefuse(text(v), encoding, index, name).length),
      );
    if (length > 254) {
      if (type === 'C')
        warnings.push({
          message: {
            zh: `字段 ${field} 的文字超过 254 字节，已截短。`,
            en: `text in the field ${field} is longer than 254 bytes: cut short.`,
          },
        });
      length = 254;
    }
    return { field, name: bytes, type, length, decimals };
  });
}

function dbfFile(
  features: readonly Feature<Geometry | null>[],
  columns: DbfColumn[],
  encoding: EncodingName,
  name: string,
): Uint8Array {
  const headerLength = 32 + 32 * columns.length + 1;
  const recordLength = 1 + columns.reduce((sum, column) => sum + column.length, 0);
  const bytes = new Uint8Array(headerLength + recordLength * features.length + 1);
  const view = new DataView(bytes.buffer);
  const now = new Date();
  bytes[0] = 0x03;
  bytes[1] = now.getUTCFullYear() - 1900;
  bytes[2] = now.getUTCMonth() + 1;
  bytes[3] = now.getUTCDate();
  view.setUint32(4, features.length, true);
  view.setUint16(8, headerLength, true);
  view.setUint16(10, recordLength, true);
  bytes[29] = encoding === 'gbk' ? 0x4d : 0;
  columns.forEach((column, index) => {
    const at = 32 + 32 * index;
    bytes.set(column.name, at);
    bytes[at + 11] = column.type.charCodeAt(0);
    bytes[at + 16] = column.length;
    bytes[at + 17] = column.decimals;
  });
  bytes[headerLength - 1] = 0x0d;
  features.forEach((feature, index) => {
    let at = headerLength + index * recordLength;
    bytes[at++] = 0x20;
    for (const column of columns) {
      const value = feature.properties?.[column.field];
      bytes.fill(0x20, at, at + column.length);
      if (value !== null && value !== undefined) {
        let cell: Uint8Array;
        if (column.type === 'N') {
          const written = (value as number).toFixed(column.decimals);
          cell = encodeText(written.padStart(column.length, ' '), 'utf-8');
        } else if (column.type === 'D') cell = encodeText((value as string).replaceAll('-', ''), 'utf-8');
        else if (column.type === 'L') cell = encodeText(value ? 'T' : 'F', 'utf-8');
        else {
          const full = encodeOrRefuse(text(value), encoding, index, name);
          cell = full.length <= column.length ? full : cut(text(value), column.length, encoding);
        }
        bytes.set(cell.subarray(0, column.length), at);
      }
      at += column.length;
    }
  });
  bytes[bytes.length - 1] = 0x1a;
  return bytes;
}

function shpFiles(
  features: readonly Feature<Geometry | null>[],
  kind: ShapeKind,
  project: (p: Position) => Position,
): { shp: Uint8Array; shx: Uint8Array } {
  const shapes = features.map((feature) => (feature.geometry ? partsOf(feature.geometry, project) : null));
  const contentLength = (parts: Position[][] | null): number => {
    if (!parts || parts.length === 0) return 4;
    const points = parts.reduce((sum, part) => sum + part.length, 0);
    if (kind === 1) return 20;
    if (kind === 8) return 40 + 16 * points;
    return 44 + 4 * parts.length + 16 * points;
  };
  const total = 100 + shapes.reduce((sum, parts) => sum + 8 + contentLength(parts), 0);
  const shp = new Uint8Array(total);
  const shx = new Uint8Array(100 + 8 * shapes.length);
  const sv = new DataView(shp.buffer);
  const xv = new DataView(shx.buffer);
  const box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const parts of shapes)
    for (const part of parts ?? [])
      for (const [x, y] of part) {
        box[0] = Math.min(box[0] as number, x as number);
        box[1] = Math.min(box[1] as number, y as number);
        box[2] = Math.max(box[2] as number, x as number);
        box[3] = Math.max(box[3] as number, y as number);
      }
  if (!Number.isFinite(box[0] as number)) box.fill(0);
  for (const [view, length] of [
    [sv, total],
    [xv, shx.length],
  ] as const) {
    view.setInt32(0, 9994);
    view.setInt32(24, length / 2);
    view.setInt32(28, 1000, true);
    view.setInt32(32, kind, true);
    box.forEach((value, i) => {
      view.setFloat64(36 + 8 * i, value, true);
    });
  }
  let at = 100;
  shapes.forEach((parts, index) => {
    const length = contentLength(parts);
    sv.setInt32(at, index + 1);
    sv.setInt32(at + 4, length / 2);
    xv.setInt32(100 + 8 * index, at / 2);
    xv.setInt32(104 + 8 * index, length / 2);
    at += 8;
    if (!parts || parts.length === 0) {
      sv.setInt32(at, 0, true);
      at += 4;
      return;
    }
    sv.setInt32(at, kind, true);
    if (kind === 1) {
      const [x, y] = (parts[0] as Position[])[0] as Position;
      sv.setFloat64(at + 4, x as number, true);
      sv.setFloat64(at + 12, y as number, true);
      at += 20;
      return;
    }
    const points = parts.flat();
    const xs = points.map((p) => p[0] as number);
    const ys = points.map((p) => p[1] as number);
    sv.setFloat64(at + 4, Math.min(...xs), true);
    sv.setFloat64(at + 12, Math.min(...ys), true);
    sv.setFloat64(at + 20, Math.max(...xs), true);
    sv.setFloat64(at + 28, Math.max(...ys), true);
    let cursor = at + 36;
    if (kind !== 8) {
      sv.setInt32(cursor, parts.length, true);
      cursor += 4;
    }
    sv.setInt32(cursor, points.length, true);
    cursor += 4;
    if (kind !== 8) {
      let start = 0;
      for (const part of parts) {
        sv.setInt32(cursor, start, true);
        cursor += 4;
        start += part.length;
      }
    }
    for (const [x, y] of points) {
      sv.setFloat64(cursor, x as number, true);
      sv.setFloat64(cursor + 8, y as number, true);
      cursor += 16;
    }
    at += length;
  });
  return { shp, shx };
}

/** The zip of a layer's Shapefile in `definition`'s coordinates and `encoding`. */
export function writeShapefile(
  features: readonly Feature<Geometry | null>[],
  name: string,
  definition: CrsDefinition,
  encoding: EncodingName,
): { bytes: Uint8Array; warnings: FormatWarning[] } {
  const kinds = new Set<ShapeKind>();
  features.forEach((feature, index) => {
    if (!feature.geometry) return;
    const kind = shapeKind(feature.geometry);
    if (kind === null)
      throw new FormatError(
        name,
        {
          zh: 'Shapefile 不能保存几何集合（GeometryCollection）。',
          en: 'a Shapefile cannot hold a GeometryCollection.',
        },
        { zh: '请导出为 GeoJSON 或 KML。', en: 'export as GeoJSON or KML.' },
        index,
      );
    kinds.add(kind === 8 ? 1 : kind);
  });
  if (kinds.size > 1)
    throw new FormatError(
      name,
      {
        zh: '图层中点、线、面混在一起，Shapefile 每个文件只能保存一种。',
        en: 'the layer mixes points, lines and polygons; a Shapefile holds one kind.',
      },
      { zh: '请导出为 GeoJSON 或 KML。', en: 'export as GeoJSON or KML.' },
    );
  const multiPoint = features.some((feature) => feature.geometry?.type === 'MultiPoint');
  const kind: ShapeKind = kinds.has(1)
    ? multiPoint
      ? 8
      : 1
    : ((kinds.values().next().value as ShapeKind | undefined) ?? 5);
  const project = (position: Position): Position =>
    fromLonLat(definition, position[0] as number, position[1] as number);
  const warnings: FormatWarning[] = [];
  const columns = dbfColumns(features, encoding, name, warnings);
  const { shp, shx } = shpFiles(features, kind, project);
  const dbf = dbfFile(features, columns, encoding, name);
  const bytes = zipSync({
    [`${name}.shp`]: shp,
    [`${name}.shx`]: shx,
    [`${name}.dbf`]: dbf,
    [`${name}.prj`]: encodeText(prjText(definition), 'utf-8'),
    [`${name}.cpg`]: encodeText(encoding === 'gbk' ? '936' : 'UTF-8', 'utf-8'),
  });
  return { bytes, warnings };
}
