// GET /api/session: public, never a 401; says whether this browser is signed in (and as whom) and
// whether the first admin is still to be created.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { startServer, type TestServer, tempRoot } from './helpers.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startServer({ users: { inspector: 'inspector', viewer: 'viewer' } });
});
afterAll(() => app.server.close());

describe('GET /api/session', () => {
  it('answers 200 without a session, and with an unknown or ended one', async () => {
    for (const cookie of [undefined, `atlas_session=${'A'.repeat(43)}`]) {
      const response = await app.server.inject({
        method: 'GET',
        url: '/api/session',
        ...(cookie ? { headers: { cookie } } : {}),
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ signedIn: false, setupNeeded: false });
    }
  });

  it('describes the signed-in user as /api/me does', async () => {
    const cookie = await app.login('inspector');
    const session = await app.server.inject({ method: 'GET', url: '/api/session', headers: { cookie } });
    const me = await app.server.inject({ method: 'GET', url: '/api/me', headers: { cookie } });
    expect(session.json()).toEqual({ signedIn: true, setupNeeded: false, ...me.json() });
    expect(session.json().can.inspect).toBe(true);
  });

  it('says setup is needed while there are no users', async () => {
    const server = await buildServer({ distDir: null, dataDir: `${tempRoot()}/data`, geodataDir: null });
    try {
      const response = await server.inject({ method: 'GET', url: '/api/session' });
      expect(response.json()).toEqual({ signedIn: false, setupNeeded: true });
    } finally {
      await server.close();
    }
  });
});
