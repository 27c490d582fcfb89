// The data table's routes on both stores: GET /api/table/:layer (every row, with park and last
// inspection) and GET /api/table/:layer.xlsx (the rows a filter keeps as a workbook, read back here:
// headers with units, labels not codes, park names, inspection dates, 亩 to 2 decimals). Sessionless
// requests are 401, an unknown table 404, a bad filter 400 naming the field; ids in Chinese go through.
// GET /api/table/:layer/bounds: the count and box of what a filter keeps, against a box computed here.

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import type { FastifyInstance } from 'fastify';
import type { Feature, FeatureCollection } from 'geojson';
import { afterEach, expect, it } from 'vitest';
import { todayInChina } from '../../src/domain/dates.ts';
import { DEFAULT_RULES } from '../../src/domain/rules.ts';
import { filterRows, type TableRow } from '../../src/domain/table-filter.ts';
import type { TableAnswer } from '../../src/domain/wire.ts';
import { buildServer } from '../../src/server/app.ts';
import { hashPassword } from '../../src/server/auth/password.ts';
import { TIMEOUTS } from '../../src/server/config.ts';
import { PostgresStore } from '../../src/server/store/postgres.ts';
import { ALL_ROLES, describeEachStore, PASSWORD, type StoreKind, tempRoot } from './helpers.ts';
import { postgresDatabase } from './support/postgres.ts';

let current: FastifyInstance | null = null;
afterEach(async () => {
  await current?.close();
  current = null;
});

const samplePlots = JSON.parse(readFileSync(resolve('geodata/plots.geojson'), 'utf8')) as FeatureCollection;

async function start(store: StoreKind) {
  const databaseUrl = store === 'postgres' ? await postgresDatabase() : null;
  const server = await buildServer({
    distDir: null,
    dataDir: resolve(tempRoot(), 'data'),
    geodataDir: resolve('geodata'),
    timeouts: { ...TIMEOUTS, bodyMs: 600_000 },
    ...(databaseUrl ? { store: await PostgresStore.open(databaseUrl) } : {}),
  });
  current = server;
  const hash = await hashPassword(PASSWORD);
  for (const role of ALL_ROLES) await server.atlas.store.createUser(role, role, hash, 'test');
  const cookies: Record<string, string> = {};
  for (const role of ALL_ROLES) {
    const answer = await server.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: role, password: PASSWORD },
    });
    const cookie = answer.cookies.find((c) => c.name === 'atlas_session');
    if (!cookie) throw new Error(`login ${role}: ${answer.statusCode}`);
    cookies[role] = `${cookie.name}=${cookie.value}`;
  }
  return { server, cookies };
}

/** A plot of the sample moved under a Chinese id (the store takes any id the id rule allows). */
function chinesePlot(): Feature {
  const source = samplePlots.features.find((feature) => feature.properties?.town === '雅瑶镇') as Feature;
  const id = '雅瑶-整治-001';
  return {
    ...source,
    id,
    properties: {
      ...source.properties,
      sourceId: source.properties?.id,
      id,
      status: 'rectifying',
      mode: 'self-upgrade',
      reasons: ['low-far', 'idle'],
    },
  };
}

async function workbookOf(body: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new Error('no sheet');
  const rows: unknown[][] = [];
  sheet.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
  return { sheet, headers: rows[0] as string[], rows: rows.slice(1) };
}

