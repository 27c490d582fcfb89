// The sample's low-efficiency plots: most inside the parks, some around the towns; mutually clear of each
// other except a handful overlapping a neighbour on purpose, and a handful crossing a park edge on purpose,
// so quality checks have something to find.
import * as turf from '@turf/turf';
import type { Position } from 'geojson';
import type { PlotProperties } from '../src/domain/schemas.ts';
import { M2_PER_MU } from '../src/domain/units.ts';
import { geometryAreaM2, ringAreaM2 } from '../src/geo/area.ts';
import { plotAttributes } from './attributes.ts';
import { feature, type IdFeature } from './geojson-text.ts';
import { nearestTown, TOWN_CENTRES, type Town } from './heshan.ts';
import { type Area, hasKinks, type Occupancy, pointIn, ringMeets, ringWithin } from './placement.ts';
import type { Random } from './random.ts';
import type { ParkFeature } from './sample-parks.ts';
import { metresPerDegree, plotRing } from './shapes.ts';

export type PlotFeature = IdFeature<PlotProperties>;

export interface SamplePlots {
  plots: PlotFeature[];
  /** Pairs [deliberate plot, plot it overlaps]. */
  overlaps: [string, string][];
  /** [plot, park] for the plots drawn across a park's edge. */
  crossings: [string, string][];
}

interface Draft {
  ring: Position[];
  centre: Position;
  key: string;
}

/** Plot sizes in 亩: skewed, most 10–60, a few down to 3.5 and up to 290. */
function drawPlotMu(random: Random): number {
  return random.chance(0.02) ? random.between(150, 290) : random.logNormal(24, 0.72, 3.5, 290);
}

function randomPointIn(random: Random, box: number[]): Position {
  return [
    random.between(box[0] as number, box[2] as number),
    random.between(box[1] as number, box[3] as number),
  ];
}

function offset(centre: Position, metres: number, angle: number): Position {
  const perDegree = metresPerDegree(centre[1] as number);
  return [
    (centre[0] as number) + (Math.cos(angle) * metres) / perDegree.x,
    (centre[1] as number) + (Math.sin(angle) * metres) / perDegree.y,
  ];
}

function sane(ring: Position[]): boolean {
  const mu = ringAreaM2(ring) / M2_PER_MU;
  const vertices = ring.length - 1;
  return mu >= 3.2 && mu <= 298 && vertices >= 5 && vertices <= 29 && !hasKinks(ring);
}

const TOWN_WEIGHTS: Record<Town, number> = {
  沙坪街道: 12,
  龙口镇: 10,
  雅瑶镇: 8,
  古劳镇: 7,
  桃源镇: 9,
  鹤城镇: 10,
  共和镇: 12,
  址山镇: 9,
  宅梧镇: 4,
  双合镇: 5,
};

