// Item 11 of issue 8: a Content-Security-Policy on every answer, so an injected script or a framing
// page gets nothing; only the app's own scripts, MapLibre's blob: workers and the optional tile hosts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basemapSources } from '../../../src/domain/basemaps.ts';
import { CONTENT_SECURITY_POLICY } from '../../../src/server/auth/csp.ts';
import { startServer, type TestServer } from '../helpers.ts';

let app: TestServer;
beforeAll(async () => {
  app = await startServer();
});
afterAll(() => app.server.close());

const directives = new Map(
  CONTENT_SECURITY_POLICY.split('; ').map((part) => {
    const [name, ...values] = part.split(' ');
    return [name as string, values];
  }),
);

describe('Content-Security-Policy', () => {
  it('an injected inline script, eval or a foreign script host is refused: script-src is exactly self', () => {
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-inline'");
  });

  it('a page of another site cannot frame the app (clickjacking): frame-ancestors none', () => {
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('tiles load only from the basemaps the layer panel offers (OSM, Tianditu t0–t7)', () => {
    const expected = [
      'https://tile.openstreetmap.org',
      ...Array.from({ length: 8 }, (_, n) => `https://t${n}.tianditu.gov.cn`),
    ].sort();
    const offered = new Set(
      [...basemapSources('osm', null, 'zh'), ...basemapSources('tdt-img', 'k', 'en')].flatMap((source) =>
        source.tiles.map((tile) => new URL(tile.replace(/[{}]/g, '')).origin),
      ),
    );
    expect([...offered].sort()).toEqual(expected);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:', ...expected]);
    expect(directives.get('connect-src')).toEqual(["'self'", ...expected]);
    expect(directives.get('worker-src')).toEqual(["'self'", 'blob:']);
  });

  it('is sent with API answers and refusals too', async () => {
    for (const url of ['/api/health', '/api/layers/plots', '/api/nothing']) {
      const response = await app.server.inject({ method: 'GET', url });
      expect([url, response.headers['content-security-policy']]).toEqual([url, CONTENT_SECURITY_POLICY]);
    }
  });
});
