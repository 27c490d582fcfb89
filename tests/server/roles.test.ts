// Every route × every role: what a role may not do is refused with 403, and without a session with 401.
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/domain/wire.ts';
import {
  ALL_ROLES,
  collection,
  inspectionWithPhoto,
  multipart,
  plotFeature,
  ROLE_USERS,
  startServer,
  type TestServer,
  tinyPng,
} from './helpers.ts';

let app: TestServer;
const cookies: Partial<Record<Role, string>> = {};
let inspectionId = '';
let photoId = '';

const zone = (id: string) => ({
  properties: {
    id,
    name: '测试片区',
    mode: 'redevelopment',
    plannedLandUse: '1001',
    notes: '',
    createdBy: 'x',
  },
  geometry: plotFeature(40).geometry,
});

interface RouteCase {
  name: string;
  allowed: readonly Role[];
  /** The exact answer every allowed role gets (a 404 where the route is reached but the thing is not there). */
  status: 200 | 201 | 404;
  request: (role: Role) => InjectOptions;
}

const everyone = ALL_ROLES;
const cases: RouteCase[] = [
  { name: 'GET /api/me', allowed: everyone, status: 200, request: () => ({ method: 'GET', url: '/api/me' }) },
  {
    name: 'GET /api/settings',
    allowed: everyone,
    status: 200,
    request: () => ({ method: 'GET', url: '/api/settings' }),
  },
  {
    name: 'GET layer',
    allowed: everyone,
    status: 200,
    request: () => ({ method: 'GET', url: '/api/layers/plots' }),
  },
  {
    name: 'GET tile',
    allowed: everyone,
    status: 200,
    request: () => ({ method: 'GET', url: '/api/tiles/plots/12/3332/1782.pbf' }),
  },
  {
    name: 'GET feature',
    allowed: everyone,
    status: 200,
    request: () => ({ method: 'GET', url: '/api/features/plots/HS-T-0001' }),
  },
  {
    name: 'PATCH plot',
    allowed: ['planner', 'admin'],
    status: 200,
    // A plot of its own for each role, so the second is not a version conflict with the first.
    request: (role) => ({
      method: 'PATCH',
      url: `/api/features/plots/${role === 'planner' ? 'HS-T-0001' : 'HS-T-0005'}`,
      payload: { version: 1, properties: { far: 0.7 } },
    }),
  },
  {
    name: 'PATCH plot geometry',
    allowed: ['admin'],
    status: 200,
    request: () => ({
      method: 'PATCH',
      url: '/api/features/plots/HS-T-0002',
      payload: { version: 1, properties: {}, geometry: plotFeature(30).geometry },
    }),
  },
  {
    name: 'PATCH park',
    allowed: ['admin'],
    status: 404,
    request: () => ({
      method: 'PATCH',
      url: '/api/features/parks/none',
      payload: { version: 1, properties: {} },
    }),
  },
  {
    name: 'PATCH boundary (read-only)',
    allowed: [],
    status: 200,
    request: () => ({
      method: 'PATCH',
      url: '/api/features/boundary/heshan',
      payload: { version: 1, properties: { name: 'x' } },
    }),
  },
  {
    name: 'POST zone',
    allowed: ['planner', 'admin'],
    status: 201,
    request: (role) => ({ method: 'POST', url: '/api/features/zones', payload: zone(`Z-${role}`) }),
  },
  {
    name: 'POST plot feature',
    allowed: ['admin'],
    status: 201,
    request: () => ({
      method: 'POST',
      url: '/api/features/plots',
      payload: { properties: plotFeature(20).properties, geometry: plotFeature(20).geometry },
    }),
  },
  {
    name: 'DELETE zone',
    allowed: ['planner', 'admin'],
    status: 200,
    request: (role) => ({ method: 'DELETE', url: `/api/features/zones/Z-${role}?version=1` }),
  },
  {
    name: 'POST inspection',
    allowed: ['inspector', 'admin'],
    status: 201,
    request: () => ({
      method: 'POST',
      url: '/api/inspections',
      payload: { plotId: 'HS-T-0003', date: '2026-03-01', findings: '厂房闲置', status: 'inspected' },
    }),
  },
  {
    name: 'GET plot inspections',
    allowed: everyone,
    status: 200,
    request: () => ({ method: 'GET', url: '/api/plots/HS-T-0003/inspections' }),
  },
  {
    name: 'GET inspection',
    allowed: everyone,
    status: 200,
    request: () => ({ method: 'GET', url: `/api/inspections/${inspectionId}` }),
  },
  {
    name: 'POST photo',
    allowed: ['inspector', 'admin'],
    status: 201,
    request: () => ({
      method: 'POST',
      url: `/api/inspections/${inspectionId}/photos`,
      ...multipart('photo', 'p.png', 'image/png', tinyPng()),
    }),
  },
  {
    name: 'GET photo',
    allowed: everyone,
    status: 200,
    request: () => ({ method: 'GET', url: `/api/photos/${photoId}` }),
  },
  {
    name: 'GET history',
    allowed: everyone,
    status: 200,
    request: () => ({ method: 'GET', url: '/api/history?layer=plots&id=HS-T-0001' }),
  },
  {
    name: 'GET users history',
    allowed: ['admin'],
    status: 200,
    request: () => ({ method: 'GET', url: '/api/history?layer=users' }),
  },
  {
    name: 'POST import',
    allowed: ['admin'],
    status: 200,
    request: () => ({
      method: 'POST',
      url: '/api/import/plots?mode=merge',
      headers: { 'content-type': 'application/geo+json' },
      payload: JSON.stringify(collection([plotFeature(10)])),
    }),
  },
  {
    name: 'GET export',
    allowed: everyone,
    status: 200,
    request: () => ({ method: 'GET', url: '/api/export/plots?format=csv' }),
  },
  {
    name: 'GET users',
    allowed: ['admin'],
    status: 200,
    request: () => ({ method: 'GET', url: '/api/users' }),
  },
  {
    name: 'POST user',
    allowed: ['admin'],
    status: 201,
    request: (role) => ({
      method: 'POST',
      url: '/api/users',
      payload: { username: `new-${role}`, role: 'viewer', password: 'long enough 1' },
    }),
  },
  {
    name: 'PATCH user',
    allowed: ['admin'],
    status: 200,
    request: () => ({ method: 'PATCH', url: '/api/users/viewer', payload: { role: 'viewer' } }),
  },
];

