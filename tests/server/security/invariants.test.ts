// Attack: invariants checked before the write and not inside it — 40 photo uploads at once all pass
// the "fewer than 30" check and all get stored; a planner forges a zone's author.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { multipart, ROLE_USERS, startServer, type TestServer, tinyPng } from '../helpers.ts';

let app: TestServer;
let inspector = '';
let planner = '';

beforeAll(async () => {
  app = await startServer({ users: ROLE_USERS });
  inspector = await app.login('inspector');
  planner = await app.login('planner');
});
afterAll(() => app.server.close());

describe('the photo limit holds under concurrency', () => {
  it('40 concurrent uploads to one inspection: exactly 30 stored, 10 refused with 409 too-many-photos', async () => {
    const recorded = await app.server.inject({
      method: 'POST',
      url: '/api/inspections',
      headers: { cookie: inspector },
      payload: { plotId: 'HS-T-0001', date: '2026-05-01', findings: '现场照片', status: 'inspected' },
    });
    const inspectionId = recorded.json().id as string;
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, index) => {
        const body = multipart('photo', `site-${index}.png`, 'image/png', tinyPng());
        return app.server.inject({
          method: 'POST',
          url: `/api/inspections/${inspectionId}/photos`,
          headers: { cookie: inspector, ...body.headers },
          payload: body.payload,
        });
      }),
    );
    const statuses = responses.map((response) => response.statusCode);
    expect(statuses.filter((status) => status === 201)).toHaveLength(30);
    const refused = responses.filter((response) => response.statusCode !== 201);
    expect(refused.map((response) => [response.statusCode, response.json().error])).toEqual(
      Array.from({ length: 10 }, () => [409, 'too-many-photos']),
    );
    const inspection = await app.server.inject({
      method: 'GET',
      url: `/api/inspections/${inspectionId}`,
      headers: { cookie: inspector },
    });
    expect(inspection.json().photos).toHaveLength(30);
    // The refused uploads leave no file behind.
    expect(readdirSync(join(app.dataDir, 'photos')).filter((name) => !name.startsWith('.'))).toHaveLength(30);
  });
});

describe('a zone’s author is the server’s to record', () => {
  it('a planner creating a zone with createdBy "admin" gets a zone created by the planner', async () => {
    const response = await app.server.inject({
      method: 'POST',
      url: '/api/features/zones',
      headers: { cookie: planner },
      payload: {
        properties: {
          id: 'zone-forged',
          name: '片区',
          mode: 'self-upgrade',
          plannedLandUse: '1001',
          createdBy: 'admin',
        },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [112.95, 22.75],
              [112.952, 22.75],
              [112.952, 22.752],
              [112.95, 22.752],
              [112.95, 22.75],
            ],
          ],
        },
      },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().properties.createdBy).toBe('planner');
  });

  it('a PATCH changing createdBy gets 422 created-by-immutable and the zone is unchanged', async () => {
    const before = await app.server.inject({
      method: 'GET',
      url: '/api/features/zones/zone-forged',
      headers: { cookie: planner },
    });
    const response = await app.server.inject({
      method: 'PATCH',
      url: '/api/features/zones/zone-forged',
      headers: { cookie: planner },
      payload: { version: 1, properties: { createdBy: 'admin', name: '新名' } },
    });
    expect(response.statusCode).toBe(422);
    expect(response.json().error).toBe('created-by-immutable');
    const removing = await app.server.inject({
      method: 'PATCH',
      url: '/api/features/zones/zone-forged',
      headers: { cookie: planner },
      payload: { version: 1, properties: { createdBy: null } },
    });
    expect(removing.statusCode).toBe(422);
    const after = await app.server.inject({
      method: 'GET',
      url: '/api/features/zones/zone-forged',
      headers: { cookie: planner },
    });
    expect(after.body).toBe(before.body);
    const renamed = await app.server.inject({
      method: 'PATCH',
      url: '/api/features/zones/zone-forged',
      headers: { cookie: planner },
      payload: { version: 1, properties: { createdBy: 'planner', name: '新名' } },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().properties).toMatchObject({ createdBy: 'planner', name: '新名', version: 2 });
  });
});
