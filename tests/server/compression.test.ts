// Compressed transfer: API answers as brotli or gzip by Accept-Encoding (identity without one), the same
// bytes once decompressed, ETag/304 as before; the built app's files sent from the .br/.gz written at
// build; photos never recompressed; and compression changes nobody's access.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspectionWithPhoto, ROLE_USERS, startServer, type TestServer, tempRoot } from './helpers.ts';

let app: TestServer;
let viewer = '';
let inspector = '';
let distDir = '';
/** A stand-in for a built asset: JavaScript big enough to be worth compressing. */
const SCRIPT = Buffer.from(
  Array.from({ length: 400 }, (_, i) => `export const value${i} = ${i} * 2; // 鹤山 ${i}\n`).join(''),
);

const SERVICE_WORKER = Buffer.from(
  `self.skipWaiting();${Array.from({ length: 60 }, (_, i) => `/* assets/chunk-${i}.js */`).join('\n')}`,
);
const MANIFEST = Buffer.from(
  JSON.stringify({ name: '鹤山市土地一张图 · Land Atlas', display: 'standalone' }),
);

function fakeDist(root: string): string {
  const dir = join(root, 'dist');
  mkdirSync(join(dir, 'assets'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>atlas</title>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
  // As the build writes them (vite.config.ts): the strongest settings, beside the original.
  const br = brotliCompressSync(SCRIPT, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } });
  writeFileSync(join(dir, 'assets', 'index-abc123.js.br'), br);
  writeFileSync(join(dir, 'assets', 'index-abc123.js.gz'), gzipSync(SCRIPT, { level: 9 }));
  // The service worker and the web app manifest of vite-plugin-pwa, compressed by the same build step.
  writeFileSync(join(dir, 'sw.js'), SERVICE_WORKER);
  writeFileSync(join(dir, 'sw.js.br'), brotliCompressSync(SERVICE_WORKER));
  writeFileSync(join(dir, 'sw.js.gz'), gzipSync(SERVICE_WORKER, { level: 9 }));
  writeFileSync(join(dir, 'manifest.webmanifest'), MANIFEST);
  writeFileSync(join(dir, 'manifest.webmanifest.br'), brotliCompressSync(MANIFEST));
  return dir;
}

beforeAll(async () => {
  const root = tempRoot();
  distDir = fakeDist(root);
  app = await startServer({ users: ROLE_USERS, root, plots: 40, distDir });
  viewer = await app.login('viewer');
  inspector = await app.login('inspector');
});
afterAll(() => app.server.close());

const getLayer = (headers: Record<string, string>) =>
  app.server.inject({ method: 'GET', url: '/api/layers/plots', headers: { cookie: viewer, ...headers } });

