// Attack: a client sends its headers and then trickles the body one byte at a time, holding the
// connection (and whatever the server keeps for it) for as long as it likes — ≥ 360 s today. The body
// timeout (shortened here through the server's options) answers 408 and closes the connection.

import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer } from '../../../src/server/app.ts';
import { hashPassword } from '../../../src/server/auth/password.ts';
import { fixtureGeodata, PASSWORD, tempRoot } from '../helpers.ts';

const BODY_MS = 400;
const IMPORT_MS = 1500;
let server: FastifyInstance;
let port = 0;
let cookie = '';
let adminCookie = '';

beforeAll(async () => {
  const root = tempRoot();
  server = await buildServer({
    distDir: null,
    dataDir: join(root, 'data'),
    geodataDir: fixtureGeodata(root),
    timeouts: { headersMs: 3000, bodyMs: BODY_MS, importMs: IMPORT_MS },
  });
  const hash = await hashPassword(PASSWORD);
  const login = async (username: 'planner' | 'admin') => {
    await server.atlas.store.createUser(username, username, hash, 'test');
    const response = await server.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username, password: PASSWORD },
    });
    const session = response.cookies.find((c) => c.name === 'atlas_session');
    return `${session?.name}=${session?.value}`;
  };
  cookie = await login('planner');
  adminCookie = await login('admin');
  await server.listen({ port: 0, host: '127.0.0.1' });
  port = (server.server.address() as AddressInfo).port;
});
afterAll(() => server.close());

/** Sends the headers, then one byte of the body every 100 ms; resolves with what came back and when. */
function trickle(headers: string[]): Promise<{ response: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let response = '';
    const drip = setInterval(() => {
      if (!socket.destroyed) socket.write('{');
    }, 100);
    socket.on('data', (chunk) => {
      response += chunk.toString('utf8');
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(drip);
      resolve({ response, closedAfterMs: Date.now() - started });
    });
    socket.write(`${headers.join('\r\n')}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n`);
    setTimeout(() => {
      clearInterval(drip);
      socket.destroy();
      reject(new Error('the server held the trickled connection for 10 s'));
    }, 10_000);
  });
}

describe('a body trickled slowly', () => {
  it('with a session: 408 request-timeout in our words, and the connection is closed', async () => {
    const { response, closedAfterMs } = await trickle([
      'PATCH /api/features/plots/HS-T-0001 HTTP/1.1',
      'Host: localhost',
      `Cookie: ${cookie}`,
    ]);
    expect(response.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    const body = JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));
    expect(body).toMatchObject({ error: 'request-timeout', limitSeconds: 0.4 });
    expect(typeof body.message.zh).toBe('string');
    // The trickle alone would take 100 s; the connection ends at the body timeout, not the client's whim.
    expect(closedAfterMs).toBeLessThan(BODY_MS + 2000);
  });

  it('without a session: 401 at once, and the trickling connection is closed at the body timeout', async () => {
    const { response, closedAfterMs } = await trickle([
      'PATCH /api/features/plots/HS-T-0001 HTTP/1.1',
      'Host: localhost',
    ]);
    expect(response.split('\r\n')[0]).toBe('HTTP/1.1 401 Unauthorized');
    expect(closedAfterMs).toBeLessThan(BODY_MS + 2000);
  });

  it('to /api/import without a session: 401, and closed at the ordinary body timeout, not the import’s', async () => {
    const { response, closedAfterMs } = await trickle(['POST /api/import/plots HTTP/1.1', 'Host: localhost']);
    expect(response.split('\r\n')[0]).toBe('HTTP/1.1 401 Unauthorized');
    expect(closedAfterMs).toBeLessThan(IMPORT_MS);
  });

  it('to /api/import as an admin: 408 at the longer import limit', async () => {
    const { response } = await trickle([
      'POST /api/import/plots HTTP/1.1',
      'Host: localhost',
      `Cookie: ${adminCookie}`,
    ]);
    expect(response.split('\r\n')[0]).toBe('HTTP/1.1 408 Request Timeout');
    const body = JSON.parse(response.slice(response.indexOf('\r\n\r\n') + 4));
    expect(body).toMatchObject({ error: 'request-timeout', limitSeconds: 1.5 });
  });
});
