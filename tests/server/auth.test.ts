// Login, sessions, rate limits, first-run setup and the users API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import {
  describeEachStore,
  PASSWORD,
  ROLE_USERS,
  startServer,
  type TestServer,
  tempRoot,
} from './helpers.ts';

describeEachStore('auth', (store) => {
  let app: TestServer;

  beforeAll(async () => {
    app = await startServer({ store, users: ROLE_USERS });
  });
  afterAll(() => app.server.close());

  const login = (username: string, password: string, ip = '10.0.0.1') =>
    app.server.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username, password },
      remoteAddress: ip,
    });

  describe('login and sessions', () => {
    it('sets an HttpOnly, SameSite=Strict session cookie; /api/me; logout ends the session', async () => {
      const response = await login('inspector', PASSWORD);
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({
        user: { username: 'inspector', role: 'inspector' },
        can: { inspect: true, import: false },
      });
      const header = String(response.headers['set-cookie']);
      expect(header).toMatch(/HttpOnly/);
      expect(header).toMatch(/SameSite=Strict/);
      expect(header).toMatch(/Path=\//);
      const cookie = response.cookies.find((c) => c.name === 'atlas_session');
      expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const session = `atlas_session=${cookie?.value}`;
      expect(
        (await app.server.inject({ method: 'GET', url: '/api/me', headers: { cookie: session } })).statusCode,
      ).toBe(200);
      // The token itself is not in the database, only its hash.
      expect(
        await app.sql('SELECT count(*) AS n FROM sessions WHERE token_hash = ?', [cookie?.value]),
      ).toEqual([{ n: 0 }]);
      // Its hash is: every app server sharing the database knows the session.
      expect(await app.sql('SELECT count(*) AS n FROM sessions')).not.toEqual([{ n: 0 }]);
      expect(
        (await app.server.inject({ method: 'POST', url: '/api/logout', headers: { cookie: session } }))
          .statusCode,
      ).toBe(204);
      expect(
        (await app.server.inject({ method: 'GET', url: '/api/me', headers: { cookie: session } })).statusCode,
      ).toBe(401);
    });

    it('a wrong password and an unknown user get the same 401', async () => {
      const wrong = await login('viewer', 'not the password', '10.0.1.1');
      const unknown = await login('nobody', 'not the password', '10.0.1.2');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(wrong.json()).toEqual(unknown.json());
    });

    it('5 failures a minute for one user name at one address → 429 with Retry-After, even with the right password', async () => {
      for (let i = 0; i < 5; i++)
        expect((await login('planner', 'wrong password', '10.1.0.1')).statusCode).toBe(401);
      const limited = await login('planner', PASSWORD, '10.1.0.1');
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(limited.json().error).toBe('too-many-attempts');
      // The same person from another address is not locked out by those typos.
      expect((await login('planner', PASSWORD, '10.1.0.2')).statusCode).toBe(200);
    });

    it('20 failures a minute for one user name from many addresses → 429 from every address', async () => {
      await app.server.atlas.store.createUser('target', 'viewer', await hashPassword(PASSWORD), 'test');
      for (let i = 0; i < 20; i++)
        expect((await login('target', 'wrong password', `10.2.${i}.1`)).statusCode).toBe(401);
      expect((await login('target', PASSWORD, '10.2.99.1')).statusCode).toBe(429);
    });

    it('a disabled user cannot log in and loses its sessions', async () => {
      const admin = (await login('admin', PASSWORD, '10.3.0.1')).cookies[0];
      const viewer = (await login('viewer', PASSWORD, '10.3.0.2')).cookies[0];
      const headers = { cookie: `atlas_session=${admin?.value}` };
      const disabled = await app.server.inject({
        method: 'PATCH',
        url: '/api/users/viewer',
        headers,
        payload: { disabled: true },
      });
      expect(disabled.json()).toMatchObject({ username: 'viewer', disabled: true });
      expect(
        (
          await app.server.inject({
            method: 'GET',
            url: '/api/me',
            headers: { cookie: `atlas_session=${viewer?.value}` },
          })
        ).statusCode,
      ).toBe(401);
      expect((await login('viewer', PASSWORD, '10.3.0.3')).statusCode).toBe(401);
      await app.server.inject({
        method: 'PATCH',
        url: '/api/users/viewer',
        headers,
        payload: { disabled: false },
      });
      expect((await login('viewer', PASSWORD, '10.3.0.4')).statusCode).toBe(200);
    });
  });

  describe('users API', () => {
    it('creates users with passwords of at least 8 characters; refuses unknown fields and duplicates', async () => {
      const cookie = await app.login('admin');
      const create = (payload: object) =>
        app.server.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload });
      const password = 'tea by the river';
      expect((await create({ username: '李工', role: 'inspector', password: 'short' })).statusCode).toBe(400);
      expect((await create({ username: '李工', role: 'inspector', password, admin: true })).statusCode).toBe(
        400,
      );
      expect((await create({ username: '李工', role: 'boss', password })).statusCode).toBe(400);
      const made = await create({ username: '李工', role: 'inspector', password });
      expect(made.statusCode).toBe(201);
      expect(made.json()).not.toHaveProperty('passwordHash');
      expect((await create({ username: '李工', role: 'viewer', password })).statusCode).toBe(409);
      expect((await login('李工', password, '10.4.0.1')).statusCode).toBe(200);
      const list = await app.server.inject({ method: 'GET', url: '/api/users', headers: { cookie } });
      expect(JSON.stringify(list.json())).not.toContain('scrypt');
    });

    it('the last active admin cannot be demoted or disabled', async () => {
      const cookie = await app.login('admin');
      const demote = await app.server.inject({
        method: 'PATCH',
        url: '/api/users/admin',
        headers: { cookie },
        payload: { role: 'viewer' },
      });
      expect(demote.statusCode).toBe(409);
      expect(demote.json().error).toBe('last-admin');
    });

    it('changing one’s own password needs the current one', async () => {
      const cookie = await app.login('inspector');
      const url = '/api/me/password';
      expect(
        (
          await app.server.inject({
            method: 'POST',
            url,
            headers: { cookie },
            payload: { currentPassword: 'nope', newPassword: 'a new long password' },
          })
        ).statusCode,
      ).toBe(401);
      const changed = await app.server.inject({
        method: 'POST',
        url,
        headers: { cookie },
        payload: { currentPassword: PASSWORD, newPassword: 'a new long password' },
      });
      expect(changed.statusCode).toBe(204);
      expect((await login('inspector', 'a new long password', '10.5.0.1')).statusCode).toBe(200);
    });
  });

  describe('first-run setup', () => {
    it('prints nothing to guess: a random token, used once, creates the first admin and logs them in', async () => {
      const root = tempRoot();
      const server = await buildServer({ distDir: null, dataDir: `${root}/data`, geodataDir: null });
      try {
        const token = server.atlas.setupToken as string;
        expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect((await server.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: true });
        expect((await server.inject({ method: 'GET', url: '/api/layers/plots' })).statusCode).toBe(401);
        const setup = (payload: object) => server.inject({ method: 'POST', url: '/api/setup', payload });
        expect(
          (await setup({ token: 'x'.repeat(43), username: 'root', password: 'long password' })).statusCode,
        ).toBe(403);
        expect((await setup({ token, username: 'root', password: 'short' })).statusCode).toBe(400);
        const created = await setup({ token, username: 'root', password: 'long password' });
        expect(created.statusCode).toBe(201);
        expect(created.json().user).toEqual({ username: 'root', role: 'admin' });
        const cookie = created.cookies.find((c) => c.name === 'atlas_session');
        expect(
          (
            await server.inject({
              method: 'GET',
              url: '/api/users',
              headers: { cookie: `atlas_session=${cookie?.value}` },
            })
          ).statusCode,
        ).toBe(200);
        expect((await setup({ token, username: 'root2', password: 'long password' })).json().error).toBe(
          'setup-done',
        );
        expect((await server.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needed: false });
      } finally {
        await server.close();
      }
      // With a user, a restart prints no setup link.
      const again = await buildServer({ distDir: null, dataDir: `${root}/data`, geodataDir: null });
      expect(again.atlas.setupToken).toBeNull();
      await again.close();
    });
  });

  describe('errors', () => {
    it('an unknown /api route is 404 for anyone, with or without a session', async () => {
      const viewer = await app.login('viewer');
      expect(
        (await app.server.inject({ method: 'GET', url: '/api/nope', headers: { cookie: viewer } }))
          .statusCode,
      ).toBe(404);
      expect((await app.server.inject({ method: 'POST', url: '/api/nope' })).statusCode).toBe(404);
    });

    it('are JSON with a code and a bilingual message, never a stack', async () => {
      const cookie = await app.login('admin');
      const cases = [
        await app.server.inject({ method: 'GET', url: '/api/nothing-here', headers: { cookie } }),
        await app.server.inject({
          method: 'POST',
          url: '/api/login',
          headers: { 'content-type': 'application/json' },
          payload: '{"username": ',
        }),
        await app.server.inject({
          method: 'POST',
          url: '/api/login',
          payload: { username: 'a', password: 'b', remember: true },
        }),
        await app.server.inject({ method: 'GET', url: '/api/layers/rivers', headers: { cookie } }),
        await app.server.inject({
          method: 'PATCH',
          url: '/api/features/plots/HS-T-0001',
          headers: { cookie },
          payload: { version: 1, properties: { x: 'y'.repeat(2_000_000) } },
        }),
      ];
      expect(cases.map((response) => response.statusCode)).toEqual([404, 400, 400, 400, 413]);
      for (const response of cases) {
        const body = response.json();
        expect(typeof body.error).toBe('string');
        expect(body.message.zh).toBeTruthy();
        expect(body.message.en).toBeTruthy();
        expect(response.body).not.toMatch(/at .*\.ts:\d+/);
      }
    });
  });
});
