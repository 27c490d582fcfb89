// The progress report routes (GET /api/report, GET /api/report.xlsx) on both stores: completions read
// from the history of edits and inspections, overdue plots, refusals with exact statuses, and the
// workbook read back (sheet names, headers with units, Chinese labels, 亩 to 2 decimals, frozen header).
import { afterEach, expect, it } from 'vitest';
import { todayInChina } from '../../src/domain/dates.ts';
import { reportAnswer } from '../../src/domain/report-wire.ts';
import { M2_PER_MU } from '../../src/domain/units.ts';
import { chinaDayStart } from '../../src/geo/progress-report.ts';
import { REPORT_SHEETS, readWorkbook } from '../support/report-workbook.ts';
import { describeEachStore, startServer, type TestServer } from './helpers.ts';

let current: TestServer | null = null;
afterEach(async () => {
  await current?.server.close();
  current = null;
});

const USERS = { wang: 'viewer', zhou: 'inspector', chen: 'planner' } as const;

/** A server of 5 plots in 沙坪街道 (all 已认定, no deadline): one made 已完成 by an edit, one by an
 *  inspection, one given a deadline long passed, one 已完成 and taken back. */
async function campaign(store: 'sqlite' | 'postgres') {
  const test = await startServer({ store, users: USERS, plots: 5 });
  current = test;
  const planner = await test.login('chen');
  const inspector = await test.login('zhou');
  const patch = async (id: string, version: number, properties: Record<string, unknown>) => {
    const answer = await test.server.inject({
      method: 'PATCH',
      url: `/api/features/plots/${id}`,
      headers: { cookie: planner },
      payload: { version, properties },
    });
    expect(answer.statusCode).toBe(200);
  };
  await patch('HS-T-0001', 1, { status: 'completed' });
  const inspection = await test.server.inject({
    method: 'POST',
    url: '/api/inspections',
    headers: { cookie: inspector },
    payload: { plotId: 'HS-T-0002', date: todayInChina(), findings: '已拆除重建，投产', status: 'completed' },
  });
  expect(inspection.statusCode).toBe(201);
  await patch('HS-T-0003', 1, { deadline: '2020-01-01' });
  await patch('HS-T-0004', 1, { status: 'completed' });
  await patch('HS-T-0004', 2, { status: 'rectifying' });
  return { test, viewer: await test.login('wang') };
}

