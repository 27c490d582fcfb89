// Attack: invariants checked before the write and not inside it — 40 photo uploads at once all pass
// the "fewer than 30" check and all get stored; a planner forges a zone's author.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeEachStore, multipart, tinyPng } from '../helpers.ts';
import { serverForTests } from './data-support.ts';

describeEachStore('invariants', (store) => {
  const s = serverForTests(store);

  describe('the photo limit holds under concurrency', () => {
    it('40 concurrent uploads to one inspection: exactly 30 stored, 10 refused with 409 too-many-photos', async () => {
      const recorded = await s.inspector.send('POST', '/api/inspections', {
        plotId: 'HS-T-0001',
        date: '2026-05-01',
        findings: '现场照片',
        status: 'inspected',
      });
      const inspectionId = recorded.json().id as string;
      const responses = await Promise.all(
        Array.from({ length: 40 }, (_, index) => {
          const body = multipart('photo', `site-${index}.png`, 'image/png', tinyPng());
          return s.app.server.inject({
            method: 'POST',
            url: `/api/inspections/${inspectionId}/photos`,
            headers: { cookie: s.inspector.cookie, ...body.headers },
            payload: body.payload,
          });
        }),
      );
      expect(responses.filter((response) => response.statusCode === 201)).toHaveLength(30);
      const refused = responses.filter((response) => response.statusCode !== 201);
      expect(refused.map((response) => [response.statusCode, response.json().error])).toEqual(
        Array.from({ length: 10 }, () => [409, 'too-many-photos']),
      );
      const inspection = await s.inspector.get(`/api/inspections/${inspectionId}`);
      expect(inspection.json().photos).toHaveLength(30);
      // The refused uploads leave no file behind.
      const files = readdirSync(join(s.app.dataDir, 'photos')).filter((name) => !name.startsWith('.'));
      expect(files).toHaveLength(30);
    });
  });

  describe('a zone’s author is the server’s to record', () => {
    const zone = '/api/features/zones/zone-forged';

    it('a planner creating a zone with createdBy "admin" gets a zone created by the planner', async () => {
      const square = [
        [112.95, 22.75],
        [112.952, 22.75],
        [112.952, 22.752],
        [112.95, 22.752],
        [112.95, 22.75],
      ];
      const response = await s.planner.send('POST', '/api/features/zones', {
        properties: {
          id: 'zone-forged',
          name: '片区',
          mode: 'self-upgrade',
          plannedLandUse: '1001',
          createdBy: 'admin',
        },
        geometry: { type: 'Polygon', coordinates: [square] },
      });
      expect(response.statusCode).toBe(201);
      expect(response.json().properties.createdBy).toBe('planner');
    });

    it('a PATCH changing or removing createdBy gets 422 created-by-immutable and the zone is unchanged', async () => {
      const before = await s.planner.get(zone);
      for (const createdBy of ['admin', null]) {
        const response = await s.planner.send('PATCH', zone, {
          version: 1,
          properties: { createdBy, name: '新名' },
        });
        expect(response.statusCode).toBe(422);
        expect(response.json().error).toBe('created-by-immutable');
      }
      expect((await s.planner.get(zone)).body).toBe(before.body);
      const renamed = await s.planner.send('PATCH', zone, {
        version: 1,
        properties: { createdBy: 'planner', name: '新名' },
      });
      expect(renamed.statusCode).toBe(200);
      expect(renamed.json().properties).toMatchObject({ createdBy: 'planner', name: '新名', version: 2 });
    });
  });
});
