// Attack: a planner saves a zone, or an admin a plot, with a geometry the layer's rules refuse: the
// whole layer then fails validation for everyone who loads it. Every geometry goes through the one
// validator with the layer's rules, by POST, by PATCH and by import; a refusal changes nothing.
import { describe, expect, it } from 'vitest';
import { collection, describeEachStore, plotFeature } from '../helpers.ts';
import { BOWTIE, featureState, plotWithGeometry, serverForTests } from './data-support.ts';

describeEachStore('geometry', (store) => {
  const s = serverForTests(store);

  const square = (x: number, y: number) => [
    [x, y],
    [x + 0.002, y],
    [x + 0.002, y + 0.002],
    [x, y + 0.002],
    [x, y],
  ];

  const BAD: [string, unknown, string[]][] = [
    ['latitude 95', { type: 'Polygon', coordinates: [square(112.9, 94.9)] }, ['coordinate-out-of-range']],
    ['empty coordinates', { type: 'Polygon', coordinates: [] }, ['empty-geometry']],
    [
      'a ring of 3 positions',
      {
        type: 'Polygon',
        coordinates: [
          [
            [112.9, 22.7],
            [112.91, 22.7],
            [112.9, 22.7],
          ],
        ],
      },
      ['ring-too-short'],
    ],
    ['a self-crossing ring', BOWTIE, ['self-intersection']],
    ['a Point', { type: 'Point', coordinates: [112.9, 22.7] }, ['wrong-geometry-type']],
  ];

  /** The codes of the errors a refusal lists (warnings, such as winding order, aside). */
  const codes = (body: { problems?: { code: string; severity: string }[] }) =>
    (body.problems ?? []).filter((p) => p.severity === 'error').map((p) => p.code);

  describe('every geometry that enters passes the layer’s rules', () => {
    it.each(BAD)(
      'a plot PATCHed to %s gets 422 and the layer is unchanged',
      async (_name, geometry, expected) => {
        const before = await featureState(s.planner, 'plots', 'HS-T-0001');
        const response = await s.admin.send('PATCH', '/api/features/plots/HS-T-0001', {
          version: 1,
          properties: {},
          geometry,
        });
        expect(response.statusCode).toBe(422);
        expect(response.json().error).toBe('invalid-geometry');
        expect(codes(response.json())).toEqual(expected);
        expect(await featureState(s.planner, 'plots', 'HS-T-0001')).toEqual(before);
      },
    );

    it.each(BAD)('a zone drawn with %s gets 422 and no zone is stored', async (_name, geometry, expected) => {
      const before = await featureState(s.planner, 'zones', 'zone-bad');
      const response = await s.planner.send('POST', '/api/features/zones', {
        properties: { id: 'zone-bad', name: '改造片区', mode: 'self-upgrade', plannedLandUse: '1001' },
        geometry,
      });
      expect(response.statusCode).toBe(422);
      expect(response.json().error).toBe('invalid-geometry');
      expect(codes(response.json())).toEqual(expected);
      const after = await featureState(s.planner, 'zones', 'zone-bad');
      expect(after).toEqual(before);
      expect(after.status).toBe(404);
    });

    it.each(BAD)(
      'an import with a plot of %s gets 422 and the layer is unchanged',
      async (_name, geometry, expected) => {
        const before = await featureState(s.planner, 'plots', 'HS-T-0002');
        const response = await s.admin.importText(
          'mode=merge',
          JSON.stringify(collection([plotFeature(2, { far: 3 }), plotWithGeometry(3, geometry)])),
        );
        expect(response.statusCode).toBe(422);
        expect(response.json().error).toBe('invalid-geojson');
        expect(codes(response.json())).toEqual(expected);
        expect(await featureState(s.planner, 'plots', 'HS-T-0002')).toEqual(before);
      },
    );

    it('a valid zone is stored, and a valid plot geometry replaces the old one', async () => {
      const zone = await s.planner.send('POST', '/api/features/zones', {
        properties: { id: 'zone-ok', name: '改造片区', mode: 'self-upgrade', plannedLandUse: '1001' },
        geometry: { type: 'Polygon', coordinates: [square(112.95, 22.75)] },
      });
      expect(zone.statusCode).toBe(201);
      const plot = await s.admin.send('PATCH', '/api/features/plots/HS-T-0004', {
        version: 1,
        properties: {},
        geometry: { type: 'Polygon', coordinates: [square(112.96, 22.76)] },
      });
      expect(plot.statusCode).toBe(200);
      expect(plot.json().properties.version).toBe(2);
    });
  });
});
