// The writers: read back by our readers and, when installed, by GDAL's ogrinfo; a projected round trip
// exact to 1 mm in every zone around Heshan; what a format cannot hold is said or refused.
import type { Feature, Geometry } from 'geojson';
import { describe, expect, it } from 'vitest';
import { crsFromCode, fromLonLat, toLonLat } from '../../src/formats/crs.ts';
import { FormatError, readLayerFile, writeLayerFile } from '../../src/formats/index.ts';
import { ogrinfo } from '../support/ogrinfo.ts';

const square = (lon: number, lat: number, properties: Record<string, unknown>): Feature<Geometry> => ({
  type: 'Feature',
  properties,
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + 0.001, lat],
        [lon + 0.001, lat + 0.001],
        [lon, lat + 0.001],
        [lon, lat],
      ],
    ],
  },
});

describe('coordinate systems', () => {
  it('lon/lat → zone → lon/lat within 1 mm (1e-8°) over Heshan, in 3° zones 37/38 with and without prefix and 6° zone 19', () => {
    for (const code of ['EPSG:4525', 'EPSG:4526', 'EPSG:4546', 'EPSG:4547', 'EPSG:4497', 'EPSG:4508']) {
      const verdict = crsFromCode(code);
      if (!verdict.ok) throw new Error(code);
      for (let i = 0; i <= 20; i++) {
        const lon = 112.3 + (i * 0.9) / 20;
        const lat = 22.4 + (i % 7) * 0.08;
        const [e, n] = fromLonLat(verdict.definition, lon, lat);
        const [lon2, lat2] = toLonLat(verdict.definition, Number(e.toFixed(3)), Number(n.toFixed(3)));
        expect(Math.abs(lon2 - lon) * 111_000 * Math.cos((lat * Math.PI) / 180)).toBeLessThan(0.001);
        expect(Math.abs(lat2 - lat) * 111_000).toBeLessThan(0.001);
      }
    }
  });

  it('agrees with PROJ (gdaltransform) on a point in zone 38 to 0.1 mm', () => {
    const verdict = crsFromCode('EPSG:4526');
    if (!verdict.ok) throw new Error('4526');
    // gdaltransform -s_srs EPSG:4490 -t_srs EPSG:4526: 112.95 22.75 → 38392149.8531841 2517234.19987869
    const [e, n] = fromLonLat(verdict.definition, 112.95, 22.75);
    expect(Math.abs(e - 38392149.8531841)).toBeLessThan(1e-4);
    expect(Math.abs(n - 2517234.19987869)).toBeLessThan(1e-4);
  });
});

describe('writers', () => {
  const features = [
    square(112.95, 22.75, {
      地块编号: 'A-1',
      企业名称很长的字段名: '鹤山市共和五金制品有限公司',
      far: 1.25,
      ok: true,
      批准日期: '2024-03-01',
    }),
    square(112.96, 22.75, { 地块编号: 'A-2', 企业名称很长的字段名: null, far: 2, ok: false, 批准日期: null }),
  ];

  it('Shapefile field names cut to 10 bytes in the encoding (said), types kept, GDAL reads them', async () => {
    const gbk = writeLayerFile(features, 'shp', { name: 'plots', encoding: 'gbk', crs: 'EPSG:4547' });
    expect(gbk.warnings.map((w) => w.message.en)).toEqual([
      "the field name 企业名称很长的字段名 is longer than a Shapefile's 10 bytes: written as 企业名称很.",
    ]);
    const back = await readLayerFile([{ name: 'plots.zip', bytes: gbk.bytes }]);
    expect(back.fields).toEqual(['地块编号', '企业名称很', 'far', 'ok', '批准日期']);
    expect(back.features.map((f) => f.properties)).toEqual([
      {
        地块编号: 'A-1',
        企业名称很: '鹤山市共和五金制品有限公司',
        far: 1.25,
        ok: true,
        批准日期: '2024-03-01',
      },
      { 地块编号: 'A-2', 企业名称很: null, far: 2, ok: false, 批准日期: null },
    ]);
    const utf8 = writeLayerFile(features, 'shp', { name: 'plots' });
    // UTF-8 takes 3 bytes a character: 地块编号 (12 bytes) becomes 地块编.
    expect(utf8.warnings.map((w) => w.message.en.split(': written as ')[1])).toEqual([
      '地块编.',
      '企业名.',
      '批准日.',
    ]);
    const info = ogrinfo(gbk.bytes, 'plots.zip');
    if (info !== null) {
      expect(info).toContain('CGCS2000 / 3-degree Gauss-Kruger CM 114E');
      expect(info).toContain('企业名称很 (String) = 鹤山市共和五金制品有限公司');
      expect(info).toContain('far (Real) = 1.25');
      expect(info).toContain('批准日期 (Date) = 2024/03/01');
    }
  });

  it('a character GBK cannot write is refused naming it and the feature', () => {
    const emoji = [square(112.95, 22.75, { 名称: '鹤山🏭' })];
    const error = (() => {
      try {
        writeLayerFile(emoji, 'shp', { name: 'x', encoding: 'gbk' });
      } catch (caught) {
        return caught;
      }
    })() as FormatError;
    expect(error).toBeInstanceOf(FormatError);
    expect(error.feature).toBe(0);
    expect(error.text.en).toBe('the character "🏭" cannot be written in GBK.');
  });

  it('KML and CSV read back by GDAL with the Chinese intact', () => {
    const kml = writeLayerFile(features, 'kml', { name: '地块' });
    const kmlInfo = ogrinfo(kml.bytes, 'plots.kml');
    if (kmlInfo !== null) {
      expect(kmlInfo).toContain('企业名称很长的字段名 (String) = 鹤山市共和五金制品有限公司');
      expect(kmlInfo).toContain('POLYGON ((112.95 22.75');
    }
    const csv = writeLayerFile(features, 'csv', { name: 'plots' });
    const csvInfo = ogrinfo(csv.bytes, 'plots.csv');
    if (csvInfo !== null) {
      expect(csvInfo).toContain('企业名称很长的字段名 (String) = 鹤山市共和五金制品有限公司');
      expect(csvInfo).toContain('几何 (WKT) (String) = POLYGON ((112.95 22.75');
    }
  });
});
