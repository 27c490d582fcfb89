// Item 11 of issue 8: the server listens on this machine only (127.0.0.1) unless HOST says otherwise,
// so a fresh `npm start` is not open to the whole network over plain HTTP.
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempRoot } from '../helpers.ts';
import { type ServerProcess, spawnServer, stopServer } from '../process.ts';

let server: ServerProcess | undefined;
afterEach(async () => {
  if (server) await stopServer(server);
  server = undefined;
});

/** This machine's first address that is not loopback (an office network's, say). */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((entry) => entry && entry.family === 'IPv4' && !entry.internal)?.address;

function reachable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, host);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

const portOf = (url: string) => Number(new URL(url).port);

/** The line that says where the server listens (printed just after the URL). */
async function listeningLine(child: ServerProcess): Promise<string> {
  for (let i = 0; i < 100 && !/listening on .*\n/.test(child.output()); i++)
    await new Promise((resolve) => setTimeout(resolve, 50));
  return /listening on .*/.exec(child.output())?.[0] ?? child.output();
}

describe('listening address', () => {
  it('without HOST, the network cannot reach the server: it listens on 127.0.0.1 only', async () => {
    server = await spawnServer(join(tempRoot(), 'data'), null, { HOST: '' });
    const port = portOf(server.url);
    expect(await listeningLine(server)).toBe(`listening on 127.0.0.1:${port} (HOST)`);
    expect(await reachable('127.0.0.1', port)).toBe(true);
    if (outside) expect([outside, await reachable(outside, port)]).toEqual([outside, false]);
  });

  it('HOST=0.0.0.0 opens it to the network, as asked', async () => {
    server = await spawnServer(join(tempRoot(), 'data'), null, { HOST: '0.0.0.0' });
    const port = portOf(server.url);
    expect(await listeningLine(server)).toBe(`listening on 0.0.0.0:${port} (HOST)`);
    if (outside) expect([outside, await reachable(outside, port)]).toEqual([outside, true]);
  });
});
