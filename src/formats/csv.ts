// CSV in, as Excel and GDAL write it: UTF-8 with or without a byte-order mark, or GBK (Excel's "CSV"
// on Chinese Windows); comma, semicolon or tab separated (papaparse). The geometry is a WKT column
// (WKT, geometry, the_geom, 几何 …), or a pair of coordinate columns: longitude/latitude (lon/lat, 经度/
// 纬度) or projected X/Y. Surveyors write X for the northing, GIS software for the easting: the sizes of
// the values decide which is which (an easting carries the zone number, or is under 1 000 km while a
// northing in China is over it), and a swap is said. Values stay text, as the file holds no types; the
// import converts them to the layer's.

import type { Position } from 'geojson';
import Papa from 'papaparse';
import type { Parsed, SourceFeature } from './common.ts';
import { crsFromCode } from './crs.ts';
import { EXPORT_AGAIN, NOT_TEXT } from './geojson.ts';
import { decodeText } from './text.ts';
import { FormatError, type FormatWarning, type ReadOptions } from './types.ts';
import { parseWkt } from './wkt.ts';

const WKT_NAMES = /^(wkt|geometry|geom|the_geom|shape|几何|图形|空间信息)$/i;
const LON_NAMES = /^(lon|lng|long|longitude|经度|x经度)$/i;
const LAT_NAMES = /^(lat|latitude|纬度|y纬度)$/i;
const X_NAMES = /^(x|x坐标|坐标x|东坐标|easting)$/i;
const Y_NAMES = /^(y|y坐标|坐标y|北坐标|northing)$/i;

const NO_GEOMETRY_HINT = {
  zh: 'CSV 需要一列 WKT 几何（列名 WKT），或经度/纬度两列（lon/lat、经度/纬度），或 X/Y 坐标两列。',
  en: 'a CSV needs a WKT geometry column (named WKT), or longitude/latitude columns (lon/lat, 经度/纬度), or X/Y coordinate columns.',
};

export function parseCsv(file: string, bytes: Uint8Array, options: ReadOptions): Parsed {
  const decoded = decodeText(bytes, options.encoding);
  if (!decoded) throw new FormatError(file, NOT_TEXT, EXPORT_AGAIN);
  const parsed = Papa.parse<string[]>(decoded.text, { skipEmptyLines: 'greedy' });
  const quoteError = parsed.errors.find((error) => error.type === 'Quotes');
  if (quoteError)
    throw new FormatError(
      file,
      {
        zh: `第 ${(quoteError.row ?? 0) + 1} 行的引号没有闭合。`,
        en: `a quote on row ${(quoteError.row ?? 0) + 1} is not closed.`,
      },
      EXPORT_AGAIN,
    );
  const [header, ...rows] = parsed.data;
  if (!header || rows.length === 0)
    throw new FormatError(file, { zh: 'CSV 中没有数据行。', en: 'the CSV has no data rows.' }, EXPORT_AGAIN);
  const names = header.map((name) => name.trim());
  // A header may be a label with the name in brackets, as our own CSV writes it: 几何 (WKT), 经度 (lon).
  const find = (pattern: RegExp) =>
    names.findIndex((name) => pattern.test(name) || pattern.test(/\(([^()]+)\)$/.exec(name)?.[1] ?? ''));
  const wktColumn = find(WKT_NAMES);
  let pair: [number, number] | null = null;
  let pairKind: 'lonlat' | 'xy' = 'lonlat';
  if (wktColumn < 0) {
    const lon = find(LON_NAMES);
    const lat = find(LAT_NAMES);
    const x = find(X_NAMES);
    const y = find(Y_NAMES);
    if (lon >= 0 && lat >= 0) pair = [lon, lat];
    else if (x >= 0 && y >= 0) {
      pair = [x, y];
      pairKind = 'xy';
    } else
      throw new FormatError(
        file,
        { zh: '找不到几何列或坐标列。', en: 'no geometry or coordinate columns found.' },
        NO_GEOMETRY_HINT,
      );
  }
  const warnings: FormatWarning[] = [];
  const geometryColumns = new Set(wktColumn >= 0 ? [wktColumn] : (pair as number[]));
  const attributeColumns = names.map((_, index) => index).filter((index) => !geometryColumns.has(index));
  // X/Y: which is the easting? Decided once, from the first row with numbers.
  let swap = false;
  if (pair && pairKind === 'xy') {
    const first = rows.find((row) => Number.isFinite(Number(row[pair?.[0] as number])));
    const a = Number(first?.[pair[0]]);
    const b = Number(first?.[pair[1]]);
    const isPrefixedEasting = (v: number) => v >= 13_000_000 && v < 46_000_000;
    swap =
      (isPrefixedEasting(b) && !isPrefixedEasting(a)) ||
      (a >= 1_000_000 && a < 10_000_000 && b > 180 && b < 1_000_000);
    if (swap)
      warnings.push({
        message: {
          zh: `${names[pair[0]]} 列是北坐标、${names[pair[1]]} 列是东坐标（测量习惯），已按此读取。`,
          en: `the column ${names[pair[0]]} holds northings and ${names[pair[1]]} eastings (the surveyors' convention): read so.`,
        },
      });
  }
  const features: SourceFeature[] = rows.map((row, index) => {
    const properties: Record<string, unknown> = {};
    for (const column of attributeColumns) {
      const value = row[column];
      properties[names[column] as string] = value === undefined || value === '' ? null : value;
    }
    if (wktColumn >= 0) {
      const text = row[wktColumn] ?? '';
      const geometry = text.trim() === '' ? null : parseWkt(text);
      if (typeof geometry === 'string')
        throw new FormatError(
          file,
          {
            zh: `第 ${index + 2} 行的 WKT 无法读取：${geometry}`,
            en: `the WKT on line ${index + 2} cannot be read: ${geometry}`,
          },
          { zh: '请修正这一行的几何后重新导入。', en: 'correct the geometry on that line and import again.' },
          index,
        );
      return { type: 'Feature', geometry, properties };
    }
    const [first, second] = pair as [number, number];
    const a = row[first]?.trim() ?? '';
    const b = row[second]?.trim() ?? '';
    if (a === '' && b === '') return { type: 'Feature', geometry: null, properties };
    const position: Position = swap ? [Number(b), Number(a)] : [Number(a), Number(b)];
    if (a === '' || b === '' || !Number.isFinite(position[0]) || !Number.isFinite(position[1]))
      throw new FormatError(
        file,
        {
          zh: `第 ${index + 2} 行的坐标（${a}, ${b}）不是数字。`,
          en: `the coordinates on line ${index + 2} (${a}, ${b}) are not numbers.`,
        },
        {
          zh: '请修正这一行的坐标后重新导入。',
          en: 'correct the coordinates on that line and import again.',
        },
        index,
      );
    return { type: 'Feature', geometry: { type: 'Point', coordinates: position }, properties };
  });
  return {
    format: 'csv',
    encoding: decoded.encoding,
    declared: pairKind === 'lonlat' && pair ? { verdict: crsFromCode('EPSG:4490'), source: 'default' } : null,
    fields: attributeColumns.map((column) => names[column] as string),
    features,
    warnings,
  };
}
