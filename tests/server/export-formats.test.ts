// GET /api/export/:layer in the bureau's formats (src/formats): a zipped Shapefile (UTF-8 + .cpg, or
// GBK, in CGCS2000 or a chosen zone), KML, and the 勘测定界 TXT of the layer or of one feature (?id=,
// Chinese ids too), read back by our readers and by GDAL when installed; any signed-in role; 401
// without a session; 400 for a refused zone; 404 for a missing feature; 422 when the format cannot
// hold the layer.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readLayerFile } from '../../src/formats/index.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import { ogrinfo } from '../support/ogrinfo.ts';
import {
  collection,
  describeEachStore,
  plotFeature,
  ROLE_USERS,
  startServer,
  type TestServer,
} from './helpers.ts';

describeEachStore('export formats', (store) => {
  let app: TestServer;
  let admin = '';
  let viewer = '';
  const chineseId = '鹤山-地块-01';

  beforeAll(async () => {
    app = await startServer({ store, users: ROLE_USERS, plots: 3 });
    admin = await app.login('admin');
    viewer = await app.login('viewer');
    const features = [
      plotFeature(1),
      plotFeature(2),
      plotFeature(3, { id: chineseId, enterprise: '鹤山市共和五金制品有限公司' }),
    ];
    features[2] = { ...(features[2] as ReturnType<typeof plotFeature>), id: chineseId };
    const response = await app.server.inject({
      method: 'POST',
      url: '/api/import/plots?mode=replace',
      headers: { cookie: admin, 'content-type': 'application/geo+json' },
      payload: JSON.stringify(collection(features)),
    });
    expect(response.statusCode).toBe(200);
  });
  afterAll(() => app.server.close());

  const get = (url: string, cookie: string | null = viewer) =>
    app.server.inject({ method: 'GET', url, headers: cookie ? { cookie } : {} });

  it('a Shapefile in GBK and zone 38 for a viewer: read back exactly, GDAL reads the Chinese and the zone', async () => {
    const response = await get('/api/export/plots?format=shp&encoding=gbk&zone=EPSG:4526');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/zip');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="plots-\d{4}-\d{2}-\d{2}\.zip"/,
    );
    const result = await readLayerFile([{ name: 'plots.zip', bytes: response.rawPayload }]);
    expect(result.encoding).toEqual({ name: 'gbk', source: 'cpg' });
    expect(result.crs.code).toBe('EPSG:4526');
    const layer = (await get('/api/layers/plots')).json() as { features: { id: string; geometry: never }[] };
    expect(result.features.map((f) => f.properties.id)).toEqual(layer.features.map((f) => f.id));
    const chinese = result.features.find((f) => f.properties.id === chineseId);
    expect(chinese?.properties.enterprise).toBe('鹤山市共和五金制品有限公司');
    // Each feature's version travels with the file: merged back, what changed meanwhile is a conflict.
    expect(result.fields).toContain('version');
    expect(chinese?.properties.version).toBe(1);
    const original = layer.features.find((f) => f.id === chineseId);
    expect(
      Math.abs(geometryAreaM2(chinese?.geometry ?? null) - geometryAreaM2(original?.geometry)),
    ).toBeLessThan(0.01);
    const info = ogrinfo(response.rawPayload, 'plots.zip');
    if (info !== null) {
      expect(info).toContain('CGCS2000 / 3-degree Gauss-Kruger zone 38');
      expect(info).toContain('enterprise (String) = 鹤山市共和五金制品有限公司');
      expect(info).toContain(`id (String) = ${chineseId}`);
    }
  });

  it('UTF-8 Shapefile in CGCS2000 longitude/latitude by default, and KML', async () => {
    const shp = await get('/api/export/plots?format=shp');
    const result = await readLayerFile([{ name: 'p.zip', bytes: shp.rawPayload }]);
    expect(result.encoding).toEqual({ name: 'utf-8', source: 'cpg' });
    expect(result.crs.code).toBe('EPSG:4490');
    const kml = await get('/api/export/plots?format=kml');
    expect(kml.statusCode).toBe(200);
    expect(kml.headers['content-type']).toBe('application/vnd.google-earth.kml+xml; charset=utf-8');
    const read = await readLayerFile([{ name: 'p.kml', bytes: kml.rawPayload }]);
    expect(read.features).toHaveLength(3);
    expect(read.features[2]?.properties.enterprise).toBe('鹤山市共和五金制品有限公司');
  });

  it('the survey TXT of one plot by its Chinese id, in GBK: re-read to the same plot within 1 mm', async () => {
    const response = await get(
      `/api/export/plots?format=txt&id=${encodeURIComponent(chineseId)}&encoding=gbk`,
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; charset=gbk');
    expect(response.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(`plots-${chineseId}-`)}`,
    );
    const text = new TextDecoder('gbk').decode(response.rawPayload);
    expect(text).toContain('带号=38');
    expect(text).toContain(`,${chineseId},鹤山市共和五金制品有限公司,面,,一类工业用地,100101,@`);
    const result = await readLayerFile([{ name: 'one.txt', bytes: response.rawPayload }]);
    expect(result.crs.code).toBe('EPSG:4526');
    expect(result.features).toHaveLength(1);
    const original = (await get(`/api/features/plots/${encodeURIComponent(chineseId)}`)).json() as {
      geometry: never;
    };
    const area = geometryAreaM2(original.geometry);
    expect(Math.abs(geometryAreaM2(result.features[0]?.geometry ?? null) - area)).toBeLessThan(0.01);
    expect(result.features[0]?.properties.地块面积).toBeCloseTo(area / 10_000, 4);
  });

  it('refusals: 401 without a session, 400 for an old datum or a bad format, 404 for a missing id, 422 for a TXT in lon/lat', async () => {
    expect((await get('/api/export/plots?format=shp', null)).statusCode).toBe(401);
    expect((await get('/api/export/plots?format=txt&id=HS-T-0001', null)).statusCode).toBe(401);
    const old = await get('/api/export/plots?format=shp&zone=EPSG:2435');
    expect(old.statusCode).toBe(400);
    expect(old.json().error).toBe('bad-zone');
    expect((await get('/api/export/plots?format=dwg')).statusCode).toBe(400);
    const missing = await get(`/api/export/plots?format=txt&id=${encodeURIComponent('不存在')}`);
    expect(missing.statusCode).toBe(404);
    const lonLat = await get('/api/export/plots?format=txt&zone=EPSG:4490');
    expect(lonLat.statusCode).toBe(422);
    expect(lonLat.json().error).toBe('cannot-export');
    expect(lonLat.json().message.en).toBe(
      'a survey TXT needs Gauss-Krüger plane coordinates. choose a Gauss-Krüger zone (such as EPSG:4526).',
    );
  });
});
