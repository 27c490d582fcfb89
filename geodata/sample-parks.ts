// The six industrial platforms of the sample: names as PRODUCT.md lists them; shapes, places and figures
// illustrative (irregular outlines of a few km² near the towns they belong to).
import type { Position } from 'geojson';
import type { ParkProperties } from '../src/domain/schemas.ts';
import { geometryAreaM2 } from '../src/geo/area.ts';
import { feature, type IdFeature } from './geojson-text.ts';
import { type Area, hasKinks, ringMeets, ringWithin } from './placement.ts';
import type { Random } from './random.ts';
import { blobRing } from './shapes.ts';

interface ParkPlan {
  id: string;
  name: string;
  kind: string;
  leadIndustries: string[];
  /** One entry per polygon part: centre, area in km², corners, stretch. */
  parts: { centre: Position; km2: number; vertices: number; aspect: number }[];
}

export const PARK_PLANS: readonly ParkPlan[] = [
  {
    id: 'PK-01',
    name: '广东(江门)硅能源产业基地鹤山园区',
    kind: '省级产业平台',
    leadIndustries: ['光伏组件', '硅材料', '新型储能'],
    parts: [{ centre: [112.795, 22.625], km2: 7.2, vertices: 16, aspect: 1.4 }],
  },
  {
    id: 'PK-02',
    name: '鹤山工业城',
    kind: '省级产业平台',
    leadIndustries: ['高端装备制造', '新一代电子信息', '金属制品'],
    parts: [
      { centre: [112.89, 22.66], km2: 4.2, vertices: 14, aspect: 1.2 },
      { centre: [112.835, 22.7], km2: 2.8, vertices: 12, aspect: 1.5 },
    ],
  },
  {
    id: 'PK-03',
    name: '珠海国际物流中心',
    kind: '市级产业平台',
    leadIndustries: ['现代物流', '冷链仓储', '跨境电商'],
    parts: [{ centre: [112.99, 22.787], km2: 3.2, vertices: 12, aspect: 1.3 }],
  },
  {
    id: 'PK-04',
    name: '中欧新材料创新基地',
    kind: '市级产业平台',
    leadIndustries: ['新材料', '高分子材料', '新型建材'],
    parts: [{ centre: [112.925, 22.737], km2: 4.0, vertices: 14, aspect: 1.2 }],
  },
  {
    id: 'PK-05',
    name: '中欧雅瑶新兴产业园',
    kind: '市级产业平台',
    leadIndustries: ['新一代电子信息', '智能家电', '精密制造'],
    parts: [{ centre: [112.993, 22.725], km2: 3.8, vertices: 15, aspect: 1.1 }],
  },
  {
    id: 'PK-06',
    name: '中欧(江门)中小企业国际合作区',
    kind: '国家级国际合作平台',
    leadIndustries: ['智能制造', '新一代电子信息', '生物医药'],
    parts: [{ centre: [112.895, 22.8], km2: 4.6, vertices: 16, aspect: 1.3 }],
  },
];

export type ParkFeature = IdFeature<ParkProperties & { plannedAreaHa: number }> & { geometry: Area };

/** Draws each park until its parts lie inside the boundary and clear of the parks drawn before. */
export function buildParks(random: Random, boundary: Area): ParkFeature[] {
  const parks: ParkFeature[] = [];
  for (const plan of PARK_PLANS) {
    const rings: Position[][] = [];
    for (const part of plan.parts) {
      let ring: Position[] | undefined;
      for (let attempt = 0; attempt < 200 && !ring; attempt++) {
        const candidate = blobRing(random, part.centre, part.km2 * 1e6, part.vertices, part.aspect);
        const clear =
          ringWithin(candidate, boundary) &&
          !hasKinks(candidate) &&
          parks.every((park) => !ringMeets(candidate, park.geometry)) &&
          rings.every((other) => !ringMeets(candidate, { type: 'Polygon', coordinates: [other] }));
        if (clear) ring = candidate;
      }
      if (!ring) throw new Error(`park ${plan.id}: no place found near ${part.centre.join(',')}`);
      rings.push(ring);
    }
    const geometry: Area =
      rings.length === 1
        ? { type: 'Polygon', coordinates: [rings[0] as Position[]] }
        : { type: 'MultiPolygon', coordinates: rings.map((ring) => [ring]) };
    // Planned area: roughly the drawn area, rounded as plans are (a plan often differs from the outline).
    const plannedAreaHa =
      Math.round(((geometryAreaM2(geometry) / 10_000) * random.between(0.95, 1.1)) / 10) * 10;
    parks.push(
      feature(
        { id: plan.id, name: plan.name, kind: plan.kind, leadIndustries: plan.leadIndustries, plannedAreaHa },
        geometry,
      ) as ParkFeature,
    );
  }
  return parks;
}
