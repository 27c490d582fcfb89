// The writers: a layer's features (longitude/latitude, as the store holds them) out as GeoJSON, a
// zipped Shapefile, KML, Excel-ready CSV or the 勘测定界 TXT. One entry point, writeLayerFile, for the
// server's export, the CLI's convert and the app.
import type { Feature, Geometry, Position } from 'geojson';
import { csvText } from '../domain/csv.ts';
import { landUseName } from '../domain/landuse.ts';
import { M2_PER_HA, M2_PER_MU } from '../domain/units.ts';
import { geometryAreaM2 } from '../geo/area.ts';
import { CGCS2000_CODE, type CrsDefinition, crsFromCode, fromLonLat } from './crs.ts';
import { encodeText, NotInGbk } from './text.ts';
import {
  FormatError,
  type FormatWarning,
  type WriteFormat,
  type WriteOptions,
  type WrittenFile,
} from './types.ts';
import { toWkt } from './wkt.ts';
import { writeShapefile } from './write-shapefile.ts';

/** Excel keeps at most 32 767 characters in a cell: a longer WKT would be cut there. */
const EXCEL_CELL_LIMIT = 32_767;

function definitionOf(code: string, name: string): CrsDefinition {
  const verdict = crsFromCode(code);
  if (!verdict.ok)
    throw new FormatError(name, verdict.reason, {
      zh: '请选择 CGCS2000 经纬度或一个高斯-克吕格带。',
      en: 'choose CGCS2000 longitude/latitude or a Gauss-Krüger zone.',
    });
  return verdict.definition;
}

function fieldsOf(features: readonly Feature<Geometry | null>[]): string[] {
  const seen = new Set<string>();
  for (const feature of features) for (const key of Object.keys(feature.properties ?? {})) seen.add(key);
  return [...seen];
}

/** RFC 7946 FeatureCollection, one feature a line (diffable, streamable), UTF-8 without BOM. */
function geojsonText(features: readonly Feature<Geometry | null>[]): string {
  if (features.length === 0) return '{"type":"FeatureCollection","features":[]}\n';
  return `{"type":"FeatureCollection","features":[\n${features.map((feature) => JSON.stringify(feature)).join(',\n')}\n]}\n`;
}

/** Control characters XML 1.0 does not allow (all below U+0020 but tab, LF and CR). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding those characters is the point.
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

function xml(value: string): string {
  return value.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`).replace(XML_FORBIDDEN, '');
}

function kmlGeometry(geometry: Geometry): string {
  const coordinates = (positions: Position[]) =>
    `<coordinates>${positions.map((p) => `${p[0]},${p[1]}`).join(' ')}</coordinates>`;
  const polygon = (rings: Position[][]) =>
    `<Polygon><outerBoundaryIs><LinearRing>${coordinates(rings[0] ?? [])}</LinearRing></outerBoundaryIs>${rings
      .slice(1)
      .map((ring) => `<innerBoundaryIs><LinearRing>${coordinates(ring)}</LinearRing></innerBoundaryIs>`)
      .join('')}</Polygon>`;
  switch (geometry.type) {
    case 'Point':
      return `<Point>${coordinates([geometry.coordinates])}</Point>`;
    case 'LineString':
      return `<LineString>${coordinates(geometry.coordinates)}</LineString>`;
    case 'Polygon':
      return polygon(geometry.coordinates);
    case 'MultiPoint':
      return `<MultiGeometry>${geometry.coordinates.map((p) => `<Point>${coordinates([p])}</Point>`).join('')}</MultiGeometry>`;
    case 'MultiLineString':
      return `<MultiGeometry>${geometry.coordinates.map((l) => `<LineString>${coordinates(l)}</LineString>`).join('')}</MultiGeometry>`;
    case 'MultiPolygon':
      return `<MultiGeometry>${geometry.coordinates.map(polygon).join('')}</MultiGeometry>`;
    case 'GeometryCollection':
      return `<MultiGeometry>${geometry.geometries.map(kmlGeometry).join('')}</MultiGeometry>`;
  }
}

/** KML 2.2 with the attributes as ExtendedData (a Schema, so Google Earth and GDAL type them). */
function kmlText(features: readonly Feature<Geometry | null>[], name: string): string {
  const fields = fieldsOf(features);
  const value = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));
  const placemarks = features.map((feature) => {
    const p = feature.properties ?? {};
    const title = p.name ?? p.名称 ?? p.地块名称 ?? p.id ?? feature.id;
    const data = fields
      .filter((field) => p[field] !== null && p[field] !== undefined)
      .map((field) => `<SimpleData name="${xml(field)}">${xml(value(p[field]))}</SimpleData>`)
      .join('');
    return `<Placemark>${title === undefined || title === null ? '' : `<name>${xml(String(title))}</name>`}<ExtendedData><SchemaData schemaUrl="#s">${data}</SchemaData></ExtendedData>${feature.geometry ? kmlGeometry(feature.geometry) : ''}</Placemark>`;
  });
  const schema = fields.map((field) => `<SimpleField name="${xml(field)}" type="string"/>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<kml xmlns="http://www.opengis.net/kml/2.2"><Document><name>${xml(name)}</name><Schema name="${xml(name)}" id="s">${schema}</Schema>\n${placemarks.join('\n')}\n</Document></kml>\n`;
}

