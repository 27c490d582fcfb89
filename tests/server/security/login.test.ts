// Item 3 of issue 8: the login limit holds under concurrency, one person's typos do not lock out the
// office, and a flood of logins (scrypt on libuv's thread pool) does not starve the app's files.
// Item 11 (names): `Ädmin` and `ädmin` are one account, with one limit.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../src/server/auth/password.ts';
import { PASSWORD, startServer, type TestServer } from '../helpers.ts';

let app: TestServer | undefined;
afterEach(async () => {
  await app?.server.close();
  app = undefined;
});

function login(username: string, password: string, address: string) {
  if (!app) throw new Error('no server');
  return app.server.inject({
    method: 'POST',
    url: '/api/login',
    payload: { username, password },
    remoteAddress: address,
  });
}

function count(statuses: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}

describe('concurrent guesses', () => {
  it('200 concurrent wrong passwords for one user from one address: exactly 5 checked (401), 195 refused (429)', async () => {
    app = await startServer({ users: { planner: 'planner' } });
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => login('planner', `wrong guess ${i}`, '10.8.0.1')),
    );
    expect(count(responses.map((response) => response.statusCode))).toEqual({ 401: 5, 429: 195 });
    const refused = responses.find((response) => response.statusCode === 429);
    expect(refused?.json().error).toBe('too-many-attempts');
    expect(Number(refused?.headers['retry-after'])).toBeGreaterThanOrEqual(1);
  });

  it('300 concurrent guesses for an unknown name from one address: exactly 5 checked (401), 295 refused (429)', async () => {
    app = await startServer({ users: { planner: 'planner' } });
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) => login('nobody-here', `wrong guess ${i}`, '10.8.0.2')),
    );
    expect(count(responses.map((response) => response.statusCode))).toEqual({ 401: 5, 429: 295 });
  });

  it('300 concurrent guesses for one name from 300 addresses: exactly 20 checked (401), 280 refused (429)', async () => {
    app = await startServer({ users: { planner: 'planner' } });
    const responses = await Promise.all(
      Array.from({ length: 300 }, (_, i) =>
        login('planner', `wrong guess ${i}`, `10.9.${Math.floor(i / 250)}.${i % 250}`),
      ),
    );
    expect(count(responses.map((response) => response.statusCode))).toEqual({ 401: 20, 429: 280 });
  });

  it('after someone else’s 5 failures, a colleague at the same office address still logs in with the right password', async () => {
    app = await startServer({ users: { planner: 'planner', inspector: 'inspector' } });
    const typos = await Promise.all(
      Array.from({ length: 5 }, (_, i) => login('planner', `typo ${i}`, '10.8.1.1')),
    );
    expect(typos.map((response) => response.statusCode)).toEqual([401, 401, 401, 401, 401]);
    expect((await login('planner', PASSWORD, '10.8.1.1')).statusCode).toBe(429);
    expect((await login('inspector', PASSWORD, '10.8.1.1')).statusCode).toBe(200);
  });

  // 100 real scrypt hashes, two at a time: seconds on a loaded machine, so more than the 5 s default.
  it('100 failures from one address (many names) → 429 for the next name from that address', async () => {
    app = await startServer({ users: { inspector: 'inspector' } });
    for (let i = 0; i < 100; i += 20) {
      const batch = await Promise.all(
        Array.from({ length: 20 }, (_, j) => login(`guess${i + j}`, 'wrong password', '10.8.2.1')),
      );
      expect(count(batch.map((response) => response.statusCode))).toEqual({ 401: 20 });
    }
    expect((await login('inspector', PASSWORD, '10.8.2.1')).statusCode).toBe(429);
    expect((await login('inspector', PASSWORD, '10.8.2.2')).statusCode).toBe(200);
  }, 60_000);
});

describe('a flood of logins does not starve the app', () => {
  it('while 300 logins are hashed, GET / (a file) and GET /api/health answer before the first ten logins are checked', async () => {
    const dist = join(mkdtempSync(join(tmpdir(), 'atlas-dist-')), 'dist');
    mkdirSync(dist);
    writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Land Atlas</title>');
    app = await startServer({ distDir: dist });
    // 300 accounts (one hash shared, to set them up quickly), each guessed once from its own address.
    const hash = await hashPassword(PASSWORD);
    for (let i = 0; i < 300; i++) await app.server.atlas.store.createUser(`user${i}`, 'viewer', hash, 'test');
    const order: string[] = [];
    const logins = Array.from({ length: 300 }, (_, i) =>
      login(`user${i}`, 'wrong password', `10.7.${Math.floor(i / 250)}.${i % 250}`).then((response) => {
        order.push(`login ${response.statusCode}`);
        return response;
      }),
    );
    const server = app.server;
    const page = server.inject({ method: 'GET', url: '/' }).then((response) => {
      order.push('page');
      return response;
    });
    const health = server.inject({ method: 'GET', url: '/api/health' }).then((response) => {
      order.push('health');
      return response;
    });
    const [pageResponse, healthResponse, ...loginResponses] = await Promise.all([page, health, ...logins]);
    expect(pageResponse.statusCode).toBe(200);
    expect(healthResponse.statusCode).toBe(200);
    const checked = (upTo: number) => order.slice(0, upTo).filter((entry) => entry === 'login 401').length;
    expect(checked(order.indexOf('page'))).toBeLessThan(10);
    expect(checked(order.indexOf('health'))).toBeLessThan(10);
    const statuses = count(loginResponses.map((response) => response.statusCode));
    // Every login was checked (401) or turned away at once with 503 and Retry-After: none hangs.
    expect((statuses[401] ?? 0) + (statuses[503] ?? 0)).toBe(300);
    expect(statuses[401]).toBeGreaterThanOrEqual(66);
    const busy = loginResponses.find((response) => response.statusCode === 503);
    expect(busy?.json().error).toBe('busy');
    expect(busy?.headers['retry-after']).toBe('1');
  });
});

describe('user names after Unicode normalisation and case folding', () => {
  it('`ädmin` cannot be created beside `Ädmin` (nor the full-width `ＡＤＭＩＮ` beside `admin`): 409', async () => {
    app = await startServer({ users: { Ädmin: 'admin', admin: 'admin' } });
    const server = app.server;
    const cookie = await app.login('admin');
    for (const username of ['ädmin', 'ÄDMIN', 'A\u0308dmin', 'ＡＤＭＩＮ', 'Admin']) {
      const response = await server.inject({
        method: 'POST',
        url: '/api/users',
        headers: { cookie },
        payload: { username, role: 'viewer', password: 'tea by the river' },
      });
      expect([username, response.statusCode, response.json().error]).toEqual([username, 409, 'user-exists']);
    }
    expect((await server.atlas.store.listUsers()).map((user) => user.username).sort()).toEqual([
      'admin',
      'Ädmin',
    ]);
  });

  it('`ädmin` logs in to `Ädmin`, and the failures of both spellings count against one limit', async () => {
    app = await startServer({ users: { Ädmin: 'admin' } });
    const ok = await login('ädmin', PASSWORD, '10.6.0.1');
    expect([ok.statusCode, ok.json().user]).toEqual([200, { username: 'Ädmin', role: 'admin' }]);
    const spellings = ['ädmin', 'Ädmin', 'ÄDMIN', 'A\u0308dmin', 'ａ\u0308dmin'];
    for (const [i, name] of spellings.entries())
      expect([name, (await login(name, `wrong ${i}`, '10.6.0.2')).statusCode]).toEqual([name, 401]);
    expect((await login('Ädmin', PASSWORD, '10.6.0.2')).statusCode).toBe(429);
  });
});
