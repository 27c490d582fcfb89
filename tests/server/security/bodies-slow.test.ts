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
let server: FastifyInstance;
let port = 0;
let cookie = '';

beforeAll(async () => {
  const root = tempRoot();
  server = await buildServer({
    distDir: null,
    dataDir: join(root, 'data'),
    geodataDir: fixtureGeodata(root),
    timeouts: { headersMs: 3000, bodyMs: BODY_MS, importMs: 3000 },
  });
  await server.atlas.store.createUser('planner', 'planner', await hashPassword(PASSWORD), 'test');
  const login = await server.inject({
    method: 'POST',
    url: '/api/login',
    payload: { username: 'planner', password: PASSWORD },
  });
  const session = login.cookies.find((c) => c.name === 'atlas_session');
  cookie = `${session?.name}=${session?.value}`;
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
    expect(body.error).toBe('request-timeout');
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
});