describeEachStore('progress report', (store) => {
  it('refuses without a session (401) and a bad or future date (400), naming it', async () => {
    const { test, viewer } = await campaign(store);
    for (const url of ['/api/report', '/api/report.xlsx?since=2026-01-01']) {
      const answer = await test.server.inject({ method: 'GET', url });
      expect(answer.statusCode).toBe(401);
      expect(answer.json().error).toBe('unauthorized');
    }
    const bad = await test.server.inject({
      method: 'GET',
      url: '/api/report?since=2026-02-30',
      headers: { cookie: viewer },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message.en).toContain('since');
    const future = await test.server.inject({
      method: 'GET',
      url: '/api/report.xlsx?since=2999-01-01',
      headers: { cookie: viewer },
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().message.zh).toContain('2999-01-01');
    const extra = await test.server.inject({
      method: 'GET',
      url: '/api/report?since=2026-01-01&x=1',
      headers: { cookie: viewer },
    });
    expect(extra.statusCode).toBe(400);
  });

  it('the store lists the status changes since a time: edits and inspections, oldest first', async () => {
    const { test } = await campaign(store);
    const changes = await test.server.atlas.store.statusChanges('plots', chinaDayStart(todayInChina()));
    expect(changes.map(({ id, from, to }) => [id, from, to])).toEqual([
      ['HS-T-0001', 'identified', 'completed'],
      ['HS-T-0002', 'identified', 'completed'],
      ['HS-T-0004', 'identified', 'completed'],
      ['HS-T-0004', 'completed', 'rectifying'],
    ]);
    expect(await test.server.atlas.store.statusChanges('plots', '2999-01-01T00:00:00.000Z')).toEqual([]);
  });

  it('reports completions since today from the history, overdue plots, by town', async () => {
    const { test, viewer } = await campaign(store);
    const today = todayInChina();
    const answer = await test.server.inject({
      method: 'GET',
      url: `/api/report?since=${today}`,
      headers: { cookie: viewer },
    });
    expect(answer.statusCode).toBe(200);
    const { report } = reportAnswer.parse(answer.json());
    expect(report.since).toBe(today);
    expect(report.completedIds).toEqual(['HS-T-0001', 'HS-T-0002']);
    expect(report.all.total.count).toBe(5);
    expect(report.all.completedSince.count).toBe(2);
    expect(report.all.overdue.count).toBe(1);
    expect(report.all.byStatus.completed?.count).toBe(2);
    expect(report.all.byStatus.rectifying?.count).toBe(1);
    expect(report.byTown.map((row) => [row.key, row.total.count])).toEqual([['沙坪街道', 5]]);
    // No parks in this data: every plot lies outside.
    expect(report.byPark.map((row) => [row.key, row.total.count])).toEqual([['outside', 5]]);
    // The default start is 1 January of this year.
    const byDefault = await test.server.inject({
      method: 'GET',
      url: '/api/report',
      headers: { cookie: viewer },
    });
    expect(reportAnswer.parse(byDefault.json()).report.since).toBe(`${today.slice(0, 4)}-01-01`);
  });

  it('exports the report as a workbook: a sheet per table, Chinese headers with units, 亩 to 2 decimals', async () => {
    const { test, viewer } = await campaign(store);
    const today = todayInChina();
    const answer = await test.server.inject({
      method: 'GET',
      url: `/api/report.xlsx?since=${today}`,
      headers: { cookie: viewer },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(answer.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent(`进度通报-${today}至${today}.xlsx`)}`,
    );
    const workbook = await readWorkbook(answer.rawPayload);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(REPORT_SHEETS.zh);
    const town = workbook.getWorksheet('按镇街');
    const headers = ((town?.getRow(1).values ?? []) as unknown[]).slice(1);
    expect(headers.slice(0, 5)).toEqual([
      '镇街',
      '地块（宗）',
      '面积（亩）',
      '已认定（宗）',
      '已认定面积（亩）',
    ]);
    expect(headers).toContain(`${today}以来完成（宗）`);
    expect(headers).toContain('逾期（宗）');
    expect(town?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(town?.getCell('A2').value).toBe('沙坪街道');
    expect(town?.getCell('B2').value).toBe(5);
    expect(town?.getCell('A3').value).toBe('全市合计');
    // The area in 亩 as a number shown to 2 decimals: the plots' ellipsoidal areas summed.
    const plots = await test.server.atlas.store.listFeatures('plots');
    const { geometryAreaM2 } = await import('../../src/geo/area.ts');
    const totalMu = plots.reduce((sum, plot) => sum + geometryAreaM2(plot.geometry), 0) / M2_PER_MU;
    expect(town?.getCell('C2').value).toBeCloseTo(totalMu, 6);
    expect(town?.getCell('C2').numFmt).toBe('0.00');
    const completedColumn = headers.indexOf(`${today}以来完成（宗）`) + 1;
    expect(town?.getRow(2).getCell(completedColumn).value).toBe(2);
    const park = workbook.getWorksheet('按园区');
    expect(park?.getCell('A2').value).toBe('园区外');
    const stages = workbook.getWorksheet('项目阶段');
    expect(stages?.getCell('A2').value).toBe('签约');
    expect(((stages?.getRow(1).values ?? []) as unknown[]).slice(1)).toContain('计划投资（亿元）');
  });

  it('exports the workbook in English with lang=en (Chinese without it); another lang is 400, naming it', async () => {
    const { test, viewer } = await campaign(store);
    const today = todayInChina();
    const answer = await test.server.inject({
      method: 'GET',
      url: `/api/report.xlsx?since=${today}&lang=en`,
      headers: { cookie: viewer },
    });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-disposition']).toBe(
      `attachment; filename="progress-report-${today}-${today}.xlsx"; filename*=UTF-8''progress-report-${today}-to-${today}.xlsx`,
    );
    const workbook = await readWorkbook(answer.rawPayload);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(REPORT_SHEETS.en);
    const town = workbook.getWorksheet('By town');
    const headers = ((town?.getRow(1).values ?? []) as unknown[]).slice(1);
    expect(headers.slice(0, 5)).toEqual(['Town', 'Plots', 'Area (mu)', 'Identified', 'Identified (mu)']);
    expect(headers).toContain(`Completed since ${today}`);
    expect(town?.getCell('A3').value).toBe('Whole city');
    expect(town?.getCell('C2').numFmt).toBe('0.00');
    expect(workbook.getWorksheet('By park')?.getCell('A2').value).toBe('Outside the parks');
    const stages = workbook.getWorksheet('Project stages');
    expect(stages?.getCell('A2').value).toBe('Signed');
    expect(((stages?.getRow(1).values ?? []) as unknown[]).slice(1)).toContain(
      'Planned investment (100 M yuan)',
    );
    // lang=zh is the default said out loud.
    const chinese = await test.server.inject({
      method: 'GET',
      url: `/api/report.xlsx?since=${today}&lang=zh`,
      headers: { cookie: viewer },
    });
    const zh = await readWorkbook(chinese.rawPayload);
    expect(zh.worksheets[0]?.name).toBe('按镇街');
    expect(zh.worksheets[0]?.getCell('C1').value).toBe('面积（亩）');
    for (const lang of ['fr', 'EN', '']) {
      const refused = await test.server.inject({
        method: 'GET',
        url: `/api/report.xlsx?since=${today}&lang=${lang}`,
        headers: { cookie: viewer },
      });
      expect(refused.statusCode, lang).toBe(400);
      expect(refused.json().error).toBe('invalid-request');
      expect(refused.json().message).toEqual({
        zh: `语言参数 lang=${lang} 无效：只能是 zh（中文，默认）或 en（英文）。`,
        en: `The language lang=${lang} is not known: use zh (Chinese, the default) or en (English).`,
      });
    }
    // The JSON report takes no language: its labels are the screen's.
    const json = await test.server.inject({
      method: 'GET',
      url: `/api/report?since=${today}&lang=en`,
      headers: { cookie: viewer },
    });
    expect(json.statusCode).toBe(400);
    expect(json.json().message.zh).toBe('请求参数有误：query。');
  });
});