describe('API answers compressed by Accept-Encoding', () => {
  it('no Accept-Encoding: identity, the plain JSON', async () => {
    const plain = await getLayer({});
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.json().features).toHaveLength(40);
  });

  it('Accept-Encoding: br → brotli, decompressing to exactly the uncompressed JSON', async () => {
    const plain = await getLayer({});
    const response = await getLayer({ 'accept-encoding': 'br' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(String(response.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(response.headers.etag).toBe(plain.headers.etag);
    expect(response.rawPayload.length).toBeLessThan(plain.rawPayload.length / 3);
    expect(brotliDecompressSync(response.rawPayload).equals(plain.rawPayload)).toBe(true);
  });

  it('Accept-Encoding: gzip → gzip, decompressing to exactly the uncompressed JSON', async () => {
    const plain = await getLayer({});
    const response = await getLayer({ 'accept-encoding': 'gzip, deflate' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(response.rawPayload).equals(plain.rawPayload)).toBe(true);
  });

  it('a browser’s usual header (gzip, deflate, br, zstd) gets brotli', async () => {
    const response = await getLayer({ 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(response.headers['content-encoding']).toBe('br');
  });

  it('If-None-Match with the current ETag still answers 304 with no body, compressed or not', async () => {
    const first = await getLayer({ 'accept-encoding': 'br' });
    const etag = String(first.headers.etag);
    for (const encoding of ['br', 'gzip', 'identity']) {
      const again = await getLayer({ 'accept-encoding': encoding, 'if-none-match': etag });
      expect(again.statusCode).toBe(304);
      expect(again.rawPayload.length).toBe(0);
      expect(again.headers['content-encoding']).toBeUndefined();
      expect(again.headers.etag).toBe(etag);
    }
  });

  it('a feature’s ETag/304 works the same compressed', async () => {
    const url = '/api/features/plots/HS-T-0001';
    const first = await app.server.inject({ method: 'GET', url, headers: { cookie: viewer } });
    expect(first.statusCode).toBe(200);
    const etag = String(first.headers.etag);
    const again = await app.server.inject({
      method: 'GET',
      url,
      headers: { cookie: viewer, 'accept-encoding': 'br', 'if-none-match': etag },
    });
    // The feature route answers 200 with its ETag (it has no 304 of its own); compressed or not, the
    // same ETag and the same JSON.
    expect(again.headers.etag).toBe(etag);
    const body =
      again.headers['content-encoding'] === 'br' ? brotliDecompressSync(again.rawPayload) : again.rawPayload;
    expect(JSON.parse(body.toString('utf8'))).toEqual(first.json());
  });

  it('a small answer (under 1 KB) is not compressed', async () => {
    const response = await app.server.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('an unauthenticated request gets the same 401 with or without Accept-Encoding', async () => {
    const plain = await app.server.inject({ method: 'GET', url: '/api/layers/plots' });
    const compressed = await app.server.inject({
      method: 'GET',
      url: '/api/layers/plots',
      headers: { 'accept-encoding': 'br, gzip' },
    });
    expect(plain.statusCode).toBe(401);
    expect(compressed.statusCode).toBe(401);
    const body =
      compressed.headers['content-encoding'] === 'br'
        ? brotliDecompressSync(compressed.rawPayload)
        : compressed.headers['content-encoding'] === 'gzip'
          ? gunzipSync(compressed.rawPayload)
          : compressed.rawPayload;
    expect(JSON.parse(body.toString('utf8'))).toEqual(plain.json());
    expect(compressed.headers['content-security-policy']).toBe(plain.headers['content-security-policy']);
  });

  it('a photo (already compressed) goes out as stored, never recompressed', async () => {
    const { photoId } = await inspectionWithPhoto(app.server, inspector, 'HS-T-0002');
    const response = await app.server.inject({
      method: 'GET',
      url: `/api/photos/${photoId}`,
      headers: { cookie: viewer, 'accept-encoding': 'br, gzip' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('image/png');
    expect(response.headers['content-encoding']).toBeUndefined();
    expect(response.rawPayload.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  });
});

describe('the built app’s files, pre-compressed at build', () => {
  const original = () => readFileSync(join(distDir, 'assets', 'index-abc123.js'));

  it('Accept-Encoding: br → the .br file itself, decompressing to the original bytes', async () => {
    const response = await app.server.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(String(response.headers['content-type'])).toMatch(/^text\/javascript|^application\/javascript/);
    expect(String(response.headers.vary).toLowerCase()).toContain('accept-encoding');
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-security-policy']).toBeDefined();
    expect(response.rawPayload.equals(readFileSync(join(distDir, 'assets', 'index-abc123.js.br')))).toBe(
      true,
    );
    expect(brotliDecompressSync(response.rawPayload).equals(original())).toBe(true);
  });

  it('Accept-Encoding: gzip → the .gz file; none → the original', async () => {
    const gz = await app.server.inject({
      method: 'GET',
      url: '/assets/index-abc123.js',
      headers: { 'accept-encoding': 'gzip' },
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).equals(original())).toBe(true);
    const plain = await app.server.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.equals(original())).toBe(true);
  });

  it('a file with no compressed copy (the SPA’s index.html here) is compressed as it goes, to the same bytes', async () => {
    for (const url of ['/', '/index.html', '/some/app/path']) {
      const response = await app.server.inject({
        method: 'GET',
        url,
        headers: { 'accept-encoding': 'br, gzip' },
      });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(response.rawPayload).toString('utf8')).toBe(
        '<!doctype html><title>atlas</title>',
      );
    }
  });
});

describe('the service worker and the web app manifest', () => {
  it('sw.js is sent pre-compressed with Cache-Control: no-cache, so a new build reaches every tablet', async () => {
    const response = await app.server.inject({
      method: 'GET',
      url: '/sw.js',
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.headers['content-encoding']).toBe('br');
    expect(String(response.headers['content-type'])).toMatch(/^text\/javascript|^application\/javascript/);
    expect(brotliDecompressSync(response.rawPayload).equals(SERVICE_WORKER)).toBe(true);
  });

  it('the manifest is public, no-cache and sent as application/manifest+json', async () => {
    const response = await app.server.inject({
      method: 'GET',
      url: '/manifest.webmanifest',
      headers: { 'accept-encoding': 'br' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(String(response.headers['content-type'])).toMatch(/^application\/manifest\+json/);
    expect(brotliDecompressSync(response.rawPayload).equals(MANIFEST)).toBe(true);
  });
});
