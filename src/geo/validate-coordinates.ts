// Whether the numbers are longitude and latitude at all: projected metres (Gauss-Krüger survey
// coordinates, PRODUCT.md), latitude and longitude swapped, values out of range; and the advisory
// warnings of RFC 7946 on positions: more than three numbers, more precision than ~1 cm.

import type { Geometry, Position } from 'geojson';
import type { Bilingual } from '../domain/i18n.ts';
import { forEachPosition } from './positions.ts';
import { displayText, PROBLEM_CODES, type ProblemCollector } from './problems.ts';

export interface LocatedGeometry {
  index: number | null;
  id: string | number | null;
  geometry: Geometry;
}

/** 7 decimals of a degree are about 1 cm on the ground: more is noise (RFC 7946 §11.2). */
const MAX_DECIMALS = 7;
const SCALE = 10 ** MAX_DECIMALS;
/** Degrees never exceed this; metres from any projection in use here do. */
const DEGREE_LIMIT = 400;

type GaussKrugerForm = 'zone-prefixed' | 'zone-prefixed-swapped' | 'plain' | 'plain-swapped' | 'other';

function gaussKrugerForm(x: number, y: number): GaussKrugerForm {
  const northing = (v: number) => v >= 1_000_000 && v < 6_000_000;
  const prefixed = (v: number) => v >= 13_000_000 && v < 46_000_000;
  const plain = (v: number) => v >= 100_000 && v < 900_000;
  if (prefixed(x) && northing(y)) return 'zone-prefixed';
  if (prefixed(y) && northing(x)) return 'zone-prefixed-swapped';
  if (plain(x) && northing(y)) return 'plain';
  if (plain(y) && northing(x)) return 'plain-swapped';
  return 'other';
}

class CoordinateSurvey {
  positions = 0;
  projected = 0;
  firstProjected: { feature: number | null; position: Position } | null = null;
  swappable = 0;
  outOfRange = 0;
  tooPrecise = 0;
  firstTooPrecise: { feature: number | null; value: number } | null = null;
  tooManyNumbers = 0;
  firstTooMany: number | null = null;
  /** Features with a value out of range, in order. */
  outOfRangeFeatures: LocatedGeometry[] = [];

  visit(p: Position, feature: number | null): boolean {
    this.positions++;
    const x = p[0] as number;
    const y = p[1] as number;
    if (p.length > 3 && this.tooManyNumbers++ === 0) this.firstTooMany = feature;
    if (Math.abs(x) > DEGREE_LIMIT || Math.abs(y) > DEGREE_LIMIT) {
      if (this.projected++ === 0) this.firstProjected = { feature, position: p };
      return false;
    }
    let inRange = true;
    if (Math.abs(x) > 180 || Math.abs(y) > 90) {
      this.outOfRange++;
      inRange = false;
    }
    if (Math.abs(x) <= 90 && Math.abs(y) <= 180) this.swappable++;
    for (let i = 0; i < 2; i++) {
      const scaled = (p[i] as number) * SCALE;
      if (Math.abs(scaled - Math.round(scaled)) > 1e-5 && this.tooPrecise++ === 0) {
        this.firstTooPrecise = { feature, value: p[i] as number };
      }
    }
    return inRange;
  }

  geometry(geometry: Geometry, feature: number | null): boolean {
    let inRange = true;
    forEachPosition(geometry, (position) => {
      if (!this.visit(position, feature)) inRange = false;
    });
    return inRange;
  }
}

function featureText(feature: number | null): Bilingual {
  return feature === null ? { zh: '', en: '' } : { zh: `要素 ${feature} 中的`, en: ` in feature ${feature}` };
}

