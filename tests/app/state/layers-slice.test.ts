// The layers slice: the parks of every feature and what each park holds are computed when the layers
// load, and one feature the server sends back changes its own entries (and the park sums) only.
import type { Feature, FeatureCollection } from 'geojson';
import { beforeEach, describe, expect, it } from 'vitest';
import { indexLayer, layerChanges } from '../../../src/app/state/layer-data.ts';
import { useAtlas } from '../../../src/app/state/store.ts';
import { geometryAreaM2 } from '../../../src/geo/area.ts';

function square(
  id: string,
  west: number,
  south: number,
  size: number,
  extra: Record<string, unknown> = {},
): Feature {
  return {
    type: 'Feature',
    id,
    properties: { id, name: id, ...extra },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [west, south],
          [west + size, south],
          [west + size, south + size],
          [west, south + size],
          [west, south],
        ],
      ],
    },
  };
}

const collection = (...features: Feature[]): FeatureCollection => ({ type: 'FeatureCollection', features });

const parkA = square('P-A', 112.8, 22.7, 0.1);
const parkB = square('P-B', 112.9, 22.7, 0.1);
const inA = square('HS-DX-0001', 112.81, 22.71, 0.01);
const acrossAB = square('HS-DX-0002', 112.895, 22.71, 0.01);
const outside = square('HS-DX-0003', 113.3, 22.9, 0.01);
const project = square('XM-01', 112.92, 22.72, 0.01, { investmentPlanned: 12000 });

function load() {
  useAtlas.getState().setLoaded(
    {
      parks: indexLayer('parks', 'parks.geojson', collection(parkA, parkB)),
      plots: indexLayer('plots', 'plots.geojson', collection(inA, acrossAB, outside)),
      projects: indexLayer('projects', 'projects.geojson', collection(project)),
      zones: indexLayer('zones', 'zones.geojson', collection()),
    },
    [],
  );
}

describe('layers slice', () => {
  beforeEach(load);

  it('relates every plot and project to its parks once per load', () => {
    const { derived: relations, loadCount } = useAtlas.getState();
    expect(loadCount).toBeGreaterThan(0);
    const plots = relations.parksOf.plots;
    expect(plots?.get('HS-DX-0001')).toEqual([{ id: 'P-A', name: 'P-A', relation: 'within' }]);
    expect(plots?.get('HS-DX-0002')?.map((park) => [park.id, park.relation])).toEqual([
      ['P-A', 'crosses'],
      ['P-B', 'crosses'],
    ]);
    expect(plots?.get('HS-DX-0003')).toEqual([]);
    const a = relations.holdings.plots?.get('P-A');
    expect(a?.count).toBe(2);
    expect(a?.areaM2).toBeCloseTo(geometryAreaM2(inA.geometry) + geometryAreaM2(acrossAB.geometry), 3);
    expect(relations.holdings.projects?.get('P-B')).toEqual({
      count: 1,
      areaM2: geometryAreaM2(project.geometry),
      investment: 12000,
    });
    expect(relations.holdings.newland).toBeUndefined();
  });

  it('moves one plot: its parks and the park sums follow, the other plots keep their entries', () => {
    const before = useAtlas.getState();
    const moved = square('HS-DX-0001', 112.95, 22.75, 0.01);
    useAtlas.getState().putFeature('plots', moved);
    const after = useAtlas.getState();
    expect(after.loadCount).toBe(before.loadCount);
    expect(after.layers.plots?.byId.get('HS-DX-0001')).toBe(moved);
    expect(after.layers.plots?.collection.features.map((feature) => feature.id)).toEqual([
      'HS-DX-0001',
      'HS-DX-0002',
      'HS-DX-0003',
    ]);
    expect(after.derived.parksOf.plots?.get('HS-DX-0001')?.map((park) => park.id)).toEqual(['P-B']);
    expect(after.derived.parksOf.plots?.get('HS-DX-0002')).toBe(
      before.derived.parksOf.plots?.get('HS-DX-0002'),
    );
    expect(after.derived.holdings.plots?.get('P-A')?.count).toBe(1);
    expect(after.derived.holdings.plots?.get('P-B')?.count).toBe(2);
    // Another layer's relations are the same objects.
    expect(after.derived.parksOf.projects).toBe(before.derived.parksOf.projects);
  });

  it('adds and removes a zone without touching the park relations', () => {
    const before = useAtlas.getState();
    const zone = square('Z-1', 112.82, 22.72, 0.02);
    useAtlas.getState().putFeature('zones', zone);
    expect(useAtlas.getState().layers.zones?.byId.get('Z-1')).toBe(zone);
    expect(useAtlas.getState().layers.zones?.areaM2.get('Z-1')).toBeCloseTo(geometryAreaM2(zone.geometry), 6);
    useAtlas.getState().removeFeature('zones', 'Z-1');
    expect(useAtlas.getState().layers.zones?.collection.features).toEqual([]);
    expect(useAtlas.getState().derived).toBe(before.derived);
  });

  it('a write that keeps the version (a photo) bumps the records revision only', () => {
    const before = useAtlas.getState();
    before.bumpRecords();
    const after = useAtlas.getState();
    expect(after.recordsRevision).toBe(before.recordsRevision + 1);
    expect(after.layers).toBe(before.layers);
  });

  it('tells the map which features one put changed, by identity, without looking at geometry', () => {
    const before = useAtlas.getState().layers.plots;
    const moved = square('HS-DX-0002', 112.95, 22.75, 0.01);
    useAtlas.getState().putFeature('plots', moved);
    const after = useAtlas.getState().layers.plots;
    if (!before || !after) throw new Error('no plots');
    expect(layerChanges(before, after)).toEqual({ put: [moved], removed: [] });
    expect(layerChanges(after, after)).toEqual({ put: [], removed: [] });
    const zonesBefore = useAtlas.getState().layers.zones;
    const zone = square('Z-9', 112.82, 22.72, 0.02);
    useAtlas.getState().putFeature('zones', zone);
    const zonesAdded = useAtlas.getState().layers.zones;
    useAtlas.getState().removeFeature('zones', 'Z-9');
    const zonesAfter = useAtlas.getState().layers.zones;
    if (!zonesBefore || !zonesAdded || !zonesAfter) throw new Error('no zones');
    expect(layerChanges(zonesBefore, zonesAdded)).toEqual({ put: [zone], removed: [] });
    expect(layerChanges(zonesAdded, zonesAfter)).toEqual({ put: [], removed: ['Z-9'] });
  });
});

describe('pointer slice', () => {
  it('shows the centre again when the pointer leaves the map', () => {
    const state = useAtlas.getState();
    state.setView([112.9, 22.7], 2.5);
    state.setPointer([113, 22.8]);
    state.setView([112.95, 22.75], 2.4);
    expect(useAtlas.getState().pointer.lngLat).toEqual([113, 22.8]);
    state.setPointer(null);
    expect(useAtlas.getState().pointer).toMatchObject({
      lngLat: [112.95, 22.75],
      source: 'centre',
      metresPerPixel: 2.4,
    });
  });
});
