// The sample's key projects: every project PRODUCT.md names, plus others, at every stage from signing to
// entering the statistics, with stage dates in order and investment in 亿元. Names are from public
// reports; places, dates and figures are illustrative.
import * as turf from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import { DEFAULT_STAGE_DURATIONS, STAGE_PLANNED_PROPERTY } from '../src/domain/deadlines.ts';
import { PROJECT_STAGES, type ProjectStage, STAGE_DATE_PROPERTY } from '../src/domain/layers.ts';
import type { ProjectProperties } from '../src/domain/schemas.ts';
import { M2_PER_MU } from '../src/domain/units.ts';
import { dayNumber, isoFromDay } from './dates.ts';
import { feature, type IdFeature } from './geojson-text.ts';
import { TOWN_CENTRES } from './heshan.ts';
import { type Area, hasKinks, type Occupancy, pointIn, ringMeets, ringWithin } from './placement.ts';
import type { Random } from './random.ts';
import type { ParkFeature } from './sample-parks.ts';
import { metresPerDegree, plotRing, round7 } from './shapes.ts';

/** The day the sample's stage dates run up to. */
export const AS_OF = '2026-10-31';

/**
 * The day the sample's planned dates (工期倒排) are drawn around: the projects' next milestones fall
 * overdue, due within 30 days, or later, as seen on this day (the generation stays deterministic; as
 * real days pass, more of them turn overdue).
 */
export const PLANNED_AROUND = '2026-12-01';

interface ProjectPlan {
  name: string;
  enterprise: string;
  industry: string;
  parkId: string | null;
  investmentPlanned: number;
  stage: ProjectStage;
  /** A site outline of this many 亩; a point when absent. */
  siteMu?: number;
}

export const NAMED_PROJECTS: readonly ProjectPlan[] = [
  {
    name: '信义集团鹤山玻璃产业基地',
    enterprise: '信义集团',
    industry: '新材料',
    parkId: 'PK-01',
    investmentPlanned: 60,
    stage: 'producing',
    siteMu: 900,
  },
  {
    name: '隆基绿能 10GW 单晶组件',
    enterprise: '隆基绿能科技股份有限公司',
    industry: '新能源',
    parkId: 'PK-01',
    investmentPlanned: 118,
    stage: 'started',
    siteMu: 1100,
  },
  {
    name: '中商人防二期',
    enterprise: '广东中商人防设备有限公司',
    industry: '高端装备制造',
    parkId: 'PK-02',
    investmentPlanned: 8.5,
    stage: 'delivered',
    siteMu: 120,
  },
  {
    name: '江门创维智能显示产业园',
    enterprise: '创维集团',
    industry: '新一代电子信息',
    parkId: 'PK-05',
    investmentPlanned: 35,
    stage: 'producing',
    siteMu: 420,
  },
  {
    name: '广东世运电路',
    enterprise: '广东世运电路科技股份有限公司',
    industry: '新一代电子信息',
    parkId: 'PK-06',
    investmentPlanned: 22,
    stage: 'registered',
    siteMu: 300,
  },
  {
    name: '鹤山市得润电子',
    enterprise: '鹤山市得润电子科技有限公司',
    industry: '新一代电子信息',
    parkId: 'PK-05',
    investmentPlanned: 12,
    stage: 'producing',
  },
  {
    name: '广东欣龙隧道装备',
    enterprise: '广东欣龙隧道装备股份有限公司',
    industry: '高端装备制造',
    parkId: 'PK-02',
    investmentPlanned: 20,
    stage: 'started',
    siteMu: 320,
  },
  {
    name: '日丰电缆',
    enterprise: '广东日丰电缆股份有限公司',
    industry: '新材料',
    parkId: 'PK-04',
    investmentPlanned: 15,
    stage: 'listed',
  },
  {
    name: '宝鹤物流',
    enterprise: '鹤山市宝鹤物流有限公司',
    industry: '现代物流',
    parkId: 'PK-03',
    investmentPlanned: 6,
    stage: 'registered',
    siteMu: 160,
  },
  {
    name: '博盈焊接',
    enterprise: '鹤山市博盈焊接材料有限公司',
    industry: '新材料',
    parkId: 'PK-02',
    investmentPlanned: 5.2,
    stage: 'signed',
  },
  {
    name: '世茂电子',
    enterprise: '鹤山世茂电子科技有限公司',
    industry: '新一代电子信息',
    parkId: 'PK-06',
    investmentPlanned: 4.5,
    stage: 'producing',
  },
  {
    name: '创维光电',
    enterprise: '江门创维光电科技有限公司',
    industry: '新一代电子信息',
    parkId: 'PK-05',
    investmentPlanned: 10,
    stage: 'started',
  },
  {
    name: '广东晶晟光电',
    enterprise: '广东晶晟光电科技有限公司',
    industry: '新能源',
    parkId: 'PK-01',
    investmentPlanned: 8,
    stage: 'delivered',
  },
];

