// GeoJSON in: RFC 7946 (longitude/latitude), and as older tools write it — the 2008 "crs" member naming
// a projected system (EPSG:4526 …), or projected coordinates with no word about them (then the size of
// the coordinates suggests a system the person confirms). UTF-8 with or without a byte-order mark, or
// GBK as some Chinese tools write it, decoded strictly: never garbled.
import type { Bilingual } from '../domain/i18n.ts';
import type { Parsed, SourceFeature } from './common.ts';
import type { CrsVerdict } from './crs.ts';
import { crsFromCode } from './crs.ts';
import { decodeText } from './text.ts';
import { FormatError, type ReadOptions } from './types.ts';

export const NOT_TEXT: Bilingual = {
  zh: '文件既不是有效的 UTF-8 文本，也不是有效的 GBK 文本（可能是二进制文件或已损坏）。',
  en: 'the file is neither valid UTF-8 text nor valid GBK text (perhaps a binary file, or damaged).',
};

export const EXPORT_AGAIN: Bilingual = {
  zh: '请在 GIS 软件中重新导出（GeoJSON、Shapefile 压缩包、KML、CSV 或勘测定界 TXT）。',
  en: 'export it again from the GIS software (GeoJSON, zipped Shapefile, KML, CSV or survey TXT).',
};

/** The legacy "crs" member: {type:'name', properties:{name:'urn:ogc:def:crs:EPSG::4526'}} or {type:'EPSG', properties:{code:4526}}. */
function crsMember(value: unknown): CrsVerdict | null {
  if (typeof value !== 'object' || value === null) return null;
  const { type, properties } = value as { type?: unknown; properties?: { name?: unknown; code?: unknown } };
  if (type === 'name' && typeof properties?.name === 'string') return crsFromCode(properties.name);
  if (type === 'EPSG' && (typeof properties?.code === 'number' || typeof properties?.code === 'string'))
    return crsFromCode(String(properties.code));
  return null;
}

export function parseGeoJson(file: string, bytes: Uint8Array, options: ReadOptions): Parsed {
  const decoded = decodeText(bytes, options.encoding);
  if (!decoded) throw new FormatError(file, NOT_TEXT, EXPORT_AGAIN);
  let value: unknown;
  try {
    value = JSON.parse(decoded.text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new FormatError(
      file,
      { zh: `JSON 语法错误：${reason}`, en: `JSON syntax error: ${reason}` },
      {
        zh: '运行 atlas check 查看出错的行，或从 GIS 软件重新导出。',
        en: 'run atlas check for the line, or export it again from the GIS software.',
      },
    );
  }
  const root = value as { type?: unknown; features?: unknown; crs?: unknown };
  let features: SourceFeature[];
  if (root?.type === 'FeatureCollection' && Array.isArray(root.features))
    features = root.features as SourceFeature[];
  else if (root?.type === 'Feature') features = [root as unknown as SourceFeature];
  else
    throw new FormatError(
      file,
      {
        zh: '这不是 GeoJSON 要素集合（缺少 "type": "FeatureCollection" 和 features 数组）。',
        en: 'this is not a GeoJSON FeatureCollection (no "type": "FeatureCollection" with a features array).',
      },
      EXPORT_AGAIN,
    );
  features = features.map((feature, index) => {
    if (typeof feature !== 'object' || feature === null || feature.type !== 'Feature')
      throw new FormatError(
        file,
        {
          zh: `第 ${index + 1} 个要素不是 GeoJSON Feature。`,
          en: `feature ${index + 1} is not a GeoJSON Feature.`,
        },
        {
          zh: '运行 atlas check 查看详情，修复后重新导出。',
          en: 'run atlas check for details, repair and export again.',
        },
        index,
      );
    const properties = feature.properties && typeof feature.properties === 'object' ? feature.properties : {};
    return { ...feature, geometry: feature.geometry ?? null, properties };
  });
  const member = crsMember(root.crs);
  return {
    format: 'geojson',
    encoding: decoded.encoding,
    declared: member ? { verdict: member, source: 'crs-member' } : null,
    fields: null,
    features,
    warnings:
      decoded.encoding.name === 'gbk' && decoded.encoding.source === 'detected'
        ? [
            {
              message: {
                zh: '文件是 GBK 编码（不是 GeoJSON 规定的 UTF-8），已按 GBK 读取。',
                en: 'the file is in GBK (not UTF-8 as GeoJSON requires): read as GBK.',
              },
            },
          ]
        : [],
  };
}