/**
 * Excel-ready CSV (src/domain/csv.ts: BOM, CRLF, formula guard): a column per property under its label,
 * then the shape — longitude and latitude for points, WKT otherwise (left out, with a warning, when a
 * shape would overflow Excel's cell) — and the ellipsoidal area in 亩 last.
 */
function csvFile(
  features: readonly Feature<Geometry | null>[],
  labels: (field: string) => string = (f) => f,
): { text: string; warnings: FormatWarning[] } {
  const fields = fieldsOf(features);
  const points =
    features.length > 0 && features.every((f) => f.geometry === null || f.geometry.type === 'Point');
  const wkts = points ? [] : features.map((feature) => (feature.geometry ? toWkt(feature.geometry) : ''));
  const warnings: FormatWarning[] = [];
  const withWkt = !points && wkts.every((wkt) => wkt.length <= EXCEL_CELL_LIMIT);
  if (!points && !withWkt)
    warnings.push({
      message: {
        zh: '有图形超过 Excel 单元格的 32767 个字符，CSV 不含几何；请用 Shapefile 或 GeoJSON 保存图形。',
        en: "a shape is longer than Excel's 32 767-character cell, so the CSV carries no geometry; keep shapes in a Shapefile or GeoJSON.",
      },
    });
  const header = [...fields.map(labels)];
  if (points) header.push('经度 (lon)', '纬度 (lat)');
  if (withWkt) header.push('几何 (WKT)');
  header.push('面积（亩） (areaMu)');
  const rows: unknown[][] = [header];
  features.forEach((feature, index) => {
    const row: unknown[] = fields.map((field) => feature.properties?.[field]);
    if (points) {
      const point = feature.geometry?.type === 'Point' ? feature.geometry.coordinates : null;
      row.push(point?.[0] ?? null, point?.[1] ?? null);
    }
    if (withWkt) row.push(wkts[index]);
    row.push((geometryAreaM2(feature.geometry) / M2_PER_MU).toFixed(4));
    rows.push(row);
  });
  return { text: csvText(rows), warnings };
}

/** A parcel property for the TXT header: the survey's own name, else our schema's. */
function parcelValue(properties: Record<string, unknown>, names: string[]): string {
  for (const name of names) {
    const value = properties[name];
    if (value !== null && value !== undefined && value !== '')
      return String(value).replace(/[,，\r\n]/g, ' ');
  }
  return '';
}

/**
 * The 勘测定界 TXT of polygons in a Gauss-Krüger zone (PRODUCT.md "Coordinates"): X the northing, Y the
 * easting, to 0.1 mm; points numbered J1… through the parcel, each ring closed by repeating its first
 * point, outer rings clockwise as surveyors number them; 地块面积 the ellipsoidal area in hectares.
 */