function projectedMessage(position: Position, feature: number | null): Bilingual {
  const x = position[0] as number;
  const y = position[1] as number;
  const form = gaussKrugerForm(x, y);
  const example = displayText([x, y]);
  const where = featureText(feature);
  const head = {
    zh: `坐标是投影坐标（米），不是经纬度：如${where.zh} ${example}。`,
    en: `the coordinates are projected metres, not longitude/latitude: e.g. ${example}${where.en}.`,
  };
  const zone = Math.floor((form === 'zone-prefixed' ? x : y) / 1_000_000);
  let what: Bilingual;
  switch (form) {
    case 'zone-prefixed':
    case 'zone-prefixed-swapped': {
      const swapped =
        form === 'zone-prefixed-swapped'
          ? {
              zh: '（且先北坐标后东坐标，即勘测坐标的 X、Y 顺序）',
              en: ' (northing first, as X and Y on survey papers)',
            }
          : { zh: '', en: '' };
      const epsg = zone >= 25 && zone <= 45 ? `EPSG:${4488 + zone}` : 'EPSG:4513–4533';
      what = {
        zh: `看起来是 CGCS2000 3 度带高斯-克吕格坐标，第 ${zone} 带（带号在东坐标前）${swapped.zh}，即 ${epsg}。请在 GIS 软件中从 ${epsg} 转换到经纬度（EPSG:4490 或 WGS84/EPSG:4326）后导出 GeoJSON。`,
        en: `they look like CGCS2000 3-degree Gauss-Krüger, zone ${zone} (zone number before the easting)${swapped.en}, i.e. ${epsg}. Reproject from ${epsg} to longitude/latitude (EPSG:4490 or WGS84, EPSG:4326) in the GIS software and export the GeoJSON again.`,
      };
      break;
    }
    case 'plain':
    case 'plain-swapped': {
      const swapped =
        form === 'plain-swapped'
          ? { zh: '（先北坐标后东坐标）', en: ' (northing first)' }
          : { zh: '', en: '' };
      what = {
        zh: `看起来是不带带号的 CGCS2000 3 度带高斯-克吕格坐标${swapped.zh}：鹤山多为 EPSG:4547（中央经线 114°E），112.5°E 以西为 EPSG:4546（111°E）。请转换到经纬度（EPSG:4490 或 EPSG:4326）后导出 GeoJSON。`,
        en: `they look like CGCS2000 3-degree Gauss-Krüger without the zone number${swapped.en}: for Heshan mostly EPSG:4547 (central meridian 114°E), west of 112.5°E EPSG:4546 (111°E). Reproject to longitude/latitude (EPSG:4490 or EPSG:4326) and export the GeoJSON again.`,
      };
      break;
    }
    default:
      what = {
        zh: '请确认原始坐标系（鹤山测绘数据多为 CGCS2000 高斯-克吕格 EPSG:4526/4547），转换到经纬度（EPSG:4490 或 EPSG:4326）后导出 GeoJSON。',
        en: 'find out the source coordinate system (Heshan survey data is mostly CGCS2000 Gauss-Krüger, EPSG:4526 or EPSG:4547), reproject to longitude/latitude (EPSG:4490 or EPSG:4326) and export the GeoJSON again.',
      };
  }
  return { zh: head.zh + what.zh, en: `${head.en} ${what.en.charAt(0).toUpperCase()}${what.en.slice(1)}` };
}

/**
 * Surveys every position of the (structurally sound) geometries. Out-of-range longitude/latitude is an
 * error for a layer file and a warning for generic GeoJSON (RFC 7946 readers meet such test data).
 */
export function checkCoordinates(
  geometries: readonly LocatedGeometry[],
  problems: ProblemCollector,
  strictRange: boolean,
): void {
  const survey = new CoordinateSurvey();
  for (const located of geometries) {
    if (!survey.geometry(located.geometry, located.index)) survey.outOfRangeFeatures.push(located);
  }
  if (survey.projected > 0 && survey.firstProjected) {
    problems.error(
      PROBLEM_CODES.projectedCoordinates,
      projectedMessage(survey.firstProjected.position, survey.firstProjected.feature),
    );
  } else if (survey.outOfRange > 0 && survey.swappable === survey.positions) {
    problems.error(PROBLEM_CODES.latLonSwapped, {
      zh: `纬度和经度写反了：${survey.outOfRange} 个坐标点的纬度超出 ±90°，而交换后全部有效（鹤山应为 [112.96, 22.77] 这样的 [经度, 纬度]）。请交换每个坐标点的两个数后重新导出。`,
      en: `latitude and longitude are swapped: ${survey.outOfRange} positions have a latitude beyond ±90° and all are valid once swapped (GeoJSON is [longitude, latitude], e.g. [112.96, 22.77] for Heshan). Swap the two numbers of every position and export again.`,
    });
  } else {
    for (const located of survey.outOfRangeFeatures) {
      problems.add(
        strictRange ? 'error' : 'warning',
        PROBLEM_CODES.coordinateOutOfRange,
        {
          zh: '坐标超出经纬度范围（经度 −180°…180°，纬度 −90°…90°）；请检查坐标系与数值。',
          en: 'coordinates are outside longitude −180°…180° / latitude −90°…90°; check the coordinate system and the values.',
        },
        { featureIndex: located.index, featureId: located.id },
      );
    }
  }
  if (survey.tooManyNumbers > 0) {
    problems.warning(PROBLEM_CODES.tooManyNumbers, {
      zh: `${survey.tooManyNumbers} 个坐标点有三个以上的数（首见于${survey.firstTooMany === null ? '几何' : `要素 ${survey.firstTooMany}`}）；RFC 7946 只定义经度、纬度和高程，多余的数将被忽略。`,
      en: `${survey.tooManyNumbers} position${survey.tooManyNumbers === 1 ? ' has' : 's have'} more than three numbers (first in ${survey.firstTooMany === null ? 'the geometry' : `feature ${survey.firstTooMany}`}); RFC 7946 defines only longitude, latitude and elevation, the rest is ignored.`,
    });
  }
  if (survey.tooPrecise > 0 && survey.firstTooPrecise) {
    const { feature, value } = survey.firstTooPrecise;
    problems.warning(PROBLEM_CODES.excessivePrecision, {
      zh: `${survey.tooPrecise} 个坐标值超过 ${MAX_DECIMALS} 位小数（如${featureText(feature).zh} ${value}）；${MAX_DECIMALS} 位已达约 1 厘米，导出时可保留 ${MAX_DECIMALS} 位以减小文件。`,
      en: `${survey.tooPrecise} coordinate value${survey.tooPrecise === 1 ? ' has' : 's have'} more than ${MAX_DECIMALS} decimals (e.g. ${value}${featureText(feature).en}); ${MAX_DECIMALS} decimals is about 1 cm, so export with ${MAX_DECIMALS} to keep files small.`,
    });
  }
}
