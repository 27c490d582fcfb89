// GET /api/session: public, never a 401; says whether this browser is signed in (and as whom) and
// whether the first admin is still to be created.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { describeEachStore, PASSWORD, startServer, type TestServer, tempRoot } from './helpers.ts';

describeEachStore('session', (store) => {
  let app: TestServer;
  beforeAll(async () => {
    app = await startServer({ store, users: { inspector: 'inspector', viewer: 'viewer' } });
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

  describe('Secure session cookies behind HTTPS', () => {
    const loginWith = async (options: { trustProxy?: boolean; secureCookies?: boolean }, headers = {}) => {
      const root = tempRoot();
      const server = await buildServer({
        distDir: null,
        dataDir: `${root}/data`,
        geodataDir: null,
        ...options,
      });
      try {
        await server.atlas.store.createUser('viewer', 'viewer', await hashPassword(PASSWORD), 'test');
        const response = await server.inject({
          method: 'POST',
          url: '/api/login',
          headers,
          payload: { username: 'viewer', password: PASSWORD },
        });
        expect(response.statusCode).toBe(200);
        return String(response.headers['set-cookie']);
      } finally {
        await server.close();
      }
    };

    it('a cookie sent over plain HTTP (no proxy) is not marked Secure, or the browser would drop it', async () => {
      expect(await loginWith({})).not.toMatch(/;\s*Secure/i);
    });

    it('behind a TLS proxy (TRUST_PROXY=1, X-Forwarded-Proto: https) the cookie is Secure', async () => {
      expect(await loginWith({ trustProxy: true }, { 'x-forwarded-proto': 'https' })).toMatch(/;\s*Secure/i);
    });

    it('a forged X-Forwarded-Proto without TRUST_PROXY does not change it', async () => {
      expect(await loginWith({}, { 'x-forwarded-proto': 'https' })).not.toMatch(/;\s*Secure/i);
    });

    it('COOKIE_SECURE=1 marks it Secure whatever the request says', async () => {
      expect(await loginWith({ secureCookies: true })).toMatch(/;\s*Secure/i);
    });
  });
});