const OTHER_NAMES: readonly [string, string][] = [
  ['智能装备产业园', '高端装备制造'],
  ['精密五金智造基地', '传统产业升级改造'],
  ['新型显示模组', '新一代电子信息'],
  ['高性能铝型材', '新材料'],
  ['储能电池 PACK', '新能源'],
  ['智慧仓储中心', '现代物流'],
  ['卫浴智能工厂', '传统产业升级改造'],
  ['电子元器件扩产', '新一代电子信息'],
  ['光伏支架', '新能源'],
  ['高分子新材料', '新材料'],
  ['工业机器人', '高端装备制造'],
  ['冷链物流园', '现代物流'],
  ['印制电路板', '新一代电子信息'],
  ['不锈钢制品技改', '传统产业升级改造'],
  ['特种涂料', '新材料'],
  ['新能源汽车零部件', '高端装备制造'],
];

const BRANDS = [
  '鹤山',
  '粤港',
  '中欧',
  '江门',
  '珠西',
  '大湾区',
  '华南',
  '广合',
  '鸿达',
  '骏丰',
  '联创',
  '富华',
  '新宝',
  '力盈',
  '安科',
  '汇通',
  '恒源',
  '海川',
] as const;

const STAGE_PARK_WEIGHTS: Record<string, number> = {
  'PK-01': 5,
  'PK-02': 7,
  'PK-03': 3,
  'PK-04': 5,
  'PK-05': 5,
  'PK-06': 6,
};

/** Days from one stage to the next: listed, delivered, started, producing, registered. */
const STAGE_GAP_DAYS: readonly [number, number][] = [
  [30, 180],
  [20, 150],
  [30, 180],
  [240, 600],
  [20, 180],
];

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** Stage dates in order up to the stage reached, later ones null, none after AS_OF. */
function stageDates(random: Random, stage: ProjectStage): Record<string, string | null> {
  const reached = PROJECT_STAGES.indexOf(stage);
  const gaps = STAGE_GAP_DAYS.slice(0, reached).map(([min, max]) => random.int(min, max));
  const span = gaps.reduce((sum, gap) => sum + gap, 0);
  const latestStart = dayNumber(AS_OF) - span - random.int(0, 120);
  const earliestStart = Math.min(dayNumber('2021-01-04'), latestStart);
  let day = random.int(Math.max(earliestStart, latestStart - 900), latestStart);
  const dates: Record<string, string | null> = {};
  PROJECT_STAGES.forEach((each, index) => {
    if (index > 0 && index <= reached) day += gaps[index - 1] as number;
    dates[STAGE_DATE_PROPERTY[each]] = index <= reached ? isoFromDay(day) : null;
  });
  return dates;
}

/**
 * Planned dates of the milestones (…Planned), drawn from the project's number and its actual dates
 * (no random draws, so the rest of the sample is unchanged): every fifth project has none (no date);
 * reached milestones were planned a little before or after they happened; the next one is planned, by
 * the number, before PLANNED_AROUND (overdue), within 30 days of it (due soon) or later (on track), and
 * those after it follow by the standard durations (DEFAULT_STAGE_DURATIONS).
 */
function plannedDates(index: number, actual: Record<string, string | null>): Record<string, string> {
  if (index % 5 === 4) return {};
  const around = dayNumber(PLANNED_AROUND);
  const planned: Record<string, string> = {};
  let previous = around;
  let nextSeen = false;
  for (const stage of PROJECT_STAGES) {
    const done = actual[STAGE_DATE_PROPERTY[stage]];
    let day: number;
    if (done) {
      day = dayNumber(done) + 10 - (((index + 3) * 17) % 50);
    } else if (!nextSeen) {
      nextSeen = true;
      const kind = index % 4;
      day =
        kind === 0
          ? around - 12 - ((index * 7) % 60)
          : kind === 1
            ? around + 4 + ((index * 5) % 24)
            : around + 45 + ((index * 11) % 300);
    } else {
      day = previous + DEFAULT_STAGE_DURATIONS[stage as Exclude<ProjectStage, 'signed'>];
    }
    planned[STAGE_PLANNED_PROPERTY[stage]] = isoFromDay(day);
    previous = day;
  }
  return planned;
}

function completedShare(random: Random, stage: ProjectStage): number {
  switch (stage) {
    case 'signed':
      return 0;
    case 'listed':
      return random.between(0, 0.03);
    case 'delivered':
      return random.between(0.01, 0.1);
    case 'started':
      return random.between(0.1, 0.6);
    case 'producing':
      return random.between(0.6, 1);
    case 'registered':
      return random.between(0.8, 1.05);
  }
}

export type ProjectFeature = IdFeature<ProjectProperties>;

