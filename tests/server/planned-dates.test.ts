// 工期倒排 on the server, on both stores: a planner may change a project's planned milestone dates
// (…Planned) and nothing else of it (403 naming the properties, nothing written); the change is in the
// project's history; a date that is not one is 422; a viewer or inspector is 403, no session 401.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { historyPage } from '../../src/domain/wire.ts';
import { describeEachStore, ROLE_USERS, startServer, type TestServer } from './helpers.ts';

const PROJECT = {
  properties: {
    id: '项目-一号',
    name: '测试项目',
    enterprise: '测试企业',
    industry: '新材料',
    investmentPlanned: 5,
    investmentCompleted: 1,
    stage: 'listed',
    signedOn: '2026-01-10',
    listedOn: '2026-03-01',
  },
  geometry: { type: 'Point', coordinates: [112.95, 22.75] },
};
const URL_ = `/api/features/projects/${encodeURIComponent('项目-一号')}`;

describeEachStore('planned dates of projects', (kind) => {
  let s: TestServer;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    s = await startServer({ users: ROLE_USERS, store: kind, plots: 1 });
    for (const name of Object.keys(ROLE_USERS)) cookies[name] = await s.login(name);
    const created = await s.server.inject({
      method: 'POST',
      url: '/api/features/projects',
      headers: { cookie: cookies.admin ?? '' },
      payload: PROJECT,
    });
    expect(created.statusCode).toBe(201);
  });
  afterAll(async () => {
    await s.server.close();
  });

  const patch = (user: string | null, version: number, properties: Record<string, unknown>) =>
    s.server.inject({
      method: 'PATCH',
      url: URL_,
      headers: user ? { cookie: cookies[user] ?? '' } : {},
      payload: { version, properties },
    });

  it('a planner saves planned dates (a Chinese id); history shows them from nothing to the date', async () => {
    const saved = await patch('planner', 1, {
      deliveredPlanned: '2026-05-01',
      producingPlanned: '2027-12-31',
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().properties).toMatchObject({
      version: 2,
      deliveredPlanned: '2026-05-01',
      producingPlanned: '2027-12-31',
    });
    const history = await s.server.inject({
      method: 'GET',
      url: `/api/history?layer=projects&id=${encodeURIComponent('项目-一号')}`,
      headers: { cookie: cookies.viewer ?? '' },
    });
    const [entry] = historyPage.parse(history.json()).entries;
    expect(entry).toMatchObject({ actor: 'planner', action: 'update', versionBefore: 1, versionAfter: 2 });
    expect(entry?.after).toMatchObject({ properties: { producingPlanned: '2027-12-31' } });
    expect(entry?.before).toMatchObject({ properties: { stage: 'listed' } });
    expect(entry?.before).not.toMatchObject({ properties: { producingPlanned: expect.anything() } });
  });

  it('a planner may not change anything else of a project (403, named); a bad date is 422', async () => {
    const other = await patch('planner', 2, { name: '改名', startedPlanned: '2026-09-01' });
    expect(other.statusCode).toBe(403);
    expect(other.json().message.zh).toContain('name');
    expect(other.json().message.zh).not.toContain('startedPlanned');
    const stage = await patch('planner', 2, { stage: 'registered' });
    expect(stage.statusCode).toBe(403);
    const bad = await patch('planner', 2, { startedPlanned: '2026-02-30' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error).toBe('invalid-properties');
    // An admin may change anything, the planned dates too.
    expect((await patch('admin', 2, { name: '测试项目二期', startedPlanned: '2026-09-01' })).statusCode).toBe(
      200,
    );
  });

  it('viewers and inspectors 403, no session 401; a stale version 409', async () => {
    expect((await patch('viewer', 3, { startedPlanned: '2026-10-01' })).statusCode).toBe(403);
    expect((await patch('inspector', 3, { startedPlanned: '2026-10-01' })).statusCode).toBe(403);
    const anonymous = await patch(null, 3, { startedPlanned: '2026-10-01' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error).toBe('unauthorized');
    expect((await patch('planner', 2, { startedPlanned: '2026-10-01' })).statusCode).toBe(409);
    const current = await s.server.inject({
      method: 'GET',
      url: URL_,
      headers: { cookie: cookies.viewer ?? '' },
    });
    expect(current.json().properties).toMatchObject({
      version: 3,
      name: '测试项目二期',
      startedPlanned: '2026-09-01',
    });
  });

  it('the signed-in planner is told projects are editable (me.can.editLayers)', async () => {
    const me = await s.server.inject({
      method: 'GET',
      url: '/api/me',
      headers: { cookie: cookies.planner ?? '' },
    });
    expect(me.json().can.editLayers).toEqual(['plots', 'projects', 'zones']);
  });
});
