// The 勘测定界 / 报批 coordinate TXT (PRODUCT.md "Coordinates"): an [属性描述] section of key=value lines
// (坐标系, 几度分带, 带号 …), then [地块坐标]: per parcel a header line
// 界址点数,地块面积(公顷),地块编号,地块名称,记录图形属性(面),图幅号,地块用途,地类编码,@ and its points
// 点号,圈号,X,Y — X the northing, Y the easting (with or without the zone number before it). 圈号 numbers
// the rings: 1 the outer ring; a later ring inside it is a hole, one outside it another part.
import type { Position } from 'geojson';
import type { Bilingual } from '../domain/i18n.ts';
import type { Parsed, SourceFeature } from './common.ts';
import { type CrsVerdict, crsFromCode, gkDefinition } from './crs.ts';
import { EXPORT_AGAIN, NOT_TEXT } from './geojson.ts';
import { decodeText } from './text.ts';
import { FormatError, type FormatWarning, type ReadOptions } from './types.ts';

/** The parcel header's fields, in order (the names the TXT standard gives them). */
const TXT_FIELDS = [
  '界址点数',
  '地块面积',
  '地块编号',
  '地块名称',
  '记录图形属性',
  '图幅号',
  '地块用途',
  '地类编码',
] as const;

const OLD_DATUM: Bilingual = {
  zh: '坐标系为西安 1980 或北京 1954，需要本地转换参数才能换算到 CGCS2000；请先转换为 2000 国家大地坐标系。',
  en: "the coordinate system is Xi'an 1980 or Beijing 1954, which needs local transformation parameters to become CGCS2000: convert to CGCS2000 first.",
};

/** The system the header names: 坐标系 (2000国家大地坐标系, 80西安…), 几度分带 (3 or 6) and 带号 (zone, or a central meridian). */
function headerCrs(header: Map<string, string>, sampleEasting: number | null): CrsVerdict | null {
  const system = header.get('坐标系') ?? '';
  if (/西安|80|北京|54/.test(system) && !/2000/.test(system)) return { ok: false, reason: OLD_DATUM };
  const widthText = header.get('几度分带') ?? '';
  const zoneText = header.get('带号') ?? '';
  if (zoneText === '') return null;
  const width = /6/.test(widthText) ? 6 : 3;
  let zone = Number.parseInt(zoneText, 10);
  if (!Number.isFinite(zone)) return null;
  if (zone > 60) zone = width === 3 ? zone / 3 : (zone + 3) / 6; // 带号 written as the central meridian
  const prefixed = sampleEasting !== null && sampleEasting >= 1_000_000;
  const definition = gkDefinition(width, zone, prefixed);
  if (!definition) return crsFromCode(`${width}° zone ${zoneText}`);
  return { ok: true, definition, wgs84: /WGS/i.test(system) };
}

