// The zone readout against independent computations: every overlap by Turf's clipping and our area, the
// perimeter by GeographicLib on the same ellipsoid, the share by hand from the clipped parts.
import { readFileSync } from 'node:fs';
import { featureCollection, intersect } from '@turf/turf';
import { Geodesic } from 'geographiclib-geodesic';
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { shareClass } from '../../src/domain/landuse.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import { CGCS2000 } from '../../src/geo/ellipsoid.ts';
import { geodesicDistanceM } from '../../src/geo/zone-perimeter.ts';
import { prepareZoneContext, zoneReadout } from '../../src/geo/zone-readout.ts';

const layer = (name: string) =>
  (
    JSON.parse(
      readFileSync(new URL(`../../geodata/${name}.geojson`, import.meta.url), 'utf8'),
    ) as FeatureCollection<Geometry | null>
  ).features;
const plots = layer('plots');
const parks = layer('parks');
const newland = layer('newland');
const context = prepareZoneContext({ plots, parks, newland });
const geodesic = new Geodesic.Geodesic(CGCS2000.a, CGCS2000.f);

function clippedM2(a: Polygon, b: Geometry | null): number {
  if (!b || (b.type !== 'Polygon' && b.type !== 'MultiPolygon')) return 0;
  const shared = intersect(
    featureCollection<Polygon | MultiPolygon>([
      { type: 'Feature', properties: {}, geometry: a },
      { type: 'Feature', properties: {}, geometry: b },
    ]),
  );
  return shared ? geometryAreaM2(shared.geometry) : 0;
}

/** A box around the first vertex of a plot, so it certainly crosses that plot and perhaps others. */
function zoneAround(feature: Feature<Geometry | null>, halfDeg: number): Polygon {
  const geometry = feature.geometry as Polygon;
  const first = (geometry.coordinates[0] as Position[])[0] as Position;
  const x = first[0] as number;
  const y = first[1] as number;
  return {
    type: 'Polygon',
    coordinates: [
      [
        [x - halfDeg, y - halfDeg],
        [x + halfDeg * 1.3, y - halfDeg],
        [x + halfDeg, y + halfDeg * 0.8],
        [x - halfDeg * 0.7, y + halfDeg],
        [x - halfDeg, y - halfDeg],
      ],
    ],
  };
}

const zones = [0, 17, 60, 150, 300].map((n, k) =>
  zoneAround(plots[n % plots.length] as Feature, 0.002 + k * 0.002),
);

describe('zoneReadout', () => {
  it.each(zones.map((zone, k) => [k, zone] as const))(
    'zone %i: area, perimeter, every overlap',
    (_k, zone) => {
      const readout = zoneReadout(context, zone);
      expect(readout.areaM2).toBeCloseTo(geometryAreaM2(zone), 6);
      const ring = zone.coordinates[0] as Position[];
      let expectedPerimeter = 0;
      for (let i = 0; i + 1 < ring.length; i++) {
        const p = ring[i] as Position;
        const q = ring[i + 1] as Position;
        expectedPerimeter += geodesic.Inverse(p[1] as number, p[0] as number, q[1] as number, q[0] as number)
          .s12 as number;
      }
      expect(Math.abs(readout.perimeterM - expectedPerimeter)).toBeLessThan(1e-3);

      const expectedPlots = plots
        .map((feature) => ({ id: String(feature.properties?.id), m2: clippedM2(zone, feature.geometry) }))
        .filter((entry) => entry.m2 > 1e-3);
      expect(readout.plots.map((plot) => plot.id).sort()).toEqual(
        expectedPlots.map((plot) => plot.id).sort(),
      );
      expect(readout.plots.length).toBeGreaterThan(0);
      for (const plot of readout.plots) {
        const expected = expectedPlots.find((entry) => entry.id === plot.id)?.m2 ?? 0;
        expect(Math.abs(plot.overlapM2 - expected)).toBeLessThan(Math.max(1e-6 * expected, 1e-3));
        expect(plot.shareOfPlot).toBeCloseTo(
          plot.overlapM2 / geometryAreaM2(plots.find((f) => f.properties?.id === plot.id)?.geometry),
          9,
        );
      }

      const expectedParks = parks.filter((feature) => clippedM2(zone, feature.geometry) > 1e-3);
      expect(readout.parks.map((park) => park.id).sort()).toEqual(
        expectedParks.map((park) => String(park.properties?.id)).sort(),
      );

      let manufacturing = 0;
      let infrastructure = 0;
      let total = 0;
      for (const parcel of newland) {
        const m2 = clippedM2(zone, parcel.geometry);
        const kind = shareClass(String(parcel.properties?.landUse ?? ''));
        total += m2;
        if (kind === 'manufacturing') manufacturing += m2;
        if (kind === 'infrastructure') infrastructure += m2;
      }
      expect(readout.newLand.totalM2).toBeCloseTo(total, 2);
      if (total - infrastructure > 1) {
        expect(readout.newLand.share).toBeCloseTo(manufacturing / (total - infrastructure), 6);
      }
    },
  );

  it('a zone far from every layer reads its own area and nothing else', () => {
    const zone: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [100, 10],
          [100.01, 10],
          [100.01, 10.01],
          [100, 10],
        ],
      ],
    };
    const readout = zoneReadout(context, zone);
    expect(readout.areaM2).toBeGreaterThan(0);
    expect(readout.plots).toEqual([]);
    expect(readout.parks).toEqual([]);
    expect(readout.newLand.share).toBeNull();
    expect(readout.plotsManufacturingShare).toBeNull();
  });

  it('a degenerate outline reads zero', () => {
    const zone: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [113, 22.7],
          [113.01, 22.7],
          [113, 22.7],
        ],
      ],
    };
    const readout = zoneReadout(context, zone);
    expect(readout.areaM2).toBe(0);
    expect(readout.plots).toEqual([]);
  });
});

describe('geodesicDistanceM', () => {
  it('agrees with GeographicLib over short and long lines', () => {
    const lines: [number, number, number, number][] = [
      [112.96, 22.77, 112.97, 22.78],
      [112.5, 22.5, 113.2, 23.1],
      [0, 0, 0.0001, 0],
      [112.96, 22.77, 112.96, 22.77],
    ];
    for (const [x1, y1, x2, y2] of lines) {
      const expected = geodesic.Inverse(y1, x1, y2, x2).s12 as number;
      expect(Math.abs(geodesicDistanceM([x1, y1], [x2, y2]) - expected)).toBeLessThan(1e-4);
    }
  });
});