function surveyTxt(
  features: readonly Feature<Geometry | null>[],
  definition: CrsDefinition,
  date: string,
  name: string,
): string {
  if (definition.kind !== 'gauss-kruger')
    throw new FormatError(
      name,
      {
        zh: '勘测定界 TXT 需要高斯-克吕格平面坐标。',
        en: 'a survey TXT needs Gauss-Krüger plane coordinates.',
      },
      {
        zh: '请选择一个高斯-克吕格带（如 EPSG:4526）。',
        en: 'choose a Gauss-Krüger zone (such as EPSG:4526).',
      },
    );
  const lines = [
    '[属性描述]',
    '格式版本号=1.01版本',
    '数据产生单位=Land Atlas 土地一张图',
    `数据产生日期=${date}`,
    '坐标系=2000国家大地坐标系',
    `几度分带=${definition.width}`,
    '投影类型=高斯克吕格',
    '计量单位=米',
    `带号=${definition.zone}`,
    '精度=0.0001',
    '转换参数=,,,,,,',
    '[地块坐标]',
  ];
  features.forEach((feature, index) => {
    const geometry = feature.geometry;
    if (geometry?.type !== 'Polygon' && geometry?.type !== 'MultiPolygon')
      throw new FormatError(
        name,
        { zh: '勘测定界 TXT 只能保存面（地块）。', en: 'a survey TXT holds polygons (parcels) only.' },
        {
          zh: '点和线请导出为 Shapefile、KML 或 GeoJSON。',
          en: 'export points and lines as a Shapefile, KML or GeoJSON.',
        },
        index,
      );
    const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
    const rings = polygons.flatMap((polygon) => polygon.map((ring, r) => ({ ring, outer: r === 0 })));
    const p = feature.properties ?? {};
    const points: string[] = [];
    let number = 0;
    rings.forEach(({ ring, outer }, r) => {
      const projected = ring
        .slice(0, -1)
        .map((position) => fromLonLat(definition, position[0] as number, position[1] as number));
      let sum = 0;
      for (let i = 0, j = projected.length - 1; i < projected.length; j = i++)
        sum +=
          (projected[j]?.[0] as number) * (projected[i]?.[1] as number) -
          (projected[i]?.[0] as number) * (projected[j]?.[1] as number);
      // Turned the other way round from the same first point, so that a TXT read and written again is the same.
      if (sum < 0 !== outer) projected.splice(1, projected.length - 1, ...projected.slice(1).reverse());
      const first = number + 1;
      for (const [easting, northing] of projected)
        points.push(`J${++number},${r + 1},${northing.toFixed(4)},${easting.toFixed(4)}`);
      const [easting, northing] = projected[0] as [number, number];
      points.push(`J${first},${r + 1},${northing.toFixed(4)},${easting.toFixed(4)}`);
    });
    const hectares = geometryAreaM2(geometry) / M2_PER_HA;
    const header = [
      String(points.length),
      hectares.toFixed(4),
      parcelValue(p, ['地块编号', 'id', 'DKBH']) || String(feature.id ?? index + 1),
      parcelValue(p, ['地块名称', 'name', 'enterprise', '名称', 'DKMC', 'QYMC']),
      '面',
      parcelValue(p, ['图幅号']),
      parcelValue(p, ['地块用途']) || (typeof p.landUse === 'string' ? landUseName(p.landUse, 'zh') : ''),
      parcelValue(p, ['地类编码', 'landUse', 'DLBM']),
      '@',
    ];
    lines.push(header.join(','), ...points);
  });
  return `${lines.join('\r\n')}\r\n`;
}

/** One layer in one format (see README "Formats"). */
export function writeLayerFile(
  features: readonly Feature<Geometry | null>[],
  format: WriteFormat,
  options: WriteOptions,
): WrittenFile {
  const { name } = options;
  switch (format) {
    case 'geojson':
      return {
        fileName: `${name}.geojson`,
        mediaType: 'application/geo+json; charset=utf-8',
        bytes: encodeText(geojsonText(features), 'utf-8'),
        warnings: [],
      };
    case 'shp': {
      const definition = definitionOf(options.crs ?? CGCS2000_CODE, name);
      const { bytes, warnings } = writeShapefile(features, name, definition, options.encoding ?? 'utf-8');
      return { fileName: `${name}.zip`, mediaType: 'application/zip', bytes, warnings };
    }
    case 'kml':
      return {
        fileName: `${name}.kml`,
        mediaType: 'application/vnd.google-earth.kml+xml; charset=utf-8',
        bytes: encodeText(kmlText(features, name), 'utf-8'),
        warnings: [],
      };
    case 'csv': {
      const { text, warnings } = csvFile(features, options.labels);
      return {
        fileName: `${name}.csv`,
        mediaType: 'text/csv; charset=utf-8',
        bytes: encodeText(text, 'utf-8'),
        warnings,
      };
    }
    case 'txt': {
      const definition = definitionOf(options.crs ?? 'EPSG:4526', name);
      const text = surveyTxt(
        features,
        definition,
        options.date ?? new Date().toISOString().slice(0, 10),
        name,
      );
      const encoding = options.encoding ?? 'utf-8';
      try {
        return {
          fileName: `${name}.txt`,
          mediaType: `text/plain; charset=${encoding === 'gbk' ? 'gbk' : 'utf-8'}`,
          bytes: encodeText(text, encoding),
          warnings: [],
        };
      } catch (error) {
        if (error instanceof NotInGbk)
          throw new FormatError(
            name,
            {
              zh: `字符“${error.character}”无法用 GBK 编码。`,
              en: `the character "${error.character}" cannot be written in GBK.`,
            },
            { zh: '请改用 UTF-8 导出。', en: 'export in UTF-8 instead.' },
          );
        throw error;
      }
    }
  }
}
