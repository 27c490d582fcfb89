// A tiled layer's source and map layers: the tile URL under the app's base, z16 tiles with the id
// promoted, the GeoJSON path's own style objects on the tile layer `<layer>`, dots on `<layer>-points`,
// and colours that prefer an edit's feature state to the tile's property.
import type { Feature, MultiPolygon } from 'geojson';
import { describe, expect, it } from 'vitest';
import * as styles from '../../../src/app/map/styles.ts';
import {
  liveStateOf,
  plotPieces,
  tiledSource,
  tiledStyleLayers,
  tileUrl,
} from '../../../src/app/map/tiled.ts';
import { labelPoints } from '../../../src/geo/labelPoint.ts';

type Styled = { id?: string; type: string; 'source-layer'?: string; paint?: Record<string, unknown> };

describe('tiled layers', () => {
  it('asks for tiles under the app base, with or without its trailing slash', () => {
    expect(tileUrl('http://127.0.0.1:8080/', 'plots')).toBe(
      'http://127.0.0.1:8080/api/tiles/plots/{z}/{x}/{y}',
    );
    expect(tileUrl('https://gis.example.cn/atlas', 'newland')).toBe(
      'https://gis.example.cn/atlas/api/tiles/newland/{z}/{x}/{y}',
    );
  });

  it('makes a vector source to z16 with the feature id promoted from properties.id', () => {
    expect(tiledSource('plots', 'http://host/')).toEqual({
      type: 'vector',
      tiles: ['http://host/api/tiles/plots/{z}/{x}/{y}'],
      minzoom: 0,
      maxzoom: 16,
      promoteId: 'id',
    });
  });

  it('draws plots with the GeoJSON path’s style objects on the plots tile layer, dots on plots-points', () => {
    const layers = tiledStyleLayers('plots', 'status', '2026-12-01') as Styled[];
    expect(layers.map((layer) => [layer.id, layer.type, layer['source-layer']])).toEqual([
      ['plots-fill', 'fill', 'plots'],
      ['plots-line', 'line', 'plots'],
      ['plots-dots', 'circle', 'plots-points'],
    ]);
    // Shared, not copied: the very paint objects of the GeoJSON path.
    expect(layers[0]?.paint).toBe((styles.plotsFillByStatus as Styled).paint);
    expect(layers[1]?.paint).toBe((styles.plotsLine as Styled).paint);
    // The dots take the fill's colour expression.
    expect(layers[2]?.paint?.['circle-color']).toBe(layers[0]?.paint?.['fill-color']);
  });

  it('colours plots and their dots by grade when the grade mode is chosen', () => {
    const layers = tiledStyleLayers('plots', 'grade', '2026-12-01') as Styled[];
    expect(layers[0]?.paint).toBe((styles.plotsFillByGrade as Styled).paint);
    expect(layers[2]?.paint?.['circle-color']).toBe(
      (styles.plotsFillByGrade as Styled).paint?.['fill-color'],
    );
  });

  it('draws projects (points and outlines) and new land with dots for the small ones', () => {
    expect(
      (tiledStyleLayers('projects', 'status', '2026-12-01') as Styled[]).map((layer) => [
        layer.id,
        layer['source-layer'],
      ]),
    ).toEqual([
      ['projects-fill', 'projects'],
      ['projects-line', 'projects'],
      ['projects-circle', 'projects'],
      ['projects-dots', 'projects-points'],
      ['projects-label', 'projects'],
    ]);
    expect(
      (tiledStyleLayers('newland', 'status', '2026-12-01') as Styled[]).map((layer) => [
        layer.id,
        layer['source-layer'],
      ]),
    ).toEqual([
      ['newland-fill', 'newland'],
      ['newland-line', 'newland'],
      ['newland-dots', 'newland-points'],
    ]);
  });

  it('prefers the feature state to the property in the status colour (an edit repaints at once)', () => {
    const colour = (styles.plotsFillByStatus as Styled).paint?.['fill-color'] as unknown[];
    expect(colour[0]).toBe('match');
    expect(colour[1]).toEqual(['coalesce', ['feature-state', 'status'], ['get', 'status']]);
    expect(colour.slice(2, 4)).toEqual(['identified', styles.STATUS_COLOURS.identified]);
  });

  it('the dots are picked and tapped with a tolerance like project points', () => {
    expect(styles.PICKABLE_LAYERS.plots).toContain('plots-dots');
    expect(styles.POINT_LAYERS).toEqual(['projects-circle', 'plots-dots', 'projects-dots', 'newland-dots']);
  });

  it('keeps only the colouring properties of an edited feature as its feature state', () => {
    // The deadline too ('' when it has none, so a removed one shows), for 按期限着色.
    expect(
      liveStateOf({ id: 'HS-DX-0001', status: 'rectifying', grade: 'B', enterprise: '某公司', version: 3 }),
    ).toEqual({ status: 'rectifying', grade: 'B', deadline: '' });
    expect(liveStateOf({ id: 'HS-DX-0002', status: 'identified', deadline: '2026-03-10' })).toEqual({
      status: 'identified',
      deadline: '2026-03-10',
    });
    // A project: its due dates derived as the tiles derive them.
    expect(liveStateOf({ status: null, stage: 'started', startedPlanned: '2027-01-01' })).toEqual({
      stage: 'started',
      earliestDue: '2027-01-01',
      nextDue: '',
    });
    expect(liveStateOf(null)).toEqual({});
  });

  it('puts the tile pieces of a plot together by id, so it is labelled once', () => {
    const piece = (id: string, west: number): Feature => ({
      type: 'Feature',
      properties: { id, status: 'identified' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [west, 22],
            [west + 1, 22],
            [west + 1, 23],
            [west, 22],
          ],
        ],
      },
    });
    const merged = plotPieces([
      piece('A', 0),
      piece('B', 5),
      piece('A', 1),
      { ...piece('C', 9), geometry: null } as unknown as Feature,
    ]);
    expect(merged.features.map((feature) => [feature.id, feature.geometry.type])).toEqual([
      ['A', 'MultiPolygon'],
      ['B', 'MultiPolygon'],
    ]);
    const a = merged.features[0]?.geometry as MultiPolygon;
    expect(a.coordinates).toHaveLength(2);
    expect(labelPoints(merged).features.map((feature) => feature.id)).toEqual(['A', 'B']);
  });
});
