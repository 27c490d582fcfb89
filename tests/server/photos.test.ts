// Photos: JPEG/PNG/WebP by content, 10 MB at most, served back with their type.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeEachStore,
  multipart,
  ROLE_USERS,
  startServer,
  type TestServer,
  tinyPng,
} from './helpers.ts';

describeEachStore('photos', (store) => {
  let app: TestServer;
  let cookie = '';
  let inspectionId = '';

  beforeAll(async () => {
    app = await startServer({ store, users: ROLE_USERS });
    cookie = await app.login('inspector');
    const recorded = await app.server.inject({
      method: 'POST',
      url: '/api/inspections',
      headers: { cookie },
      payload: { plotId: 'HS-T-0001', date: '2026-05-01', findings: '现场照片', status: 'inspected' },
    });
    inspectionId = recorded.json().id;
  });
  afterAll(() => app.server.close());

  const upload = (name: string, type: string, content: Buffer) => {
    const body = multipart('photo', name, type, content);
    return app.server.inject({
      method: 'POST',
      url: `/api/inspections/${inspectionId}/photos`,
      headers: { cookie, ...body.headers },
      payload: body.payload,
    });
  };

  describe('photos', () => {
    it('stores a PNG under DATA_DIR and serves it with its content type', async () => {
      const png = tinyPng();
      const response = await upload('site.png', 'image/png', png);
      expect(response.statusCode).toBe(201);
      const photo = response.json();
      expect(photo).toMatchObject({
        inspectionId,
        contentType: 'image/png',
        sizeBytes: png.length,
        uploadedBy: 'inspector',
      });
      expect(photo).not.toHaveProperty('fileName');
      expect(existsSync(join(app.dataDir, 'photos', `${photo.id}.png`))).toBe(true);
      const served = await app.server.inject({ method: 'GET', url: photo.url, headers: { cookie } });
      expect(served.statusCode).toBe(200);
      expect(served.headers['content-type']).toBe('image/png');
      expect(served.rawPayload.equals(png)).toBe(true);
      const inspection = await app.server.inject({
        method: 'GET',
        url: `/api/inspections/${inspectionId}`,
        headers: { cookie },
      });
      expect(inspection.json().photos.map((p: { id: string }) => p.id)).toEqual([photo.id]);
    });

    it('judges the type by content, not by name or declared type', async () => {
      const fake = await upload(
        'evil.jpg',
        'image/jpeg',
        Buffer.from('<html><script>alert(1)</script></html>'),
      );
      expect(fake.statusCode).toBe(415);
      expect(fake.json().error).toBe('unsupported-photo-type');
      const gif = await upload(
        'a.gif',
        'image/gif',
        Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'),
      );
      expect(gif.statusCode).toBe(415);
    });

    it('refuses a file over 10 MB with 413 and keeps nothing', async () => {
      const big = Buffer.concat([tinyPng(), Buffer.alloc(10 * 1024 * 1024 + 1)]);
      const response = await upload('big.png', 'image/png', big);
      expect(response.statusCode).toBe(413);
      const inspection = await app.server.inject({
        method: 'GET',
        url: `/api/inspections/${inspectionId}`,
        headers: { cookie },
      });
      expect(inspection.json().photos).toHaveLength(1);
    });

    it('a photo for an unknown inspection is 404', async () => {
      const body = multipart('photo', 'a.png', 'image/png', tinyPng());
      const response = await app.server.inject({
        method: 'POST',
        url: '/api/inspections/nope/photos',
        headers: { cookie, ...body.headers },
        payload: body.payload,
      });
      expect(response.statusCode).toBe(404);
    });
  });
});
