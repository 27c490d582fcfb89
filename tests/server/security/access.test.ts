// Item 1 of issue 8: no read without a session, whatever the spelling of the path. Every registered
// route (taken from the server's own route list, so a future route is covered without being listed
// here) is requested without a cookie in every spelling a router, a proxy or a file server might fold
// into it — over a raw TCP socket, since inject() normalises the request target — and must answer
// exactly 401 or 404 with the exact error JSON, never data. The built app ships no layer either.
import { mkdirSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '../../../src/server/app.ts';
import {
  collection,
  inspectionWithPhoto,
  plotFeature,
  ROLE_USERS,
  startServer,
  type TestServer,
  tempRoot,
} from '../helpers.ts';

let app: TestServer;
let port = 0;
let inspectionId = '';
let photoId = '';

const LAYER_FILES = ['plots', 'parks', 'projects', 'newland', 'boundary', 'zones'];

interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** One request exactly as written, on its own connection: no client or inject() normalises it. */
function raw(method: string, target: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const head = text.slice(0, split).split('\r\n');
      const parsed: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const colon = line.indexOf(':');
        parsed[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
      }
      let body = text.slice(split + 4);
      if (parsed['transfer-encoding'] === 'chunked') body = unchunk(body);
      resolve({ status: Number(head[0]?.split(' ')[1]), headers: parsed, body });
    });
    const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
    socket.write(
      `${method} ${target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n${extra.join('')}\r\n`,
    );
  });
}

function unchunk(body: string): string {
  let out = '';
  let rest = Buffer.from(body);
  for (;;) {
    const line = rest.indexOf('\r\n');
    const size = Number.parseInt(rest.subarray(0, line).toString(), 16);
    if (!size) return out;
    out += rest.subarray(line + 2, line + 2 + size).toString();
    rest = rest.subarray(line + 4 + size);
  }
}

const UNAUTHORIZED = { error: 'unauthorized', message: { zh: '请先登录。', en: 'Please log in first.' } };
const notFoundBody = (path: string) => ({
  error: 'not-found',
  message: { zh: `没有这个地址：${path}`, en: `There is nothing at ${path}.` },
});

/** A route pattern with real values in its parameters: an existing plot, inspection, photo, user, tile. */
function concrete(route: RouteAccess): string {
  return route.url
    .replace(':layer', 'plots')
    .replace('/:z/:x/:y', '/12/3332/1782.pbf')
    .replace(/\/inspections\/:id/, `/inspections/${inspectionId}`)
    .replace(/\/photos\/:id/, `/photos/${photoId}`)
    .replace(':id', 'HS-T-0001')
    .replace(':name', 'admin');
}

const encodeFirst = (segment: string) =>
  `%${segment.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}${segment.slice(1)}`;
const capitalize = (segment: string) => segment.slice(0, 1).toUpperCase() + segment.slice(1);

/** Every spelling of a path that some layer might take for the path itself. */
function spellings(path: string): string[] {
  const segments = path.slice(1).split('/');
  const join = (parts: string[]) => `/${parts.join('/')}`;
  const out = new Set<string>([
    path,
    `${path}/`,
    `${path};x`,
    `http://x${path}`,
    `http://127.0.0.1:${port}${path}`,
  ]);
  segments.forEach((_, index) => {
    const encoded = [...segments];
    encoded[index] = encodeFirst(segments[index] as string);
    out.add(join(encoded)); // /%61pi/layers/plots, /api/%6Cayers/plots
    out.add(`http://x${join(encoded)}`);
    const doubled = [...segments];
    doubled[index] = `${segments[index]}/`;
    out.add(join(doubled)); // /api//layers/plots
    const dotted = [...segments];
    dotted[index] = `${segments[index]}/.`;
    out.add(join(dotted)); // /api/./layers/plots
    const upper = [...segments];
    upper[index] = (segments[index] as string).toUpperCase();
    out.add(join(upper)); // /API/layers/plots
  });
  out.add(`/${path}`); // //api/layers/plots
  out.add(`/x/..${path}`);
  out.add(`/api/../${path.slice(1)}`);
  out.add(join(segments.map(capitalize))); // /Api/Layers/plots
  out.add(`/${segments.join('%2F')}`);
  out.add(`/${segments.join('%2f')}`);
  out.add(path.replace('/api/', '/%2561pi/'));
  return [...out];
}

/** The path part of a request target, as the not-found message names it. */
const pathOf = (target: string) => target.split('?')[0] as string;

