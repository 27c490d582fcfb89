import { readFileSync } from 'node:fs';
import * as turf from '@turf/turf';
import type { Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { NAMED_PROJECTS } from '../../geodata/sample-projects.ts';
import { shareClass } from '../../src/domain/landuse.ts';
import { PLOT_STATUSES, PROJECT_STAGES, STAGE_DATE_PROPERTY } from '../../src/domain/layers.ts';
import { LAYER_GEOMETRY_TYPES, LAYER_PROPERTY_SCHEMAS } from '../../src/domain/schemas.ts';
import { M2_PER_MU } from '../../src/domain/units.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import {
  type AreaFeature,
  areaFeatures,
  GEODATA_DIR,
  insideRing,
  overlappingPairs,
  ringsOf,
  SAMPLE_FILES,
  sampleLayer,
} from './helpers.ts';

const sharedM2 = (a: AreaFeature, b: AreaFeature): number => {
  const shared = turf.intersect(turf.featureCollection([a, b]));
  return shared ? geometryAreaM2(shared.geometry) : 0;
};

const readme = readFileSync(`${GEODATA_DIR}README.md`, 'utf8');
const listedOverlaps = [...readme.matchAll(/^- overlap: (HS-DX-\d{4}) × (HS-DX-\d{4})$/gm)].map(
  (m) => [m[1], m[2]].sort() as [string, string],
);
const listedCrossings = [...readme.matchAll(/^- crossing: (HS-DX-\d{4}) \/ (PK-\d{2})$/gm)].map(
  (m) => [m[1], m[2]] as [string, string],
);

const boundary = areaFeatures('boundary')[0] as AreaFeature;
const parks = areaFeatures('parks');
const plots = areaFeatures('plots');
const newland = areaFeatures('newland');
const projects = sampleLayer('projects').features;

function within(geometry: Geometry, container: AreaFeature): boolean {
  if (geometry.type === 'Point') return turf.booleanPointInPolygon(geometry.coordinates, container);
  if (geometry.type === 'Polygon' && container.geometry.type === 'Polygon') {
    return turf.booleanWithin(turf.feature(geometry), container);
  }
  const outside = turf.difference(turf.featureCollection([turf.feature(geometry) as AreaFeature, container]));
  return !outside || geometryAreaM2(outside.geometry) < 0.01;
}

describe('sample layers: files, features, properties', () => {
  it.each(SAMPLE_FILES)('%s is a plain FeatureCollection of valid features', (layer) => {
    const collection = sampleLayer(layer);
    expect(Object.keys(collection).sort()).toEqual(['features', 'type']);
    expect(collection.type).toBe('FeatureCollection');
    const schema = LAYER_PROPERTY_SCHEMAS[layer];
    const ids = new Set<string>();
    for (const feature of collection.features) {
      expect(Object.keys(feature).sort()).toEqual(['geometry', 'id', 'properties', 'type']);
      expect(typeof feature.id).toBe('string');
      expect(feature.id).toBe(feature.properties.id);
      ids.add(String(feature.id));
      const parsed = schema.safeParse(feature.properties);
      expect(parsed.success, `${feature.id}: ${parsed.error?.message}`).toBe(true);
      expect(LAYER_GEOMETRY_TYPES[layer]).toContain(feature.geometry.type);
    }
    expect(ids.size).toBe(collection.features.length);
  });

  it('has the expected counts', () => {
    expect(sampleLayer('boundary').features).toHaveLength(1);
    expect([5, 6]).toContain(parks.length);
    expect(plots.length).toBeGreaterThanOrEqual(300);
    expect(projects.length).toBeGreaterThanOrEqual(40);
    expect(newland.length).toBeGreaterThanOrEqual(150);
  });

  it.each(SAMPLE_FILES)(
    '%s: rings closed, counter-clockwise, 7 decimals, no duplicates, no kinks',
    (layer) => {
      for (const feature of sampleLayer(layer).features) {
        const positions: Position[] =
          feature.geometry.type === 'Point'
            ? [feature.geometry.coordinates]
            : ringsOf(feature.geometry).flat();
        for (const position of positions) {
          for (const value of position)
            expect(Math.abs(value * 1e7 - Math.round(value * 1e7))).toBeLessThan(1e-6);
        }
        for (const ring of ringsOf(feature.geometry)) {
          const first = ring[0] as Position;
          const last = ring[ring.length - 1] as Position;
          expect(last, String(feature.id)).toEqual(first);
          expect(turf.booleanClockwise(ring), `${feature.id}: clockwise`).toBe(false);
          const distinct = new Set(ring.slice(0, -1).map((p) => p.join(',')));
          expect(distinct.size, `${feature.id}: a repeated position`).toBe(ring.length - 1);
          expect(turf.kinks(turf.polygon([ring])).features, String(feature.id)).toHaveLength(0);
        }
      }
    },
  );
});