beforeAll(async () => {
  app = await startServer({ users: ROLE_USERS });
  for (const role of ALL_ROLES) cookies[role] = await app.login(role);
  ({ inspectionId, photoId } = await inspectionWithPhoto(app.server, cookies.admin as string, 'HS-T-0004'));
});

afterAll(() => app.server.close());

describe('routes × roles', () => {
  for (const route of cases) {
    it(`${route.name}: no session → 401`, async () => {
      const response = await app.server.inject(route.request('viewer'));
      expect(response.statusCode, response.body).toBe(401);
      expect(response.json().error).toBe('unauthorized');
    });
    for (const role of ALL_ROLES) {
      const allowed = route.allowed.includes(role);
      it(`${route.name}: ${role} → ${allowed ? route.status : 403}`, async () => {
        const request = route.request(role);
        const response = await app.server.inject({
          ...request,
          headers: { ...(request.headers ?? {}), cookie: cookies[role] as string },
        });
        if (allowed) {
          expect(response.statusCode, response.body).toBe(route.status);
          if (route.status === 404) expect(response.json().error).toBe('not-found');
        } else {
          expect(response.statusCode, response.body).toBe(403);
          expect(response.json().message.zh).toBeTruthy();
          expect(response.json().message.en).toBeTruthy();
        }
      });
    }
  }

  it('public routes need no session', async () => {
    for (const url of ['/api/health', '/api/setup', '/api/session']) {
      expect((await app.server.inject({ method: 'GET', url })).statusCode).toBe(200);
    }
  });
});
