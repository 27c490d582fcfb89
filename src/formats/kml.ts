// KML and KMZ in (Google Earth, 奥维 and GDAL write them): parsed by @xmldom/xmldom (the same parser in
// Node and the browser) and converted by @tmcw/togeojson. A KMZ is a zip of KML files (GDAL's LIBKML
// writes doc.kml linking layers/*.kml): every KML inside is read, doc.kml first. KML is longitude/
// latitude in WGS 84 by definition, read as CGCS2000. Style values togeojson adds (stroke, fill, …) are
// not the source's attributes and are left out.
import { kml } from '@tmcw/togeojson';
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import type { Geometry, LineString, Point, Polygon } from 'geojson';
import type { Parsed, SourceFeature } from './common.ts';
import { crsFromCode } from './crs.ts';
import { EXPORT_AGAIN, NOT_TEXT } from './geojson.ts';
import { decodeStrict, decodeText } from './text.ts';
import { type EncodingInfo, FormatError, type InputFile, type ReadOptions } from './types.ts';

const STYLE_KEYS = new Set([
  'styleUrl',
  'styleHash',
  'styleMap',
  'stroke',
  'stroke-opacity',
  'stroke-width',
  'fill',
  'fill-opacity',
  'icon',
  'icon-opacity',
  'icon-scale',
  'icon-color',
  'icon-heading',
  'icon-offset',
  'icon-offset-units',
  'label-color',
  'label-opacity',
  'label-scale',
  'visibility',
  '@geometry-type',
]);

function decodeKml(
  file: string,
  bytes: Uint8Array,
  options: ReadOptions,
): { text: string; encoding: EncodingInfo } {
  const head =
    decodeStrict(bytes.subarray(0, 200), 'utf-8') ?? String.fromCharCode(...bytes.subarray(0, 100));
  const declared = /encoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1]?.toLowerCase();
  const given = options.encoding ?? (declared && /gbk|gb2312|gb18030|936/.test(declared) ? 'gbk' : undefined);
  const decoded = decodeText(bytes, given);
  if (!decoded) throw new FormatError(file, NOT_TEXT, EXPORT_AGAIN);
  // The XML declaration named GBK: the file said so, as a .cpg would.
  return !options.encoding && given
    ? { text: decoded.text, encoding: { name: 'gbk', source: 'detected' } }
    : decoded;
}

function kmlFeatures(file: string, text: string): SourceFeature[] {
  const errors: string[] = [];
  const document = new DOMParser({
    onError: (level, message) => {
      if (level !== 'warning') errors.push(message);
    },
  }).parseFromString(text, 'text/xml');
  if (errors.length > 0 || !document.documentElement)
    throw new FormatError(
      file,
      {
        zh: `KML 的 XML 有误：${errors[0] ?? '没有根元素'}`,
        en: `the KML is not well-formed XML: ${errors[0] ?? 'no root element'}`,
      },
      EXPORT_AGAIN,
    );
  // A KMZ's doc.kml links the layers inside it; the links are not features (the layers are read themselves).
  for (const link of Array.from(document.getElementsByTagName('NetworkLink')))
    link.parentNode?.removeChild(link);
  return kml(document).features.map((feature) => {
    const properties: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(feature.properties ?? {}))
      if (!STYLE_KEYS.has(key)) properties[key] = value;
    return { type: 'Feature', geometry: multi(feature.geometry), properties };
  });
}

/** KML's MultiGeometry of polygons only (as GIS software writes a multipart parcel) is a MultiPolygon. */
function multi(geometry: Geometry | null): Geometry | null {
  if (geometry?.type !== 'GeometryCollection' || geometry.geometries.length === 0) return geometry;
  const parts = geometry.geometries;
  if (parts.every((part) => part.type === 'Polygon'))
    return { type: 'MultiPolygon', coordinates: parts.map((part) => (part as Polygon).coordinates) };
  if (parts.every((part) => part.type === 'LineString'))
    return { type: 'MultiLineString', coordinates: parts.map((part) => (part as LineString).coordinates) };
  if (parts.every((part) => part.type === 'Point'))
    return { type: 'MultiPoint', coordinates: parts.map((part) => (part as Point).coordinates) };
  return geometry;
}

export function parseKml(files: readonly InputFile[], options: ReadOptions): Parsed {
  const file = files[0] as InputFile;
  const isKmz = /\.kmz$/i.test(file.name);
  let documents: { name: string; bytes: Uint8Array }[];
  if (isKmz) {
    let entries: Record<string, Uint8Array>;
    try {
      entries = unzipSync(file.bytes, { filter: (entry) => /\.kml$/i.test(entry.name) });
    } catch {
      throw new FormatError(
        file.name,
        { zh: 'KMZ 压缩包已损坏。', en: 'the KMZ archive is damaged.' },
        EXPORT_AGAIN,
      );
    }
    documents = Object.entries(entries)
      .map(([name, bytes]) => ({ name, bytes }))
      .sort((a, b) => Number(b.name === 'doc.kml') - Number(a.name === 'doc.kml'));
    if (documents.length === 0)
      throw new FormatError(
        file.name,
        { zh: 'KMZ 里没有 KML 文件。', en: 'the KMZ holds no KML file.' },
        EXPORT_AGAIN,
      );
  } else documents = [file];
  let encoding: EncodingInfo = { name: 'utf-8', source: 'utf-8' };
  const features: SourceFeature[] = [];
  for (const document of documents) {
    const decoded = decodeKml(file.name, document.bytes, options);
    if (document === documents[0]) encoding = decoded.encoding;
    features.push(...kmlFeatures(file.name, decoded.text));
  }
  // KML leaves out an empty ExtendedData value: every feature gets every field, null when absent.
  const fields = [...new Set(features.flatMap((feature) => Object.keys(feature.properties)))];
  const filled = features.map((feature) => ({
    ...feature,
    properties: Object.fromEntries(fields.map((field) => [field, feature.properties[field] ?? null])),
  }));
  return {
    format: isKmz ? 'kmz' : 'kml',
    encoding,
    declared: { verdict: crsFromCode('EPSG:4490'), source: 'default' },
    fields,
    features: filled,
    warnings: [],
  };
}
