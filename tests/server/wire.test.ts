// The server's answers match the shared wire schemas (src/domain/wire.ts) the app checks them with:
// every named field present and of its type, so a field renamed on the server fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { inspection, me, photo, session } from '../../src/domain/wire.ts';
import { multipart, ROLE_USERS, startServer, type TestServer, tinyPng } from './helpers.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startServer({ users: ROLE_USERS });
});
afterAll(() => app.server.close());

/** Parses with the shared schema; an issue (a missing or mistyped field) fails with its path. */
function check<T extends z.ZodType>(schema: T, value: unknown): z.infer<T> {
  const result = schema.safeParse(value);
  expect(result.error?.issues ?? []).toEqual([]);
  return result.data as z.infer<T>;
}

describe('wire schemas', () => {
  it('/api/session signed out and in, /api/login and /api/me', async () => {
    const out = await app.server.inject({ method: 'GET', url: '/api/session' });
    expect(check(session, out.json())).toEqual({ signedIn: false, setupNeeded: false });
    const cookie = await app.login('planner');
    const signedIn = check(
      session,
      (await app.server.inject({ method: 'GET', url: '/api/session', headers: { cookie } })).json(),
    );
    expect(signedIn).toMatchObject({ signedIn: true, user: { username: 'planner', role: 'planner' } });
    const mine = check(
      me,
      (await app.server.inject({ method: 'GET', url: '/api/me', headers: { cookie } })).json(),
    );
    expect(mine.can.editLayers).toContain('plots');
    expect(mine.can.inspect).toBe(false);
  });

  it('an inspection with a photo, as recorded, uploaded and listed', async () => {
    const cookie = await app.login('inspector');
    const recorded = await app.server.inject({
      method: 'POST',
      url: '/api/inspections',
      headers: { cookie },
      payload: { plotId: 'HS-T-0001', date: '2026-05-01', findings: '现场核查', status: 'inspected' },
    });
    expect(recorded.statusCode).toBe(201);
    const record = check(inspection, recorded.json());
    expect(record).toMatchObject({
      plotId: 'HS-T-0001',
      date: '2026-05-01',
      mode: null,
      notes: null,
      photos: [],
    });
    const body = multipart('photo', 'site.png', 'image/png', tinyPng());
    const uploaded = await app.server.inject({
      method: 'POST',
      url: `/api/inspections/${record.id}/photos`,
      headers: { cookie, ...body.headers },
      payload: body.payload,
    });
    expect(uploaded.statusCode).toBe(201);
    const sent = check(photo, uploaded.json());
    expect(sent).toMatchObject({
      inspectionId: record.id,
      contentType: 'image/png',
      url: `/api/photos/${sent.id}`,
    });
    expect(uploaded.json()).not.toHaveProperty('fileName');
    const listed = await app.server.inject({
      method: 'GET',
      url: `/api/inspections/${record.id}`,
      headers: { cookie },
    });
    expect(check(inspection, listed.json()).photos).toEqual([sent]);
  });
});