beforeAll(async () => {
  const dist = join(tempRoot(), 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>Land Atlas</title>');
  writeFileSync(join(dist, 'assets', 'app.js'), 'console.log(1)');
  // A build made before the fix left the layers in dist/: the server must refuse them anyway.
  for (const name of LAYER_FILES)
    writeFileSync(join(dist, `${name}.geojson`), JSON.stringify(collection([plotFeature(1)])));
  app = await startServer({ users: ROLE_USERS, distDir: dist });
  await app.server.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.server.address() as { port: number }).port;
  ({ inspectionId, photoId } = await inspectionWithPhoto(app.server, await app.login('admin'), 'HS-T-0002'));
});

afterAll(() => app.server.close());

describe('every route, every spelling, no cookie', () => {
  it('the only routes open without a session are health, setup, login, logout, session and the app files', () => {
    const open = app.server.atlas.routes
      .filter((route) => route.access === 'public')
      .map((route) => `${route.method} ${route.url}`)
      .sort();
    expect(open).toEqual(
      [
        'GET /*',
        'GET /api/health',
        'GET /api/session',
        'GET /api/setup',
        'HEAD /*',
        'HEAD /api/health',
        'HEAD /api/session',
        'HEAD /api/setup',
        'POST /api/login',
        'POST /api/logout',
        'POST /api/setup',
      ].sort(),
    );
  });

  it('a percent-encoded, double-slash, dot-segment, mixed-case or absolute-form path gets exactly 401 or 404 and no data', async () => {
    const guarded = app.server.atlas.routes.filter((route) => route.access !== 'public');
    expect(guarded.length).toBeGreaterThanOrEqual(25);
    const leaks: string[] = [];
    let requests = 0;
    for (const route of guarded) {
      const path = concrete(route);
      // The plain spelling is refused first: the route list and the values put into it are right.
      const plain = await raw(route.method, `${path}?layer=plots&format=csv`);
      expect(plain.status, `${route.method} ${path}`).toBe(401);
      for (const spelled of spellings(path)) {
        const target = `${spelled}?layer=plots&format=csv`;
        const response = await raw(route.method, target);
        requests++;
        const expected =
          response.status === 401
            ? UNAUTHORIZED
            : response.status === 404
              ? notFoundBody(pathOf(target))
              : null;
        const body = route.method === 'HEAD' ? '' : JSON.stringify(expected);
        if (expected === null || response.body !== body || response.headers['set-cookie'] !== undefined)
          leaks.push(`${route.method} ${target} → ${response.status} ${response.body.slice(0, 120)}`);
        else if (response.headers['cache-control'] !== 'no-store')
          leaks.push(`${route.method} ${target} → Cache-Control ${response.headers['cache-control']}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(requests).toBeGreaterThan(400);
  });

  it('/%61pi/users, /%61pi/layers/plots, /%61pi/tiles, /%61pi/export, /%61pi/history, /%61pi/photos and http://x/api/layers/plots get 401', async () => {
    for (const target of [
      '/%61pi/users',
      '/%61pi/layers/plots',
      '/%61pi/tiles/plots/12/3332/1782',
      'http://x/api/tiles/plots/12/3332/1782',
      '/%61pi/export/plots?format=csv',
      '/%61pi/history?layer=plots',
      `/%61pi/photos/${photoId}`,
      'http://x/api/layers/plots',
    ]) {
      const response = await raw('GET', target);
      expect([target, response.status, JSON.parse(response.body)]).toEqual([target, 401, UNAUTHORIZED]);
    }
  });
});

describe('the built app ships no layer', () => {
  it('GET /plots.geojson (and every other layer file left in dist/) gets 404 in any spelling', async () => {
    for (const name of LAYER_FILES) {
      for (const target of [
        `/${name}.geojson`,
        `/${encodeFirst(name)}.geojson`,
        `//${name}.geojson`,
        `/x/../${name}.geojson`,
        `/./${name}.geojson`,
        `/${name}.GEOJSON`,
        `/${name}.geojson?x=1`,
        `http://x/${name}.geojson`,
      ]) {
        for (const method of ['GET', 'HEAD']) {
          const response = await raw(method, target);
          const body = method === 'HEAD' ? '' : JSON.stringify(notFoundBody(pathOf(target)));
          expect([method, target, response.status, response.body]).toEqual([method, target, 404, body]);
        }
      }
    }
  });

  it('the app itself is served, with its Content-Security-Policy', async () => {
    const page = await raw('GET', '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('Land Atlas');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self';/);
    expect((await raw('GET', '/assets/app.js')).status).toBe(200);
  });
});
