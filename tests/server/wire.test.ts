// The server's answers match the shared wire schemas (src/domain/wire.ts) the app checks them with:
// every named field present and of its type, so a field renamed on the server fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { inspection, me, photo, session } from '../../src/domain/wire.ts';
import { inspectionWithPhoto, ROLE_USERS, startServer, type TestServer } from './helpers.ts';

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

  it('an inspection with a photo, read alone and in the list of its plot', async () => {
    const cookie = await app.login('inspector');
    const { inspectionId, photoId } = await inspectionWithPhoto(app.server, cookie, 'HS-T-0001');
    const alone = await app.server.inject({
      method: 'GET',
      url: `/api/inspections/${inspectionId}`,
      headers: { cookie },
    });
    const record = check(inspection, alone.json());
    expect(record).toMatchObject({ id: inspectionId, plotId: 'HS-T-0001', mode: null, notes: null });
    expect(record.photos).toHaveLength(1);
    expect(check(photo, alone.json().photos[0])).toMatchObject({
      id: photoId,
      inspectionId,
      contentType: 'image/png',
      url: `/api/photos/${photoId}`,
    });
    expect(alone.json().photos[0]).not.toHaveProperty('fileName');
    const list = await app.server.inject({
      method: 'GET',
      url: '/api/plots/HS-T-0001/inspections',
      headers: { cookie },
    });
    expect(check(z.array(inspection), list.json().inspections)).toContainEqual(record);
  });
});