export function buildPlots(
  random: Random,
  boundary: Area,
  parks: readonly ParkFeature[],
  occupancy: Occupancy,
  counts: { inParks: number; inTowns: number; overlaps: number; crossings: number },
): SamplePlots {
  const drafts: Draft[] = [];
  const place = (draft: Draft) => {
    drafts.push(draft);
    occupancy.add(draft.key, { type: 'Polygon', coordinates: [draft.ring] });
  };
  const clearOfParks = (ring: Position[]) => parks.every((park) => !ringMeets(ring, park.geometry));

  // Inside the parks, in proportion to their size.
  const parkAreas = parks.map((park) => geometryAreaM2(park.geometry));
  for (let n = 0; n < counts.inParks; n++) {
    const park = random.weighted(parks, parkAreas);
    const box = turf.bbox(park.geometry);
    // A few large plots come first, while there is room for them.
    let mu = n < 5 ? random.between(160, 290) : drawPlotMu(random);
    for (let attempt = 0; ; attempt++) {
      if (attempt > 600) throw new Error(`plots: no room left in ${park.id}`);
      if (attempt % 100 === 99) mu /= 2;
      const centre = randomPointIn(random, box);
      if (!pointIn(centre, park.geometry)) continue;
      const ring = plotRing(random, centre, mu * M2_PER_MU);
      if (sane(ring) && ringWithin(ring, park.geometry) && occupancy.isFree(ring)) {
        place({ ring, centre, key: `plot-${drafts.length}` });
        break;
      }
    }
  }

  // Around the towns, outside every park.
  const towns = Object.keys(TOWN_WEIGHTS) as Town[];
  const townWeights = towns.map((town) => TOWN_WEIGHTS[town]);
  for (let n = 0; n < counts.inTowns; n++) {
    const town = random.weighted(towns, townWeights);
    for (let attempt = 0; ; attempt++) {
      if (attempt > 400) throw new Error(`plots: no room left around ${town}`);
      const centre = offset(TOWN_CENTRES[town], random.between(300, 4000), random.between(0, 2 * Math.PI));
      const ring = plotRing(random, centre, drawPlotMu(random) * M2_PER_MU);
      if (sane(ring) && ringWithin(ring, boundary) && clearOfParks(ring) && occupancy.isFree(ring)) {
        place({ ring, centre, key: `plot-${drafts.length}` });
        break;
      }
    }
  }

  // Deliberate overlaps: a plot drawn half over one neighbour, clear of everything else.
  const overlapKeys: [string, string][] = [];
  while (overlapKeys.length < counts.overlaps) {
    const target = random.pick(drafts);
    if (overlapKeys.some(([, other]) => other === target.key)) continue;
    const targetM2 = ringAreaM2(target.ring);
    const radius = Math.sqrt(targetM2);
    const centre = offset(target.centre, radius * random.between(0.45, 0.7), random.between(0, 2 * Math.PI));
    const ring = plotRing(random, centre, targetM2 * random.between(0.5, 1.2));
    if (!sane(ring)) continue;
    const polygon: Area = { type: 'Polygon', coordinates: [ring] };
    const met = occupancy.meeting(polygon);
    if (met.length !== 1 || met[0]?.key !== target.key) continue;
    const targetPark = parks.find((park) => pointIn(target.centre, park.geometry));
    const fits = targetPark
      ? ringWithin(ring, targetPark.geometry)
      : ringWithin(ring, boundary) && clearOfParks(ring);
    if (!fits) continue;
    const shared = turf.intersect(
      turf.featureCollection([turf.polygon([ring]), turf.polygon([target.ring])]),
    );
    if (!shared || geometryAreaM2(shared.geometry) < 0.1 * Math.min(targetM2, ringAreaM2(ring))) continue;
    const key = `overlap-${overlapKeys.length}`;
    place({ ring, centre, key });
    overlapKeys.push([key, target.key]);
  }

  // Deliberate park-edge crossings: a plot centred on a park's outline, clear of everything else.
  const crossingKeys: [string, string][] = [];
  while (crossingKeys.length < counts.crossings) {
    const park = random.pick(parks);
    const outlines =
      park.geometry.type === 'Polygon'
        ? [park.geometry.coordinates[0]]
        : park.geometry.coordinates.map((part) => part[0]);
    const line = random.pick(outlines) as Position[];
    const i = random.int(0, line.length - 2);
    const a = line[i] as Position;
    const b = line[i + 1] as Position;
    const t = random.next();
    const centre: Position = [
      (a[0] as number) + ((b[0] as number) - (a[0] as number)) * t,
      (a[1] as number) + ((b[1] as number) - (a[1] as number)) * t,
    ];
    const ring = plotRing(random, centre, random.between(12, 45) * M2_PER_MU);
    if (!sane(ring) || !ringWithin(ring, boundary) || !occupancy.isFree(ring)) continue;
    if (parks.some((other) => other !== park && ringMeets(ring, other.geometry))) continue;
    const inside = turf.intersect(
      turf.featureCollection([turf.polygon([ring]), turf.feature(park.geometry)]),
    );
    const insideM2 = inside ? geometryAreaM2(inside.geometry) : 0;
    const share = insideM2 / ringAreaM2(ring);
    if (share < 0.2 || share > 0.8) continue;
    const key = `crossing-${crossingKeys.length}`;
    place({ ring, centre, key });
    crossingKeys.push([key, park.id]);
  }

  // Ids in a shuffled order, so the deliberate ones do not sit together at the end.
  const order = drafts
    .map((draft) => ({ draft, sortKey: random.next() }))
    .sort((a, b) => a.sortKey - b.sortKey);
  const idOf = new Map<string, string>();
  const plots = order.map(({ draft }, index) => {
    const id = `HS-DX-${String(index + 1).padStart(4, '0')}`;
    idOf.set(draft.key, id);
    return feature(plotAttributes(random, id, nearestTown(draft.centre)), {
      type: 'Polygon',
      coordinates: [draft.ring],
    });
  });
  const byId = (key: string) => idOf.get(key) ?? key;
  return {
    plots,
    overlaps: overlapKeys.map(([a, b]) => [byId(a), byId(b)] as [string, string]).sort(),
    crossings: crossingKeys.map(([a, park]) => [byId(a), park] as [string, string]).sort(),
  };
}
