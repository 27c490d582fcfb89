// The administrator's settings (GET/PUT /api/settings/:key, domain/settings.ts) on both stores: kept
// with a version and their history, a stale version refused (409) with the current setting and a
// 'conflict' entry, the value checked by its schema (400 naming the field), unknown keys 404, every
// role may read and only admins write (401 without a session, 403 otherwise), an Idempotency-Key
// replayed, and hostile bodies refused as every JSON route refuses them.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_STAGE_DURATIONS } from '../../src/domain/deadlines.ts';
import { DEFAULT_RULES } from '../../src/domain/rules.ts';
import { historyPage, storedSetting } from '../../src/domain/wire.ts';
import { currentRules } from '../../src/server/settings.ts';
import { describeEachStore, ROLE_USERS, startServer, type TestServer } from './helpers.ts';

const stricter = { ...DEFAULT_RULES, farMin: { '1001': 1.2, '1101': 0.8 }, outputPerMuMin: 300 };

describeEachStore('settings', (kind) => {
  let s: TestServer;
  const cookies: Record<string, string> = {};
  beforeAll(async () => {
    s = await startServer({ users: ROLE_USERS, store: kind, plots: 1 });
    for (const name of Object.keys(ROLE_USERS)) cookies[name] = await s.login(name);
  });
  afterAll(async () => {
    await s.server.close();
  });

  const get = (key: string, user = 'viewer') =>
    s.server.inject({ method: 'GET', url: `/api/settings/${key}`, headers: { cookie: cookies[user] ?? '' } });
  const put = (key: string, body: unknown, user = 'admin', headers: Record<string, string> = {}) =>
    s.server.inject({
      method: 'PUT',
      url: `/api/settings/${key}`,
      headers: { cookie: cookies[user] ?? '', ...headers },
      payload: body as object,
    });
  const putText = (key: string, text: string, contentType = 'application/json') =>
    s.server.inject({
      method: 'PUT',
      url: `/api/settings/${key}`,
      headers: { cookie: cookies.admin ?? '', 'content-type': contentType },
      payload: text,
    });

  it('gives every role the defaults at version 0 before anyone saved them; the old GET /api/settings still answers', async () => {
    for (const role of Object.keys(ROLE_USERS)) {
      const rules = await get('rules', role);
      expect(rules.statusCode).toBe(200);
      expect(storedSetting.parse(rules.json())).toEqual({
        key: 'rules',
        version: 0,
        value: DEFAULT_RULES,
        updatedAt: null,
        updatedBy: null,
      });
    }
    expect((await get('stage-durations')).json().value).toEqual(DEFAULT_STAGE_DURATIONS);
    const tianditu = await s.server.inject({
      method: 'GET',
      url: '/api/settings',
      headers: { cookie: cookies.viewer ?? '' },
    });
    expect(tianditu.json()).toEqual({ tiandituKey: null });
    expect(await currentRules(s.server.atlas.store)).toEqual(DEFAULT_RULES);
  });

  it('refuses without a session (401) and any role but admin (403), changing nothing', async () => {
    const anonymous = await s.server.inject({ method: 'GET', url: '/api/settings/rules' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().error).toBe('unauthorized');
    const anonymousPut = await s.server.inject({
      method: 'PUT',
      url: '/api/settings/rules',
      payload: { version: 0, value: stricter },
    });
    expect(anonymousPut.statusCode).toBe(401);
    for (const role of ['viewer', 'inspector', 'planner']) {
      const refused = await put('rules', { version: 0, value: stricter }, role);
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error).toBe('forbidden');
    }
    expect((await get('rules')).json().version).toBe(0);
  });

  it('saves from the version it started from, with history; a stale version is 409 with the current setting', async () => {
    const first = await put('rules', { version: 0, value: stricter });
    expect(first.statusCode).toBe(200);
    expect(storedSetting.parse(first.json())).toMatchObject({
      key: 'rules',
      version: 1,
      value: stricter,
      updatedBy: 'admin',
    });
    expect(await currentRules(s.server.atlas.store)).toEqual(stricter);
    const looser = { ...stricter, taxPerMuMin: 4 };
    expect((await put('rules', { version: 1, value: looser })).json().version).toBe(2);

    const stale = await put('rules', { version: 1, value: DEFAULT_RULES });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBe('version-conflict');
    expect(stale.json().current).toMatchObject({ version: 2, value: looser });
    expect(stale.json().message.zh).toContain('识别规则已被 admin 修改');
    // A first save racing another first save: the second names version 0, now stale.
    expect((await put('rules', { version: 0, value: DEFAULT_RULES })).statusCode).toBe(409);
    expect((await get('rules')).json()).toMatchObject({ version: 2, value: looser });

    const history = await s.server.inject({
      method: 'GET',
      url: '/api/history?layer=settings&id=rules',
      headers: { cookie: cookies.planner ?? '' },
    });
    expect(history.statusCode).toBe(200);
    const entries = historyPage.parse(history.json()).entries;
    expect(entries.map((entry) => [entry.action, entry.versionBefore, entry.versionAfter])).toEqual([
      ['conflict', 0, 2],
      ['conflict', 1, 2],
      ['update', 1, 2],
      ['create', 0, 1],
    ]);
    expect(entries[2]).toMatchObject({
      entity: 'setting',
      entityId: 'rules',
      actor: 'admin',
      before: { value: stricter },
      after: { value: looser },
    });
    expect(entries[3]?.before).toBeNull();
  });

  it('concurrent saves from one version: exactly one is saved, the others are 409', async () => {
    const answers = await Promise.all(
      [10, 20, 30, 40].map((days) =>
        put('stage-durations', { version: 0, value: { ...DEFAULT_STAGE_DURATIONS, listed: days } }),
      ),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 409, 409, 409]);
    expect((await get('stage-durations')).json().version).toBe(1);
  });

  it('refuses a value that does not fit (400 naming the field), an unknown key (404) and stray fields', async () => {
    const negative = await put('rules', { version: 2, value: { ...DEFAULT_RULES, farMin: { '1001': -1 } } });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().error).toBe('invalid-setting');
    expect(negative.json().message.zh).toContain('识别规则有误，未保存：farMin.1001');
    expect(negative.json().issues[0].path).toBe('farMin.1001');
    const badClass = await put('rules', { version: 2, value: { ...DEFAULT_RULES, farMin: { abc: 1 } } });
    expect(badClass.statusCode).toBe(400);
    const fractional = await put('stage-durations', {
      version: 1,
      value: { ...DEFAULT_STAGE_DURATIONS, started: 1.5 },
    });
    expect(fractional.statusCode).toBe(400);
    expect(fractional.json().message.en).toContain('started: must be whole days');
    const missing = await put('stage-durations', { version: 1, value: { listed: 60 } });
    expect(missing.statusCode).toBe(400);
    const extra = await put('rules', { version: 2, value: DEFAULT_RULES, note: 'x' });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error).toBe('invalid-request');
    const unknown = await put('colours', { version: 0, value: {} });
    expect(unknown.statusCode).toBe(404);
    expect((await get('colours')).statusCode).toBe(404);
    expect((await get('%E8%A7%84%E5%88%99')).statusCode).toBe(404); // 规则
    expect((await get('rules')).json().version).toBe(2);
  });

  it('refuses hostile bodies as every JSON route does: 20 000 deep 400, 2 MB 413, not JSON 400, text/plain 415', async () => {
    const deep = await putText('rules', `{"version":2,"value":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
    expect(deep.statusCode).toBe(400);
    expect(deep.json().error).toBe('too-deep');
    const large = await putText(
      'rules',
      JSON.stringify({ version: 2, value: { ...DEFAULT_RULES, pad: 'x'.repeat(2 * 1024 * 1024) } }),
    );
    expect(large.statusCode).toBe(413);
    const broken = await putText('rules', '{"version": 2, "value": ');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error).toBe('invalid-json');
    const plain = await putText('rules', 'version=2', 'text/plain');
    expect(plain.statusCode).toBe(415);
    expect((await get('rules')).json().version).toBe(2);
  });

  it('replays a save retried with its Idempotency-Key, writing once; the key with another body is 422', async () => {
    const key = 'settings-retry-0001';
    const body = { version: 2, value: { ...DEFAULT_RULES, idleYearsMax: 2 } };
    const first = await put('rules', body, 'admin', { 'idempotency-key': key });
    const again = await put('rules', body, 'admin', { 'idempotency-key': key });
    expect(first.statusCode).toBe(200);
    expect(again.statusCode).toBe(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    expect((await get('rules')).json().version).toBe(3);
    const other = await put('rules', { ...body, version: 3 }, 'admin', { 'idempotency-key': key });
    expect(other.statusCode).toBe(422);
    expect(other.json().error).toBe('idempotency-key-reused');
  });
});
