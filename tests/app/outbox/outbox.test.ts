// The outbox (src/app/outbox) against the real server, IndexedDB faked (fake-indexeddb), the network a
// switch: no answer queues the write (已保存，待同步) and keeps it in IndexedDB; the write whose answer
// was lost is sent again with the same Idempotency-Key and recorded once; a page loaded anew (the
// module state gone) finds what waits and sends it; a refusal stays with the server's reason until the
// person gives it up.
import 'fake-indexeddb/auto';
import type { InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Intent } from '../../../src/app/api/transact.ts';
import { useAtlas } from '../../../src/app/state/store.ts';
import { startServer, type TestServer } from '../../server/helpers.ts';

let app: TestServer;
let cookie = '';
/** 'up': answered; 'down': no answer (a fetch TypeError); 'lost': the server writes, the answer is lost. */
let network: 'up' | 'down' | 'lost' = 'up';
const keys: (string | undefined)[] = [];
/** The paths the app asked for, in order. */
const paths: string[] = [];

beforeAll(async () => {
  app = await startServer({ users: { inspector: 'inspector' }, plots: 6 });
  cookie = await app.login('inspector');
  useAtlas.getState().setSession({
    status: 'signed-in',
    me: {
      user: { username: 'inspector', role: 'inspector' },
      can: { editLayers: [], createLayers: [], inspect: true, import: false, manageUsers: false },
    } as never,
  });
  vi.stubGlobal('fetch', async (path: string, init: RequestInit = {}) => {
    if (network === 'down') throw new TypeError('Failed to fetch');
    const headers = init.headers as Record<string, string>;
    keys.push(headers['Idempotency-Key']);
    paths.push(path);
    const response = await app.server.inject({
      method: (init.method ?? 'GET') as InjectOptions['method'],
      url: path,
      headers: { ...headers, cookie },
      ...(typeof init.body === 'string' ? { payload: init.body } : {}),
    });
    if (network === 'lost' && init.method === 'POST') throw new TypeError('network connection lost');
    return new Response(response.statusCode === 304 ? null : response.body, {
      status: response.statusCode,
      headers: response.headers as Record<string, string>,
    });
  });
});

afterAll(async () => {
  vi.unstubAllGlobals();
  await app?.server.close();
});

async function plotProperties(id: string) {
  const response = await app.server.inject({ url: `/api/features/plots/${id}`, headers: { cookie } });
  return response.json().properties as Record<string, unknown>;
}

async function inspection(plotId: string, findings: string): Promise<Intent> {
  const base = await plotProperties(plotId);
  const id = crypto.randomUUID();
  return {
    kind: 'record-inspection',
    id,
    base,
    input: {
      plotId,
      date: '2026-12-01',
      findings,
      status: 'inspected',
      clientId: id,
      plotVersion: Number(base.version),
    },
  };
}

const recorded = async (plotId: string) =>
  (await app.server.inject({ url: `/api/plots/${plotId}/inspections`, headers: { cookie } })).json()
    .inspections as { findings: string; clientId: string }[];

const what = { zh: '巡查', en: 'Inspection' };