function otherPlans(random: Random, count: number): ProjectPlan[] {
  const plans: ProjectPlan[] = [];
  const parkIds = Object.keys(STAGE_PARK_WEIGHTS);
  const parkWeights = parkIds.map((id) => STAGE_PARK_WEIGHTS[id] ?? 1);
  for (let i = 0; i < count; i++) {
    const [what, industry] = OTHER_NAMES[i % OTHER_NAMES.length] as [string, string];
    const brand = BRANDS[(i * 7) % BRANDS.length] as string;
    const logistics = industry === '现代物流';
    plans.push({
      name: `${brand}${what}项目`,
      enterprise: `${brand === '鹤山' ? '鹤山市' : `广东${brand}`}${industry === '现代物流' ? '供应链管理' : '实业'}有限公司`,
      industry,
      parkId: random.chance(0.18) ? null : logistics ? 'PK-03' : random.weighted(parkIds, parkWeights),
      investmentPlanned: round2(random.logNormal(5, 0.8, 1, 45)),
      // Every stage, the first six in turn so none is missing.
      stage:
        i < PROJECT_STAGES.length
          ? (PROJECT_STAGES[i] as ProjectStage)
          : random.weighted(PROJECT_STAGES, [4, 3, 3, 5, 6, 4]),
      ...(random.chance(0.2) ? { siteMu: random.between(40, 160) } : {}),
    });
  }
  return plans;
}

function siteAnchor(
  random: Random,
  plan: ProjectPlan,
  parks: readonly ParkFeature[],
  boundary: Area,
): { box: number[]; area: Area } {
  const park = parks.find((each) => each.id === plan.parkId);
  if (park) return { box: turf.bbox(park.geometry), area: park.geometry };
  const centre = random.pick(Object.values(TOWN_CENTRES));
  const perDegree = metresPerDegree(centre[1] as number);
  const dx = 3500 / perDegree.x;
  const dy = 3500 / perDegree.y;
  const [x, y] = centre as [number, number];
  return { box: [x - dx, y - dy, x + dx, y + dy], area: boundary };
}

/** Site outlines first (they need room), then points, once plots and new land are placed. */
export function planProjects(random: Random, otherCount: number): ProjectPlan[] {
  return [...NAMED_PROJECTS, ...otherPlans(random, otherCount)];
}

export function placeProjectSites(
  random: Random,
  plans: readonly ProjectPlan[],
  parks: readonly ParkFeature[],
  boundary: Area,
  occupancy: Occupancy,
): Map<ProjectPlan, Geometry> {
  const sites = new Map<ProjectPlan, Geometry>();
  for (const plan of plans) {
    if (plan.siteMu === undefined) continue;
    const { box, area } = siteAnchor(random, plan, parks, boundary);
    for (let attempt = 0; ; attempt++) {
      if (attempt > 3000) throw new Error(`projects: no room for ${plan.name}`);
      const centre: Position = [
        random.between(box[0] as number, box[2] as number),
        random.between(box[1] as number, box[3] as number),
      ];
      if (!pointIn(centre, area)) continue;
      const ring = plotRing(random, centre, plan.siteMu * M2_PER_MU, { maxVertices: 12 });
      const outsideParks = plan.parkId !== null || parks.every((park) => !ringMeets(ring, park.geometry));
      if (!hasKinks(ring) && ringWithin(ring, area) && outsideParks && occupancy.isFree(ring)) {
        const geometry: Area = { type: 'Polygon', coordinates: [ring] };
        occupancy.add(`project-${plan.name}`, geometry);
        sites.set(plan, geometry);
        break;
      }
    }
  }
  return sites;
}

export function buildProjects(
  random: Random,
  plans: readonly ProjectPlan[],
  sites: Map<ProjectPlan, Geometry>,
  parks: readonly ParkFeature[],
  boundary: Area,
  occupancy: Occupancy,
): ProjectFeature[] {
  // A few projects ahead of plan, as in the 2022 figures (130% of plan overall).
  const ahead = new Set(
    plans
      .filter((plan) => plan.stage === 'registered' || plan.stage === 'producing')
      .filter(() => random.chance(0.3)),
  );
  return plans.map((plan, index) => {
    let geometry = sites.get(plan);
    if (!geometry) {
      const { box, area } = siteAnchor(random, plan, parks, boundary);
      for (let attempt = 0; !geometry; attempt++) {
        if (attempt > 3000) throw new Error(`projects: no place for ${plan.name}`);
        const point: Position = [
          round7(random.between(box[0] as number, box[2] as number)),
          round7(random.between(box[1] as number, box[3] as number)),
        ];
        const inParks = parks.some((park) => pointIn(point, park.geometry));
        const free = !occupancy.covers(point);
        if (pointIn(point, area) && (plan.parkId !== null || !inParks) && free)
          geometry = { type: 'Point', coordinates: point };
      }
    }
    const share = ahead.has(plan) ? random.between(1.15, 1.4) : completedShare(random, plan.stage);
    const dates = stageDates(random, plan.stage);
    const properties: ProjectProperties = {
      id: `XM-${String(index + 1).padStart(3, '0')}`,
      name: plan.name,
      enterprise: plan.enterprise,
      industry: plan.industry,
      parkId: plan.parkId,
      investmentPlanned: plan.investmentPlanned,
      investmentCompleted: round2(plan.investmentPlanned * share),
      stage: plan.stage,
      ...dates,
      ...plannedDates(index, dates),
    };
    return feature(properties, geometry);
  });
}
