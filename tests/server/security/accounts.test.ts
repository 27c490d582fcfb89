// Item 7 of issue 8 (accounts): the "at least one active admin" rule holds when two admins are changed
// at the same moment, because the store checks it inside the transaction that writes the change.
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers.ts';

let app: TestServer | undefined;
afterEach(async () => {
  await app?.server.close();
  app = undefined;
});

const LAST_ADMIN = {
  error: 'last-admin',
  message: {
    zh: '这是唯一可用的管理员账号，不能降级或停用。请先设另一位管理员。',
    en: 'This is the only active administrator; it cannot be demoted or disabled. Make another admin first.',
  },
};

/** With a new password each: the hashing takes long enough that both requests are checked before either writes. */
const NEW = { password: 'a fresh long passphrase' };

async function concurrently(changes: Record<string, object>) {
  app = await startServer({ users: { ann: 'admin', bob: 'admin', viewer: 'viewer' } });
  const server = app.server;
  const cookie = await app.login('ann');
  await server.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  // One admin changes both admin accounts (the other's and her own) at once, over real connections.
  const [first, second] = await Promise.all(
    Object.entries(changes).map(async ([target, payload]) => {
      const response = await fetch(`${base}/api/users/${target}`, {
        method: 'PATCH',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify(payload),
      });
      return { statusCode: response.status, json: await response.json() };
    }),
  );
  const statuses = [first?.statusCode, second?.statusCode].sort();
  const refused = [first, second].find((response) => response?.statusCode === 409);
  return { statuses, refused: refused?.json, active: await server.atlas.store.countActiveAdmins() };
}

describe('two admins disabled or demoted at once', () => {
  it('two concurrent PATCHes disabling (and resetting the password of) the last two admins: one succeeds, the other gets 409 last-admin', async () => {
    const outcome = await concurrently({ ann: { ...NEW, disabled: true }, bob: { ...NEW, disabled: true } });
    expect(outcome).toEqual({ statuses: [200, 409], refused: LAST_ADMIN, active: 1 });
  });

  it('two concurrent PATCHes demoting (and resetting the password of) the last two admins: one succeeds, the other gets 409 last-admin', async () => {
    const outcome = await concurrently({ ann: { ...NEW, role: 'viewer' }, bob: { ...NEW, role: 'planner' } });
    expect(outcome).toEqual({ statuses: [200, 409], refused: LAST_ADMIN, active: 1 });
  });

  it('one demoted and one disabled at once leave one active admin', async () => {
    const outcome = await concurrently({
      ann: { ...NEW, role: 'viewer' },
      bob: { ...NEW, disabled: true },
    });
    expect(outcome).toEqual({ statuses: [200, 409], refused: LAST_ADMIN, active: 1 });
  });

  it('the refused change is not written: no history entry, the account unchanged', async () => {
    app = await startServer({ users: { ann: 'admin' } });
    const before = await app.server.atlas.store.getUser('ann');
    await expect(app.server.atlas.store.updateUser('ann', { disabled: true }, 'test')).rejects.toThrow(
      'ann is the only active administrator',
    );
    expect(await app.server.atlas.store.getUser('ann')).toEqual(before);
    const entries = await app.server.atlas.store.history({ entity: 'user', limit: 10 });
    expect(entries.filter((entry) => entry.action === 'update')).toEqual([]);
  });
});