describe('boundary', () => {
  it('is the real Heshan outline: about 1 083 km², around 112.96°E 22.77°N', () => {
    expect(boundary.properties).toEqual({ id: 'heshan', name: '鹤山市' });
    expect(geometryAreaM2(boundary.geometry) / 1e6).toBeGreaterThan(1075);
    expect(geometryAreaM2(boundary.geometry) / 1e6).toBeLessThan(1090);
    expect(turf.booleanPointInPolygon([112.96, 22.77], boundary)).toBe(true);
  });

  it('holds every sample feature', () => {
    const inside = insideRing(ringsOf(boundary.geometry)[0] as Position[]);
    for (const layer of ['parks', 'plots', 'projects', 'newland'] as const) {
      for (const feature of sampleLayer(layer).features) {
        expect(inside(feature.geometry), `${layer} ${feature.id}`).toBe(true);
      }
    }
  }, 30_000);
});

describe('parks', () => {
  it('are the platforms PRODUCT.md names, a few km² each, not overlapping', () => {
    const names = parks.map((park) => park.properties.name);
    for (const name of [
      '广东(江门)硅能源产业基地鹤山园区',
      '鹤山工业城',
      '珠海国际物流中心',
      '中欧新材料创新基地',
      '中欧雅瑶新兴产业园',
    ]) {
      expect(names).toContain(name);
    }
    for (const park of parks) {
      const km2 = geometryAreaM2(park.geometry) / 1e6;
      expect(km2, String(park.id)).toBeGreaterThan(1);
      expect(km2, String(park.id)).toBeLessThan(12);
    }
    expect(parks.some((park) => park.geometry.type === 'MultiPolygon')).toBe(true);
    expect(overlappingPairs(parks, sharedM2, 0)).toEqual([]);
  });
});

describe('plots', () => {
  it('have 5–30 vertices and 3–300 亩 by the ellipsoidal area, mostly 10–60 亩', () => {
    let typical = 0;
    for (const plot of plots) {
      for (const ring of ringsOf(plot.geometry)) {
        expect(ring.length - 1, String(plot.id)).toBeGreaterThanOrEqual(5);
        expect(ring.length, String(plot.id)).toBeLessThanOrEqual(30);
      }
      const mu = geometryAreaM2(plot.geometry) / M2_PER_MU;
      expect(mu, String(plot.id)).toBeGreaterThanOrEqual(3);
      expect(mu, String(plot.id)).toBeLessThanOrEqual(300);
      if (mu >= 10 && mu <= 60) typical++;
    }
    expect(typical / plots.length).toBeGreaterThan(0.6);
    expect(
      plots.filter((plot) => turf.booleanConcave(turf.polygon(ringsOf(plot.geometry)))).length,
    ).toBeGreaterThan(30);
  });

  it('overlap exactly where README.md says they do', () => {
    expect(listedOverlaps.length).toBeGreaterThanOrEqual(6);
    expect(listedOverlaps.length).toBeLessThanOrEqual(10);
    expect(overlappingPairs(plots, sharedM2)).toEqual([...listedOverlaps].sort());
  }, 30_000);

  it('cross a park edge exactly where README.md says they do', () => {
    expect(listedCrossings.length).toBeGreaterThanOrEqual(3);
    const crossings: [string, string][] = [];
    for (const plot of plots) {
      for (const park of parks) {
        const inside = sharedM2(plot, park);
        if (inside > 1 && !within(plot.geometry, park)) crossings.push([String(plot.id), String(park.id)]);
      }
    }
    expect(crossings.sort()).toEqual([...listedCrossings].sort());
  }, 30_000);

  it('carry reasons that agree with their figures, and a spread of statuses', () => {
    for (const { id, properties: p } of plots) {
      const reasons = p.reasons as string[];
      expect(reasons.length, String(id)).toBeGreaterThan(0);
      expect(reasons.includes('low-far'), String(id)).toBe((p.far as number) < 0.8);
      expect(reasons.includes('low-density'), String(id)).toBe((p.buildingDensity as number) < 0.3);
      expect(p.far as number).toBeGreaterThanOrEqual(0.2);
      expect(p.far as number).toBeLessThanOrEqual(1.6);
      expect(p.taxPerMu as number).toBeGreaterThanOrEqual(0.5);
      expect(p.taxPerMu as number).toBeLessThanOrEqual(12);
    }
    const statuses = new Set(plots.map((plot) => plot.properties.status));
    expect([...statuses].sort()).toEqual([...PLOT_STATUSES].sort());
    const withDeadline = plots.filter((plot) => typeof plot.properties.deadline === 'string').length;
    expect(withDeadline / plots.length).toBeGreaterThan(0.7);
    const landUses = new Set(plots.map((plot) => plot.properties.landUse));
    expect(landUses).toContain('1101');
  });
});

