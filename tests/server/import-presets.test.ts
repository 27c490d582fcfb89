// The import screen's presets on both stores: an administrator saves, lists, replaces and deletes a
// layer's named mapping; without a session 401, any other role 403, and a bad body 400 naming the
// field, all changing nothing; names in Chinese; concurrent saves of one name leave one row.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore, ROLE_USERS, startServer, type TestServer } from './helpers.ts';

const MAPPING = {
  fields: { id: 'DKBH', enterprise: 'QYMC', town: 'SZZ' },
  defaults: { status: 'identified' },
};
const NAME = '鹤城镇 国土调查 2025';
const url = (layer: string, name: string) => `/api/import-presets/${layer}/${encodeURIComponent(name)}`;

describeEachStore('import presets', (store) => {
  let app: TestServer;
  const cookies: Record<string, string> = {};

  beforeAll(async () => {
    app = await startServer({ store, users: ROLE_USERS });
    for (const role of ['viewer', 'inspector', 'planner', 'admin']) cookies[role] = await app.login(role);
  });
  afterAll(() => app.server.close());

  const list = (layer = 'plots', cookie = cookies.admin) =>
    app.server.inject({
      method: 'GET',
      url: `/api/import-presets?layer=${layer}`,
      headers: cookie ? { cookie } : {},
    });
  const save = (name: string, payload: unknown, cookie = cookies.admin, layer = 'plots') =>
    app.server.inject({
      method: 'PUT',
      url: url(layer, name),
      headers: cookie ? { cookie } : {},
      payload: payload as object,
    });

  it('saves, lists, replaces and deletes a preset with a Chinese name', async () => {
    const saved = await save(NAME, MAPPING);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({ layer: 'plots', name: NAME, mapping: MAPPING, updatedBy: 'admin' });
    expect((await list()).json().presets.map((preset: { name: string }) => preset.name)).toEqual([NAME]);
    expect((await list('parks')).json()).toEqual({ presets: [] });

    const replaced = { fields: { id: '地块编号' }, defaults: {} };
    expect((await save(NAME, replaced)).statusCode).toBe(200);
    const presets = (await list()).json().presets;
    expect(presets).toHaveLength(1);
    expect(presets[0].mapping).toEqual(replaced);

    const removed = await app.server.inject({
      method: 'DELETE',
      url: url('plots', NAME),
      headers: { cookie: cookies.admin },
    });
    expect(removed.statusCode).toBe(204);
    expect((await list()).json()).toEqual({ presets: [] });
    const again = await app.server.inject({
      method: 'DELETE',
      url: url('plots', NAME),
      headers: { cookie: cookies.admin },
    });
    expect(again.statusCode).toBe(404);
  });

  it('refuses without a session (401) and for every other role (403), changing nothing', async () => {
    expect((await list('plots', '')).statusCode).toBe(401);
    expect((await save('x', MAPPING, '')).statusCode).toBe(401);
    expect((await app.server.inject({ method: 'DELETE', url: url('plots', 'x') })).statusCode).toBe(401);
    for (const role of ['viewer', 'inspector', 'planner']) {
      expect((await list('plots', cookies[role])).statusCode).toBe(403);
      expect((await save('x', MAPPING, cookies[role])).statusCode).toBe(403);
      const removed = await app.server.inject({
        method: 'DELETE',
        url: url('plots', 'x'),
        headers: { cookie: cookies[role] as string },
      });
      expect(removed.statusCode).toBe(403);
    }
    expect((await list()).json()).toEqual({ presets: [] });
  });

  it('refuses a bad body, an unknown layer and a name too long with 400, changing nothing', async () => {
    const extra = await save('x', { ...MAPPING, more: 1 });
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error).toBe('invalid-request');
    const notText = await save('x', { fields: { id: 5 }, defaults: {} });
    expect(notText.statusCode).toBe(400);
    expect(notText.json().message.en).toBe('The request body is not valid: fields.id.');
    expect((await save('x', MAPPING, cookies.admin, 'rivers')).statusCode).toBe(400);
    expect((await save('名'.repeat(65), MAPPING)).statusCode).toBe(400);
    expect((await list('rivers')).statusCode).toBe(400);
    expect((await list()).json()).toEqual({ presets: [] });
  });

  it('concurrent saves of one name leave one preset, the last one written', async () => {
    const answers = await Promise.all(
      Array.from({ length: 8 }, (_, index) => save('并发', { fields: { id: `F${index}` }, defaults: {} })),
    );
    expect(answers.map((answer) => answer.statusCode)).toEqual(Array(8).fill(200));
    const presets = (await list()).json().presets;
    expect(presets).toHaveLength(1);
    expect(answers.map((answer) => answer.json().mapping.fields.id)).toContain(presets[0].mapping.fields.id);
  });
});
