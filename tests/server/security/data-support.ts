// Shared by the data-side security tests: plots with a chosen id or geometry, a comb polygon (every
// edge spanning the same x range: the worst case of a sweep), a server with one session per role.
import { afterAll, beforeAll } from 'vitest';
import { plotFeature, ROLE_USERS, type StoreKind, startServer, type TestServer } from '../helpers.ts';

export function plotWithId(id: string, index = 900) {
  const feature = plotFeature(index);
  return { ...feature, id, properties: { ...feature.properties, id } };
}

export function plotWithGeometry(index: number, geometry: unknown) {
  return { ...plotFeature(index), geometry };
}

/**
 * A simple polygon of about `vertices` positions: a zigzag up between two longitudes, closed by a
 * straight edge back down. Every zigzag edge spans the whole x range.
 */
export function combPolygon(vertices: number, x0 = 112.9, x1 = 112.95, y0 = 22.6, height = 0.1) {
  const teeth = vertices - 3;
  const step = height / teeth;
  const round = (value: number) => Math.round(value * 1e7) / 1e7;
  const ring: [number, number][] = [];
  for (let i = 0; i <= teeth; i++) ring.push([i % 2 === 0 ? x0 : x1, round(y0 + i * step)]);
  const top = ring[ring.length - 1]?.[1] ?? y0;
  ring.push([round(x1 + 0.01), top], [round(x1 + 0.01), y0], [x0, y0]);
  // Counter-clockwise, as RFC 7946 asks of an outer ring.
  return { type: 'Polygon', coordinates: [ring.reverse()] };
}

/** A feature as served (status and body) and its layer's revision: equal before and after = unchanged. */
export async function featureState(as: Session, layer: string, id: string) {
  const feature = await as.get(`/api/features/${layer}/${encodeURIComponent(id)}`);
  const layerResponse = await as.get(`/api/layers/${layer}`);
  return { feature: feature.body, status: feature.statusCode, revision: layerResponse.headers.etag };
}

/** A self-crossing ring (a bow tie): refused by the validator as self-intersection. */
export const BOWTIE = {
  type: 'Polygon',
  coordinates: [
    [
      [112.9, 22.7],
      [112.91, 22.71],
      [112.91, 22.7],
      [112.9, 22.71],
      [112.9, 22.7],
    ],
  ],
};

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/** Requests as one logged-in user. */
export interface Session {
  cookie: string;
  get(url: string): Promise<LightResponse>;
  send(method: Method, url: string, payload?: unknown): Promise<LightResponse>;
  /** A body sent as written, with its content type (application/json unless told). */
  sendText(method: Method, url: string, text: string, contentType?: string): Promise<LightResponse>;
  importText(query: string, text: string, layer?: string): Promise<LightResponse>;
}
type LightResponse = Awaited<ReturnType<TestServer['server']['inject']>>;

function session(app: TestServer, cookie: string): Session {
  const inject = app.server.inject.bind(app.server);
  return {
    cookie,
    get: (url) => inject({ method: 'GET', url, headers: { cookie } }),
    send: (method, url, payload) =>
      inject({
        method,
        url,
        headers: { cookie },
        ...(payload === undefined ? {} : { payload: payload as object }),
      }),
    sendText: (method, url, text, contentType = 'application/json') =>
      inject({ method, url, headers: { cookie, 'content-type': contentType }, payload: text }),
    importText: (query, text, layer = 'plots') =>
      inject({
        method: 'POST',
        url: `/api/import/${layer}?${query}`,
        headers: { cookie, 'content-type': 'application/geo+json' },
        payload: text,
      }),
  };
}

export interface ServerWithSessions {
  app: TestServer;
  admin: Session;
  planner: Session;
  inspector: Session;
}

/** A test server (5 plots) with one logged-in user per role, started before and closed after the file's tests. */
export function serverForTests(store: StoreKind = 'sqlite'): ServerWithSessions {
  const state = {} as ServerWithSessions;
  beforeAll(async () => {
    state.app = await startServer({ users: ROLE_USERS, store });
    state.admin = session(state.app, await state.app.login('admin'));
    state.planner = session(state.app, await state.app.login('planner'));
    state.inspector = session(state.app, await state.app.login('inspector'));
  });
  afterAll(() => state.app.server.close());
  return state;
}