describeEachStore('the data table routes', (store) => {
  it('refuses a request without a session with 401, an unknown table with 404, a bad filter with 400', async () => {
    const { server, cookies } = await start(store);
    for (const url of ['/api/table/plots', '/api/table/plots.xlsx', '/api/table/plots.xlsx?town=雅瑶镇']) {
      const answer = await server.inject({ method: 'GET', url });
      expect(answer.statusCode, url).toBe(401);
    }
    const unknown = await server.inject({
      method: 'GET',
      url: '/api/table/boundary.xlsx',
      headers: { cookie: cookies.viewer as string },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message.zh).toContain('没有“boundary.xlsx”的数据表');
    const bad = await server.inject({
      method: 'GET',
      url: '/api/table/plots.xlsx?deadline=soon&colour=red',
      headers: { cookie: cookies.viewer as string },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message.zh).toBe('请求参数有误：deadline, query。');
  });

  it('sends every row with its park and last inspection date; the xlsx keeps what the filter keeps', async () => {
    const { server, cookies } = await start(store);
    const atlas = server.atlas.store;
    const plot = chinesePlot();
    const created = await atlas.createFeature(
      'plots',
      { properties: { ...(plot.properties as { id: string }) }, geometry: plot.geometry },
      'test',
    );
    expect(created?.id).toBe('雅瑶-整治-001');
    const recorded = await atlas.recordInspection(
      { plotId: '雅瑶-整治-001', date: '2026-11-20', findings: '厂房闲置', status: 'rectifying' },
      'inspector',
      (feature) => ({ properties: feature.properties, geometry: feature.geometry }),
    );
    expect(recorded.ok).toBe(true);
    await atlas.recordInspection(
      { plotId: '雅瑶-整治-001', date: '2026-10-02', findings: '较早一次', status: 'rectifying' },
      'inspector',
      (feature) => ({ properties: feature.properties, geometry: feature.geometry }),
    );

    const json = await server.inject({
      method: 'GET',
      url: '/api/table/plots',
      headers: { cookie: cookies.viewer as string },
    });
    expect(json.statusCode).toBe(200);
    const answer = json.json() as TableAnswer;
    expect(answer.rows).toHaveLength(343);
    const row = answer.rows.find((candidate) => candidate.id === '雅瑶-整治-001') as TableRow;
    expect(row.lastInspection).toBe('2026-11-20');
    // The copy lies where its source lies: in the same park.
    const source = answer.rows.find((candidate) => candidate.id === plot.properties?.sourceId);
    expect(row.park).toBe(source?.park);
    expect(row.properties.version).toBeUndefined();

    const expected = filterRows(
      'plots',
      answer.rows,
      { town: '雅瑶镇', status: 'rectifying' },
      {
        today: todayInChina(),
        rules: DEFAULT_RULES,
      },
    );
    // 13 of the sample and the one added.
    expect(expected).toHaveLength(14);

    for (const role of ALL_ROLES) {
      const exported = await server.inject({
        method: 'GET',
        url: `/api/table/plots.xlsx?town=${encodeURIComponent('雅瑶镇')}&status=rectifying&sort=id&dir=asc`,
        headers: { cookie: cookies[role] as string },
      });
      expect(exported.statusCode, role).toBe(200);
      expect(exported.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(exported.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent(`数据表-低效工业用地-${todayInChina()}.xlsx`)}`,
      );
      expect(exported.headers['x-row-count']).toBe('14');
      if (role !== 'viewer') continue;
      const { sheet, headers, rows } = await workbookOf(exported.rawPayload);
      expect(sheet.name).toBe('低效工业用地');
      expect(headers).toEqual([
        '编号',
        '企业',
        '镇街',
        '所在园区',
        '整治状态',
        '亩均评价等级',
        '整治模式',
        '用地类型',
        '面积（亩）',
        '整治期限',
        '最近巡查',
        '低效原因',
        '容积率',
        '建筑密度',
        '亩均税收（万元/亩）',
        '亩均产值（万元/亩）',
        '闲置起始',
      ]);
      expect(rows).toHaveLength(14);
      const first = rows.find((cells) => cells[0] === '雅瑶-整治-001') as unknown[];
      expect(first[0]).toBe('雅瑶-整治-001');
      expect(first[2]).toBe('雅瑶镇');
      expect(first[4]).toBe('整治中');
      expect(first[6]).toBe('自我提升');
      expect(String(first[7])).toMatch(/^.+用地 \(1001\d\d\)$/);
      expect(first[10]).toBe('2026-11-20');
      expect(first[11]).toBe('容积率低、闲置');
      expect(typeof first[8]).toBe('number');
      expect(first[8]).toBe(Math.round((row.areaM2 / (2000 / 3)) * 100) / 100);
      expect(sheet.getRow(2).getCell(9).numFmt).toBe('0.00');
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      const parks = new Set(rows.map((cells) => cells[3]));
      expect([...parks].every((name) => typeof name === 'string' && name.length > 1)).toBe(true);
      expect(rows.map((cells) => cells[0])).toEqual(
        expected.map((kept) => kept.id).sort(new Intl.Collator('zh-CN', { numeric: true }).compare),
      );
    }
  });

  it('answers the count and the box of what a filter keeps (缩放至筛选结果), computed apart here', async () => {
    const { server, cookies } = await start(store);
    const headers = { cookie: cookies.viewer as string };
    const plot = chinesePlot();
    await server.atlas.store.createFeature(
      'plots',
      { properties: { ...(plot.properties as { id: string }) }, geometry: plot.geometry },
      'test',
    );
    /** The box of features, from their coordinates flattened (the sample has no heights). */
    const boxOf = (features: readonly Feature[]) => {
      const numbers = features.flatMap((feature) =>
        (feature.geometry as { coordinates: unknown[] }).coordinates.flat(Number.POSITIVE_INFINITY),
      ) as number[];
      const xs = numbers.filter((_, index) => index % 2 === 0);
      const ys = numbers.filter((_, index) => index % 2 === 1);
      return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
    };
    const all = [...samplePlots.features, plot];
    const yayao = all.filter((feature) => feature.properties?.town === '雅瑶镇');
    expect(yayao.length).toBeGreaterThan(1);
    const cases: [string, readonly Feature[]][] = [
      ['/api/table/plots/bounds', all],
      [`/api/table/plots/bounds?town=${encodeURIComponent('雅瑶镇')}`, yayao],
      [`/api/table/plots/bounds?text=${encodeURIComponent('雅瑶-整治-001')}`, [plot]],
    ];
    for (const [url, features] of cases) {
      const answer = await server.inject({ method: 'GET', url, headers });
      expect(answer.statusCode, url).toBe(200);
      const body = answer.json();
      expect(body.count, url).toBe(features.length);
      expect(body.bbox, url).toEqual(boxOf(features));
    }
    const nothing = await server.inject({
      method: 'GET',
      url: `/api/table/plots/bounds?text=${encodeURIComponent('没有这家企业')}`,
      headers,
    });
    expect(nothing.json()).toEqual({ layer: 'plots', count: 0, bbox: null });
    // The boxes stay on the server: the rows sent to the browser are as before.
    const rows = (await server.inject({ method: 'GET', url: '/api/table/plots', headers })).json().rows;
    expect(Object.keys(rows[0]).sort()).toEqual(['areaM2', 'id', 'lastInspection', 'park', 'properties']);
    const zones = await server.inject({ method: 'GET', url: '/api/table/zones/bounds', headers });
    expect(zones.statusCode).toBe(200);
    expect(zones.json().layer).toBe('zones');
    // Refused: no session, a workbook's bounds, a layer with no table, a bad filter value.
    expect((await server.inject({ method: 'GET', url: '/api/table/plots/bounds' })).statusCode).toBe(401);
    for (const url of ['/api/table/plots.xlsx/bounds', '/api/table/boundary/bounds']) {
      const answer = await server.inject({ method: 'GET', url, headers });
      expect(answer.statusCode, url).toBe(404);
      expect(answer.json().error, url).toBe('no-table');
    }
    const bad = await server.inject({ method: 'GET', url: '/api/table/plots/bounds?deadline=soon', headers });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message.zh).toBe('请求参数有误：deadline。');
  });

  it('answers concurrent exports alike, and the table of every layer', async () => {
    const { server, cookies } = await start(store);
    const headers = { cookie: cookies.planner as string };
    const [a, b] = await Promise.all([
      server.inject({ method: 'GET', url: '/api/table/plots.xlsx?deadline=overdue', headers }),
      server.inject({ method: 'GET', url: '/api/table/plots.xlsx?deadline=overdue', headers }),
    ]);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(a.headers['x-row-count']).toBe(b.headers['x-row-count']);
    const rows = (await workbookOf(a.rawPayload)).rows;
    expect(String(rows.length)).toBe(a.headers['x-row-count']);
    for (const layer of ['projects', 'newland', 'zones']) {
      const answer = await server.inject({ method: 'GET', url: `/api/table/${layer}.xlsx`, headers });
      expect(answer.statusCode, layer).toBe(200);
      const sheet = await workbookOf(answer.rawPayload);
      expect(sheet.headers[0], layer).toBe(layer === 'zones' ? '编号' : '编号');
      expect(String(sheet.rows.length)).toBe(answer.headers['x-row-count']);
    }
    const stages = await server.inject({
      method: 'GET',
      url: '/api/table/projects.xlsx?status=started',
      headers,
    });
    const stageRows = (await workbookOf(stages.rawPayload)).rows;
    expect(stageRows.length).toBeGreaterThan(0);
    expect(stageRows.every((cells) => cells[5] === '动工')).toBe(true);
  });

  it('exports in English with lang=en: headers with units, labels, park names, the sheet named; lang=fr is 400', async () => {
    const { server, cookies } = await start(store);
    const headers = { cookie: cookies.viewer as string };
    const query = `town=${encodeURIComponent('雅瑶镇')}&status=rectifying&sort=id&dir=asc`;
    const [english, chinese] = await Promise.all(
      ['&lang=en', ''].map((lang) =>
        server.inject({ method: 'GET', url: `/api/table/plots.xlsx?${query}${lang}`, headers }),
      ),
    );
    expect(english?.statusCode).toBe(200);
    expect(english?.headers['x-row-count']).toBe('13');
    expect(english?.headers['content-disposition']).toBe(
      `attachment; filename="table-plots-${todayInChina()}.xlsx"; filename*=UTF-8''table-plots-${todayInChina()}.xlsx`,
    );
    const en = await workbookOf(english?.rawPayload as Buffer);
    const zh = await workbookOf(chinese?.rawPayload as Buffer);
    expect(en.sheet.name).toBe('Low-efficiency plots');
    expect(zh.sheet.name).toBe('低效工业用地');
    expect(en.headers.slice(0, 11)).toEqual([
      'ID',
      'Enterprise',
      'Town',
      'Park',
      'Status',
      'Per-mu grade',
      'Rectification mode',
      'Land use',
      'Area (mu)',
      'Deadline',
      'Last inspection',
    ]);
    expect(en.headers).toContain('Tax per mu (10 k yuan/mu)');
    expect(zh.headers).toContain('亩均税收（万元/亩）');
    // The same rows in the same order; labels in each language, names (town, park) as the data has them.
    expect(en.rows.map((cells) => cells[0])).toEqual(zh.rows.map((cells) => cells[0]));
    expect(en.rows.every((cells) => cells[4] === 'Rectifying')).toBe(true);
    expect(zh.rows.every((cells) => cells[4] === '整治中')).toBe(true);
    expect(en.rows.every((cells) => cells[2] === '雅瑶镇')).toBe(true);
    expect(String(en.rows[0]?.[7])).toMatch(/^[A-Za-z][^\u4e00-\u9fff]* \(\d{4,6}\)$/);
    const parks = new Set(en.rows.map((cells) => cells[3]));
    const zhParks = new Set(zh.rows.map((cells) => cells[3]));
    expect([...parks].map((name) => (name === 'Outside parks' ? '园区外' : name)).sort()).toEqual(
      [...zhParks].sort(),
    );
    expect(typeof en.rows[0]?.[8]).toBe('number');
    expect(en.sheet.getRow(2).getCell(9).numFmt).toBe('0.00');
    const projects = await server.inject({
      method: 'GET',
      url: '/api/table/projects.xlsx?status=started&lang=en',
      headers,
    });
    const stageRows = (await workbookOf(projects.rawPayload)).rows;
    expect(stageRows.length).toBeGreaterThan(0);
    expect(stageRows.every((cells) => cells[5] === 'Started')).toBe(true);
    const refused = await server.inject({ method: 'GET', url: '/api/table/plots.xlsx?lang=fr', headers });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().message.en).toBe(
      'The language lang=fr is not known: use zh (Chinese, the default) or en (English).',
    );
    // The rows of the table (JSON) are data, not words: no language there.
    const json = await server.inject({ method: 'GET', url: '/api/table/plots?lang=en', headers });
    expect(json.statusCode).toBe(400);
  });

  it('names each plot the park the progress report counts it in (one rule, src/geo/park-of.ts)', async () => {
    const { server, cookies } = await start(store);
    const headers = { cookie: cookies.viewer as string };
    const table = (
      await server.inject({ method: 'GET', url: '/api/table/plots', headers })
    ).json() as TableAnswer;
    const report = await server.inject({
      method: 'GET',
      url: `/api/report?since=${todayInChina()}`,
      headers,
    });
    expect(report.statusCode).toBe(200);
    const byPark = (report.json() as { report: { byPark: { key: string; total: { count: number } }[] } })
      .report.byPark;
    const counted = new Map<string, number>();
    for (const row of table.rows) {
      const key = row.park ?? 'outside';
      counted.set(key, (counted.get(key) ?? 0) + 1);
    }
    const reported = new Map(
      byPark.filter((row) => row.total.count > 0).map((row) => [row.key, row.total.count]),
    );
    expect(counted).toEqual(reported);
    // The sample has plots in several parks and outside them.
    expect(counted.size).toBeGreaterThan(2);
    expect(counted.get('outside')).toBeGreaterThan(0);
  });
});
