// The readers against files written by GDAL (ogr2ogr 3.6) and the hand-written survey TXT of
// tests/fixtures/formats (README there): each read back to the source's longitude/latitude within 1e-8°
// and its Chinese attributes exact, with the encoding and coordinate system found where the file says.
import { readFileSync } from 'node:fs';
import type { Feature, Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { FormatError, type ReadResult, readLayerFile } from '../../src/formats/index.ts';

const DIR = new URL('../fixtures/formats/', import.meta.url);
const file = (name: string) => ({
  name: name.split('/').pop() as string,
  bytes: new Uint8Array(readFileSync(new URL(name, DIR))),
});
const source = JSON.parse(readFileSync(new URL('source.geojson', DIR), 'utf8')) as {
  features: Feature<Geometry, Record<string, unknown>>[];
};
const points = JSON.parse(readFileSync(new URL('points.geojson', DIR), 'utf8')) as {
  features: Feature<Geometry, Record<string, unknown>>[];
};

/** Every position, in order, of a geometry (rings rewound to RFC 7946 by the reader, so compared as sets of rings). */
function rings(geometry: Geometry | null): Position[][] {
  if (!geometry) return [];
  switch (geometry.type) {
    case 'Point':
      return [[geometry.coordinates]];
    case 'Polygon':
      return geometry.coordinates;
    case 'MultiPolygon':
      return geometry.coordinates.flat();
    default:
      throw new Error(`unexpected ${geometry.type}`);
  }
}

/** The same ring up to start point and direction, within `tolerance` degrees. */
function sameRing(a: Position[], b: Position[], tolerance: number): boolean {
  if (a.length !== b.length) return false;
  const open = (ring: Position[]) => (ring.length > 1 ? ring.slice(0, -1) : ring);
  const [oa, ob] = [open(a), open(b)];
  const close = (p: Position, q: Position) =>
    Math.abs((p[0] as number) - (q[0] as number)) <= tolerance &&
    Math.abs((p[1] as number) - (q[1] as number)) <= tolerance;
  for (const candidate of [ob, [...ob].reverse()])
    for (let shift = 0; shift < candidate.length; shift++)
      if (oa.every((p, i) => close(p, candidate[(i + shift) % candidate.length] as Position))) return true;
  return false;
}

function expectGeometry(actual: Geometry | null, expected: Geometry, tolerance = 1e-8) {
  expect(actual?.type).toBe(expected.type);
  const [got, want] = [rings(actual), rings(expected)];
  expect(got.length).toBe(want.length);
  want.forEach((ring, index) => {
    expect(sameRing(got[index] as Position[], ring, tolerance), `ring ${index}`).toBe(true);
  });
}

/** RFC 7946: outer rings anticlockwise. */
function outerAnticlockwise(geometry: Geometry | null): boolean {
  const polygons =
    geometry?.type === 'Polygon'
      ? [geometry.coordinates]
      : geometry?.type === 'MultiPolygon'
        ? geometry.coordinates
        : [];
  return polygons.every((polygon) => {
    const ring = polygon[0] as Position[];
    let sum = 0;
    for (let i = 0; i + 1 < ring.length; i++)
      sum +=
        (ring[i]?.[0] as number) * (ring[i + 1]?.[1] as number) -
        (ring[i + 1]?.[0] as number) * (ring[i]?.[1] as number);
    return sum > 0;
  });
}

function expectSource(result: ReadResult, options: { dates?: 'iso' | 'slash'; text?: boolean } = {}) {
  expect(result.fields).toEqual(['DKBH', 'QYMC', 'DLBM', 'MJ', 'PZRQ']);
  expect(result.features).toHaveLength(3);
  result.features.forEach((feature, index) => {
    const want = source.features[index] as Feature<Geometry, Record<string, unknown>>;
    expectGeometry(feature.geometry, want.geometry);
    expect(outerAnticlockwise(feature.geometry)).toBe(true);
    const p = feature.properties;
    expect(p.DKBH).toBe(want.properties.DKBH);
    expect(p.QYMC).toBe(want.properties.QYMC);
    expect(p.DLBM).toBe(want.properties.DLBM);
    expect(p.MJ).toBe(options.text ? String(want.properties.MJ) : want.properties.MJ);
    const date = want.properties.PZRQ as string | null;
    expect(p.PZRQ).toBe(date === null ? null : options.dates === 'slash' ? date.replaceAll('-', '/') : date);
  });
}

describe('Shapefiles written by ogr2ogr', () => {
  it('GBK with a .cpg (CP936), 3° zone 38 with the zone number before the easting', async () => {
    const result = await readLayerFile([file('gdal/gbk_zone38_prefix.zip')]);
    expect(result.format).toBe('shapefile');
    expect(result.encoding).toEqual({ name: 'gbk', source: 'cpg' });
    expect(result.crs).toMatchObject({ code: 'EPSG:4526', source: 'prj', needsConfirmation: false });
    expectSource(result);
    expect(result.warnings).toEqual([]);
  });

  it('GBK without a .cpg is found by strict decoding; zone 38 without the prefix (CM 114°E)', async () => {
    const result = await readLayerFile([file('gdal/gbk_nocpg_cm114.zip')]);
    expect(result.encoding).toEqual({ name: 'gbk', source: 'detected' });
    expect(result.crs).toMatchObject({ code: 'EPSG:4547', source: 'prj' });
    expectSource(result);
  });

  it('GBK named by the DBF language byte 0x4D, zone 37', async () => {
    const result = await readLayerFile([file('gdal/gbk_ldid_zone37.zip')]);
    expect(result.encoding).toEqual({ name: 'gbk', source: 'dbf-ldid' });
    expect(result.crs.code).toBe('EPSG:4525');
    expectSource(result);
  });

  it('UTF-8 with .cpg in longitude/latitude, and 6° zone 19', async () => {
    const lonLat = await readLayerFile([file('gdal/utf8_lonlat.zip')]);
    expect(lonLat.encoding).toEqual({ name: 'utf-8', source: 'cpg' });
    expect(lonLat.crs.code).toBe('EPSG:4490');
    expectSource(lonLat);
    const sixDegree = await readLayerFile([file('gdal/utf8_6deg_zone19.zip')]);
    expect(sixDegree.crs.code).toBe('EPSG:4497');
    expectSource(sixDegree);
  });

  it('the loose parts of a Shapefile read as the zip does', async () => {
    const { unzipSync } = await import('fflate');
    const parts = Object.entries(unzipSync(file('gdal/gbk_zone38_prefix.zip').bytes)).map(
      ([name, bytes]) => ({ name, bytes }),
    );
    expectSource(await readLayerFile(parts));
  });

  it('a wrong encoding chosen by the person is refused, never garbled', async () => {
    await expect(readLayerFile([file('gdal/gbk_zone38_prefix.zip')], { encoding: 'utf-8' })).rejects.toThrow(
      /not valid UTF-8/,
    );
    const chosen = await readLayerFile([file('gdal/gbk_nocpg_cm114.zip')], { encoding: 'gbk' });
    expect(chosen.encoding).toEqual({ name: 'gbk', source: 'given' });
  });

  it('the field DLBM holding 用地用海 codes (100102) is reported ambiguous: the import asks', async () => {
    const result = await readLayerFile([file('gdal/gbk_zone38_prefix.zip')]);
    expect(result.landUse).toMatchObject({ field: 'DLBM', scheme: 'ambiguous' });
    expect(result.landUse?.reason.en).toContain('100102');
  });
});

describe('KML, KMZ and CSV written by ogr2ogr', () => {
  it('KML', async () => {
    const result = await readLayerFile([file('gdal/plots.kml')]);
    expect(result.format).toBe('kml');
    expect(result.crs.code).toBe('EPSG:4490');
    expectSource(result, { dates: 'slash' });
  });

  it('KMZ from the LIBKML driver (doc.kml linking layers/plots.kml)', async () => {
    const result = await readLayerFile([file('gdal/plots.kmz')]);
    expect(result.format).toBe('kmz');
    expectSource(result, { dates: 'slash' });
  });

  it('CSV with a WKT column, in UTF-8 and in GBK', async () => {
    const utf8 = await readLayerFile([file('gdal/plots_wkt.csv')]);
    expect(utf8.encoding).toEqual({ name: 'utf-8', source: 'utf-8' });
    expectSource(utf8, { dates: 'slash', text: true });
    const gbk = await readLayerFile([file('gdal/plots_wkt_gbk.csv')]);
    expect(gbk.encoding).toEqual({ name: 'gbk', source: 'detected' });
    expectSource(gbk, { dates: 'slash', text: true });
  });

  it('CSV with longitude/latitude columns and a byte-order mark', async () => {
    const result = await readLayerFile([file('gdal/points_lonlat.csv')]);
    expect(result.encoding).toEqual({ name: 'utf-8', source: 'bom' });
    expect(result.fields).toEqual(['XMMC', 'TZ']);
    expect(result.crs).toMatchObject({ code: 'EPSG:4490', needsConfirmation: false });
    result.features.forEach((feature, index) => {
      expectGeometry(feature.geometry, points.features[index]?.geometry as Geometry);
      expect(feature.properties.XMMC).toBe(points.features[index]?.properties.XMMC);
    });
  });

  it('CSV with projected X/Y and no word on the system: zone 38 suggested, to be confirmed', async () => {
    const result = await readLayerFile([file('gdal/points_zone38.csv')]);
    expect(result.crs).toMatchObject({ code: 'EPSG:4526', source: 'guess', needsConfirmation: true });
    result.features.forEach((feature, index) => {
      expectGeometry(feature.geometry, points.features[index]?.geometry as Geometry);
    });
    const confirmed = await readLayerFile([file('gdal/points_zone38.csv')], { crs: 'EPSG:4526' });
    expect(confirmed.crs).toMatchObject({ code: 'EPSG:4526', source: 'given', needsConfirmation: false });
  });

  it("surveyors' X (northing) and Y (easting) columns are told apart by size, and the swap is said", async () => {
    const csv = 'X,Y,名称\r\n2517370.03443419,38392277.6391086,鹤山市共和镇污水处理厂\r\n';
    const result = await readLayerFile([{ name: 'survey.csv', bytes: new TextEncoder().encode(csv) }]);
    expectGeometry(result.features[0]?.geometry ?? null, points.features[0]?.geometry as Geometry);
    expect(result.warnings[0]?.message.en).toContain('northings');
  });
});

describe('survey TXT (勘测定界), written by hand', () => {
  const expectParcels = (result: ReadResult) => {
    expect(result.format).toBe('txt');
    expect(result.fields).toEqual([
      '界址点数',
      '地块面积',
      '地块编号',
      '地块名称',
      '记录图形属性',
      '图幅号',
      '地块用途',
      '地类编码',
    ]);
    expect(result.features).toHaveLength(2);
    const [first, second] = result.features;
    expectGeometry(first?.geometry ?? null, source.features[0]?.geometry as Geometry);
    expectGeometry(second?.geometry ?? null, source.features[1]?.geometry as Geometry);
    expect(first?.properties).toEqual({
      界址点数: 10,
      地块面积: 1.2345,
      地块编号: 'HS-共和-001',
      地块名称: '鹤山市共和五金制品有限公司',
      记录图形属性: '面',
      图幅号: 'F49G001001',
      地块用途: '工业用地',
      地类编码: '1001',
    });
    expect(second?.properties.地块名称).toBe('广东鹤山雅图仕印刷有限公司（两块）');
    expect(result.warnings).toEqual([]);
  };

  it('UTF-8, eastings with the zone number: ring 2 inside ring 1 is a hole', async () => {
    const result = await readLayerFile([file('survey_utf8_prefix.txt')]);
    expect(result.encoding.name).toBe('utf-8');
    expect(result.crs).toMatchObject({ code: 'EPSG:4526', source: 'txt-header', needsConfirmation: false });
    expectParcels(result);
    expect(result.features[0]?.geometry?.type).toBe('Polygon');
  });

  it('GBK with CRLF, eastings without the zone number: ring 2 outside ring 1 is another part', async () => {
    const result = await readLayerFile([file('survey_gbk_cm114.txt')]);
    expect(result.encoding).toEqual({ name: 'gbk', source: 'detected' });
    expect(result.crs).toMatchObject({ code: 'EPSG:4547', source: 'txt-header' });
    expectParcels(result);
    expect(result.features[1]?.geometry?.type).toBe('MultiPolygon');
  });

  it("a Xi'an 1980 file is refused with what to do", async () => {
    const text = readFileSync(new URL('survey_utf8_prefix.txt', DIR), 'utf8').replace(
      '2000国家大地坐标系',
      '1980西安坐标系',
    );
    const error = await readLayerFile([{ name: 'xian.txt', bytes: new TextEncoder().encode(text) }]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FormatError);
    expect((error as FormatError).text.zh).toContain('西安 1980');
    expect((error as FormatError).file).toBe('xian.txt');
  });

  it('a point line out of place names the line', async () => {
    const text = readFileSync(new URL('survey_utf8_prefix.txt', DIR), 'utf8').replace('J3,1,', 'J3,1,北');
    const error = (await readLayerFile([{ name: 'bad.txt', bytes: new TextEncoder().encode(text) }]).catch(
      (e: unknown) => e,
    )) as FormatError;
    expect(error.text.en).toMatch(/^line 16 is not "point,ring,X,Y"/);
    expect(error.feature).toBe(0);
  });
});

describe('GeoJSON', () => {
  const encode = (value: unknown) => new TextEncoder().encode(JSON.stringify(value));

  it('the legacy crs member naming a zone: read and taken to longitude/latitude', async () => {
    const projected = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4526' } },
      features: [
        {
          type: 'Feature',
          properties: { 名称: '鹤山' },
          geometry: { type: 'Point', coordinates: [38392277.6391086, 2517370.03443419] },
        },
      ],
    };
    const result = await readLayerFile([{ name: 'a.geojson', bytes: encode(projected) }]);
    expect(result.crs).toMatchObject({ code: 'EPSG:4526', source: 'crs-member' });
    expectGeometry(result.features[0]?.geometry ?? null, points.features[0]?.geometry as Geometry);
  });

  it('GBK text is decoded, never garbled, and said', async () => {
    const name = source.features[0]?.properties.QYMC as string;
    const { encodeText } = await import('../../src/formats/text.ts');
    const text = JSON.stringify({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', properties: { QYMC: name }, geometry: null }],
    });
    const result = await readLayerFile([{ name: 'gbk.geojson', bytes: encodeText(text, 'gbk') }]);
    expect(result.encoding).toEqual({ name: 'gbk', source: 'detected' });
    expect(result.features[0]?.properties.QYMC).toBe(name);
    expect(result.warnings[0]?.message.en).toContain('GBK');
  });

  it('WGS 84 is read as CGCS2000 and said once', async () => {
    const wgs = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } },
      features: source.features,
    };
    const result = await readLayerFile([{ name: 'w.geojson', bytes: encode(wgs) }]);
    expect(result.crs.code).toBe('EPSG:4490');
    expect(result.warnings.map((w) => w.message.en)).toEqual([
      'the file is in WGS 84, read as CGCS2000 (they differ by less than a metre).',
    ]);
  });

  it('Beijing 1954 is refused', async () => {
    const old = {
      type: 'FeatureCollection',
      crs: { type: 'name', properties: { name: 'EPSG:2435' } },
      features: [],
    };
    await expect(readLayerFile([{ name: 'b.geojson', bytes: encode(old) }])).rejects.toThrow(/Beijing 1954/);
  });
});