describe('the outbox', () => {
  it('no answer: queued, kept in IndexedDB; back online it is sent once, with its id as Idempotency-Key', async () => {
    const outbox = await import('../../../src/app/outbox/outbox.ts');
    const { readItems } = await import('../../../src/app/outbox/db.ts');
    network = 'down';
    const intent = await inspection('HS-T-0001', '无网络');
    expect(await outbox.submit(intent, what)).toEqual({ status: 'queued' });
    const stored = await readItems();
    expect(stored.map((item) => [item.id, item.state, item.attempts])).toEqual([[intent.id, 'waiting', 1]]);
    expect(await recorded('HS-T-0001')).toEqual([]);
    network = 'up';
    keys.length = 0;
    paths.length = 0;
    await outbox.syncNow();
    expect((await recorded('HS-T-0001')).map((row) => row.findings)).toEqual(['无网络']);
    expect(keys[0]).toBe(intent.id);
    // What waited is sent, then the settings are read again (an admin may have changed them meanwhile).
    await vi.waitFor(() =>
      expect(paths).toEqual(['/api/inspections', '/api/settings/rules', '/api/settings/stage-durations']),
    );
    expect(await readItems()).toEqual([]);
    expect(outbox.outboxView().items.map((item) => [item.id, item.state])).toEqual([[intent.id, 'sent']]);
  });

  it('the answer lost after the server wrote: sent again with the same key, recorded once', async () => {
    const outbox = await import('../../../src/app/outbox/outbox.ts');
    network = 'lost';
    const intent = await inspection('HS-T-0002', '回答丢失');
    expect(await outbox.submit(intent, what)).toEqual({ status: 'queued' });
    expect(await recorded('HS-T-0002')).toHaveLength(1);
    network = 'up';
    await outbox.syncNow();
    expect(await recorded('HS-T-0002')).toHaveLength(1);
    const history = await app.sql("SELECT count(*) AS n FROM history WHERE entity_id = 'HS-T-0002'");
    expect(history[0]?.n).toBe(1);
  });

  it('a page loaded anew (nothing in memory) finds what waits in IndexedDB and sends it', async () => {
    let outbox = await import('../../../src/app/outbox/outbox.ts');
    network = 'down';
    const intent = await inspection('HS-T-0003', '重新打开页面');
    expect(await outbox.submit(intent, what)).toEqual({ status: 'queued' });
    vi.resetModules();
    // The store module is fresh too: the new page's session.
    const { useAtlas: fresh } = await import('../../../src/app/state/store.ts');
    fresh.getState().setSession(useAtlas.getState().session);
    outbox = await import('../../../src/app/outbox/outbox.ts');
    expect(outbox.outboxView().items).toEqual([]);
    network = 'up';
    // The app's start (the badge mounting): the signed-in person is read, what waits is sent.
    vi.stubGlobal('window', { addEventListener() {}, removeEventListener() {} });
    const stop = outbox.startOutbox();
    await outbox.syncNow();
    stop();
    expect((await recorded('HS-T-0003')).map((row) => row.clientId)).toEqual([intent.id]);
  });

  it('a refusal stays, with the server’s reason, until the person gives it up', async () => {
    const outbox = await import('../../../src/app/outbox/outbox.ts');
    const { readItems } = await import('../../../src/app/outbox/db.ts');
    network = 'up';
    const intent = await inspection('HS-T-0004', '不存在的地块');
    if (intent.kind !== 'record-inspection') throw new Error('unreachable');
    intent.input.plotId = 'HS-NO-SUCH';
    await expect(outbox.submit(intent, what)).rejects.toMatchObject({ status: 404 });
    const [item] = await readItems();
    expect(item?.state).toBe('refused');
    expect(item?.reason?.zh).toContain('HS-NO-SUCH');
    await outbox.syncNow();
    expect((await readItems()).map((each) => each.state)).toEqual(['refused']);
    await outbox.releaseFromForm(intent.id);
    expect(await readItems()).toEqual([]);
  });

  it('the browser says it is offline: nothing is sent, the write waits untried; its online event sends it', async () => {
    const outbox = await import('../../../src/app/outbox/outbox.ts');
    const { readItems } = await import('../../../src/app/outbox/db.ts');
    // The network answers, yet the browser says it is offline (navigator.onLine false): no request leaves.
    network = 'up';
    const browser = { onLine: false };
    vi.stubGlobal('navigator', browser);
    let onOnline: (() => void) | null = null;
    vi.stubGlobal('window', {
      addEventListener(type: string, listener: () => void) {
        if (type === 'online') onOnline = listener;
      },
      removeEventListener() {},
    });
    const stop = outbox.startOutbox();
    keys.length = 0;
    const intent = await inspection('HS-T-0005', '浏览器离线');
    expect(await outbox.submit(intent, what)).toEqual({ status: 'queued' });
    await outbox.syncNow();
    expect(keys).toEqual([]);
    expect((await readItems()).map((item) => [item.id, item.state, item.attempts])).toEqual([
      [intent.id, 'waiting', 0],
    ]);
    expect(await recorded('HS-T-0005')).toEqual([]);
    // The browser comes online: its event sends what waits, once.
    browser.onLine = true;
    expect(onOnline).not.toBeNull();
    (onOnline as unknown as () => void)();
    await outbox.syncNow();
    stop();
    expect(keys).toEqual([intent.id]);
    expect((await recorded('HS-T-0005')).map((row) => row.clientId)).toEqual([intent.id]);
    expect(await readItems()).toEqual([]);
  });
});