describe('projects', () => {
  it('include every project PRODUCT.md names and every stage', () => {
    const names = projects.map((project) => project.properties.name);
    for (const plan of NAMED_PROJECTS) expect(names).toContain(plan.name);
    const longi = projects.find((project) => String(project.properties.name).startsWith('隆基绿能'));
    expect(longi?.properties.investmentPlanned as number).toBeGreaterThan(100);
    const xinlong = projects.find((project) => project.properties.name === '广东欣龙隧道装备');
    expect(xinlong?.properties.investmentPlanned).toBe(20);
    expect(new Set(projects.map((project) => project.properties.stage))).toEqual(new Set(PROJECT_STAGES));
    expect(projects.some((project) => project.geometry.type === 'Polygon')).toBe(true);
    expect(projects.some((project) => project.geometry.type === 'Point')).toBe(true);
  });

  it('have the dates of the stages reached, in order, and none after', () => {
    for (const { id, properties: p } of projects) {
      const reached = PROJECT_STAGES.indexOf(p.stage as (typeof PROJECT_STAGES)[number]);
      let previous = '';
      PROJECT_STAGES.forEach((stage, index) => {
        const date = p[STAGE_DATE_PROPERTY[stage]];
        if (index <= reached) {
          expect(typeof date, `${id} ${stage}`).toBe('string');
          expect((date as string) >= previous, `${id} ${stage}`).toBe(true);
          previous = date as string;
        } else {
          expect(date, `${id} ${stage}`).toBeNull();
        }
      });
    }
  });

  it('lie in the park they name (or in none)', () => {
    for (const project of projects) {
      const at =
        project.geometry.type === 'Point'
          ? project.geometry.coordinates
          : turf.pointOnFeature(turf.feature(project.geometry)).geometry.coordinates;
      const park = parks.find((each) => turf.booleanPointInPolygon(at, each));
      expect(park?.id ?? null, String(project.id)).toBe(project.properties.parkId);
    }
  });

  it('mostly complete within plan, a few ahead of it', () => {
    const ahead = projects.filter(
      (p) => (p.properties.investmentCompleted as number) > (p.properties.investmentPlanned as number),
    );
    expect(ahead.length).toBeGreaterThan(0);
    expect(ahead.length / projects.length).toBeLessThan(0.25);
  });
});

describe('new land', () => {
  const shareOf = (parcels: readonly AreaFeature[]): number => {
    let manufacturing = 0;
    let counted = 0;
    for (const parcel of parcels) {
      const kind = shareClass(String(parcel.properties.landUse));
      if (kind === 'infrastructure') continue;
      const m2 = geometryAreaM2(parcel.geometry);
      counted += m2;
      if (kind === 'manufacturing') manufacturing += m2;
    }
    return manufacturing / counted;
  };

  it('does not overlap itself, the plots or the project sites', () => {
    expect(overlappingPairs(newland, sharedM2, 0)).toEqual([]);
    const sites = projects.filter((p): p is AreaFeature => p.geometry.type !== 'Point');
    expect(
      overlappingPairs([...newland, ...plots, ...sites], sharedM2, 0).filter(
        ([a, b]) => a.startsWith('XZ') || b.startsWith('XZ'),
      ),
    ).toEqual([]);
  });

  it('goes 80–85% to manufacturing overall, with some parks and years below 80%', () => {
    const overall = shareOf(newland);
    expect(overall).toBeGreaterThanOrEqual(0.8);
    expect(overall).toBeLessThanOrEqual(0.85);
    const years = [...new Set(newland.map((parcel) => parcel.properties.year as number))].sort();
    expect(years).toEqual([2021, 2022, 2023, 2024, 2025, 2026]);
    expect(years.some((year) => shareOf(newland.filter((p) => p.properties.year === year)) < 0.8)).toBe(true);
    const inPark = (park: AreaFeature) =>
      newland.filter((parcel) => turf.booleanPointInPolygon(turf.pointOnFeature(parcel), park));
    expect(parks.some((park) => shareOf(inPark(park)) < 0.8)).toBe(true);
    const infrastructure = newland.filter(
      (p) => shareClass(String(p.properties.landUse)) === 'infrastructure',
    );
    const allocated = infrastructure.filter((p) => p.properties.supply === 'allocation');
    expect(allocated.length / infrastructure.length).toBeGreaterThan(0.6);
  });
});