function ringInside(ring: Position[], outer: Position[]): boolean {
  const [x, y] = ring[0] as [number, number];
  let inside = false;
  for (let i = 0, j = outer.length - 1; i < outer.length; j = i++) {
    const [xi, yi] = outer[i] as [number, number];
    const [xj, yj] = outer[j] as [number, number];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function parseSurveyTxt(file: string, bytes: Uint8Array, options: ReadOptions): Parsed {
  const decoded = decodeText(bytes, options.encoding);
  if (!decoded) throw new FormatError(file, NOT_TEXT, EXPORT_AGAIN);
  const lines = decoded.text.split(/\r\n|\n|\r/);
  const header = new Map<string, string>();
  let section = '';
  const parcels: { line: number; values: string[]; rings: Map<string, Position[]> }[] = [];
  const notSurvey = () =>
    new FormatError(
      file,
      {
        zh: '这不是勘测定界坐标文件（没有 [地块坐标] 部分）。',
        en: 'this is not a survey coordinate file (no [地块坐标] section).',
      },
      {
        zh: '勘测定界 TXT 应有 [属性描述] 和 [地块坐标] 两部分；其他文本表格请另存为 CSV。',
        en: 'a survey TXT has an [属性描述] and a [地块坐标] section; save other tables as CSV.',
      },
    );
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const sectionMatch = /^\[(.+)\]$/.exec(line);
    if (sectionMatch) {
      section = (sectionMatch[1] as string).trim();
      return;
    }
    if (section === '属性描述') {
      const equals = line.indexOf('=');
      if (equals > 0) header.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim());
      return;
    }
    if (section !== '地块坐标') return;
    const cells = line.split(/[,，]/).map((cell) => cell.trim());
    if (cells[cells.length - 1] === '@') {
      parcels.push({ line: index + 1, values: cells.slice(0, -1), rings: new Map() });
      return;
    }
    const parcel = parcels[parcels.length - 1];
    const x = Number(cells[2]);
    const y = Number(cells[3]);
    if (
      !parcel ||
      cells.length < 4 ||
      !Number.isFinite(x) ||
      !Number.isFinite(y) ||
      cells[2] === '' ||
      cells[3] === ''
    )
      throw new FormatError(
        file,
        {
          zh: `第 ${index + 1} 行不是“点号,圈号,X,Y”：${line.slice(0, 60)}`,
          en: `line ${index + 1} is not "point,ring,X,Y": ${line.slice(0, 60)}`,
        },
        {
          zh: '每个地块以“…,@”结尾的表头行开始，其后每行一个界址点。',
          en: 'each parcel starts with a header line ending in ",@", followed by one line per boundary point.',
        },
        parcel ? parcels.length - 1 : undefined,
      );
    const ringKey = cells[1] as string;
    const ring = parcel.rings.get(ringKey) ?? [];
    ring.push([y, x]); // easting, northing
    parcel.rings.set(ringKey, ring);
  });
  if (parcels.length === 0) throw notSurvey();
  const warnings: FormatWarning[] = [];
  const features: SourceFeature[] = parcels.map((parcel, index) => {
    const polygons: Position[][][] = [];
    for (const [key, ring] of parcel.rings) {
      const first = ring[0] as Position;
      const last = ring[ring.length - 1] as Position;
      if (first[0] !== last[0] || first[1] !== last[1]) ring.push([...first]);
      if (ring.length < 4)
        throw new FormatError(
          file,
          {
            zh: `地块 ${parcel.values[2] ?? index + 1} 的第 ${key} 圈少于 3 个点。`,
            en: `ring ${key} of parcel ${parcel.values[2] ?? index + 1} has fewer than 3 points.`,
          },
          EXPORT_AGAIN,
          index,
        );
      const owner = polygons.find((polygon) => ringInside(ring, polygon[0] as Position[]));
      if (owner) owner.push(ring);
      else polygons.push([ring]);
    }
    const properties: Record<string, unknown> = {};
    TXT_FIELDS.forEach((name, column) => {
      const value = parcel.values[column];
      properties[name] =
        value === undefined || value === ''
          ? null
          : column <= 1 && Number.isFinite(Number(value))
            ? Number(value)
            : value;
    });
    const count = properties.界址点数;
    const points = [...parcel.rings.values()].reduce((sum, ring) => sum + ring.length - 1, 0);
    if (typeof count === 'number' && count !== points && count !== points + parcel.rings.size)
      warnings.push({
        feature: index,
        message: {
          zh: `地块 ${properties.地块编号 ?? index + 1} 的界址点数写的是 ${count}，实际有 ${points} 个点。`,
          en: `parcel ${properties.地块编号 ?? index + 1} says ${count} boundary points but has ${points}.`,
        },
      });
    return {
      type: 'Feature',
      geometry:
        polygons.length === 1
          ? { type: 'Polygon', coordinates: polygons[0] as Position[][] }
          : { type: 'MultiPolygon', coordinates: polygons },
      properties,
    };
  });
  const sample = [...(parcels[0]?.rings.values() ?? [])][0]?.[0];
  const verdict = headerCrs(header, sample ? (sample[0] as number) : null);
  return {
    format: 'txt',
    encoding: decoded.encoding,
    declared: verdict ? { verdict, source: 'txt-header' } : null,
    fields: [...TXT_FIELDS],
    features,
    warnings,
  };
}
