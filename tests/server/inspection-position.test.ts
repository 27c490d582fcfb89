// Where the inspector stood: POST /api/inspections takes an optional position (lon, lat, accuracy in
// metres, ISO time) and a reason for saving without proof of presence; both stores keep them and every
// read (the answer, GET one, the plot's list, history) gives them back. Out-of-range values are 400.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inspection as inspectionSchema } from '../../src/domain/wire.ts';
import { migrate } from '../../src/server/store/migrations.ts';
import { describeEachStore, ROLE_USERS, startServer, type TestServer } from './helpers.ts';

const POSITION = { lon: 112.9031, lat: 22.7012, accuracy: 12.5, time: '2026-11-30T09:12:04.250+08:00' };

describeEachStore('inspection position', (store) => {
  let app: TestServer;
  let inspector = '';

  beforeAll(async () => {
    app = await startServer({ store, users: ROLE_USERS });
    inspector = await app.login('inspector');
  });
  afterAll(() => app.server.close());

  const post = (payload: Record<string, unknown>) =>
    app.server.inject({
      method: 'POST',
      url: '/api/inspections',
      headers: { cookie: inspector },
      payload: {
        plotId: 'HS-T-0001',
        date: '2026-11-30',
        findings: '现场核查',
        status: 'rectifying',
        ...payload,
      },
    });
  const get = (url: string) => app.server.inject({ method: 'GET', url, headers: { cookie: inspector } });

  it('a position and its accuracy are stored and read back exactly, by every route', async () => {
    const recorded = await post({ position: POSITION });
    expect(recorded.statusCode).toBe(201);
    const body = recorded.json();
    expect(body.position).toEqual(POSITION);
    expect(body.positionNote).toBeNull();
    expect(inspectionSchema.parse(body).position).toEqual(POSITION);
    const one = await get(`/api/inspections/${body.id}`);
    expect(one.json().position).toEqual(POSITION);
    const list = await get('/api/plots/HS-T-0001/inspections');
    const listed = list.json().inspections.find((item: { id: string }) => item.id === body.id);
    expect(listed.position).toEqual(POSITION);
    const history = await get(`/api/history?layer=inspections&id=${body.id}`);
    expect(history.json().entries[0].after.position).toEqual(POSITION);
  });

  it('no position (GPS off) with a reason: position null, the reason kept', async () => {
    const recorded = await post({ positionNote: '定位不可用，已拍门牌照片' });
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({ position: null, positionNote: '定位不可用，已拍门牌照片' });
    const one = await get(`/api/inspections/${recorded.json().id}`);
    expect(one.json()).toMatchObject({ position: null, positionNote: '定位不可用，已拍门牌照片' });
  });

  it('a far or inaccurate position with a reason keeps both', async () => {
    const far = { ...POSITION, lon: 112.95, accuracy: 85 };
    const recorded = await post({ position: far, positionNote: '在路边核查，地块围墙内无法进入' });
    expect(recorded.json()).toMatchObject({ position: far, positionNote: '在路边核查，地块围墙内无法进入' });
  });

  it('an inspection recorded without either field (an older app) reads back with nulls', async () => {
    const recorded = await post({});
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({ position: null, positionNote: null });
  });

  it.each([
    ['longitude above 180', { ...POSITION, lon: 180.5 }, 'lon'],
    ['latitude below -90', { ...POSITION, lat: -91 }, 'lat'],
    ['negative accuracy', { ...POSITION, accuracy: -1 }, 'accuracy'],
    ['a time that is not ISO 8601', { ...POSITION, time: '30/11/2026 09:12' }, 'time'],
    ['a time without an offset', { ...POSITION, time: '2026-11-30T09:12:04' }, 'time'],
    ['a missing accuracy', { lon: 112.9, lat: 22.7, time: POSITION.time }, 'accuracy'],
    ['an unknown field (altitude)', { ...POSITION, altitude: 12 }, 'position'],
    ['a string longitude', { ...POSITION, lon: '112.9' }, 'lon'],
  ])('%s is refused with 400 naming the field, nothing recorded', async (_name, position, field) => {
    const before = (await get('/api/plots/HS-T-0002/inspections')).json().inspections.length;
    const refused = await app.server.inject({
      method: 'POST',
      url: '/api/inspections',
      headers: { cookie: inspector },
      payload: { plotId: 'HS-T-0002', date: '2026-11-30', findings: 'x', status: 'rectifying', position },
    });
    expect(refused.statusCode).toBe(400);
    expect(JSON.stringify(refused.json().message)).toContain(field);
    expect((await get('/api/plots/HS-T-0002/inspections')).json().inspections).toHaveLength(before);
  });

  it('an empty reason is refused (400): a reason must say something', async () => {
    const refused = await post({ positionNote: '   ' });
    expect(refused.statusCode).toBe(400);
    expect(JSON.stringify(refused.json().message)).toContain('positionNote');
  });
});

describe('SQLite migration 7 (inspection position columns)', () => {
  it('an inspection recorded under schema 6 keeps its fields and reads with no position', () => {
    const db = new Database(':memory:');
    migrate(db, 6);
    db.prepare(
      `INSERT INTO inspections (id, plot_id, date, inspector, findings, status, mode, notes, client_id, created_at, plot_version)
       VALUES ('old-1', 'HS-T-0001', '2026-01-02', 'inspector', 'ok', 'pending', NULL, NULL, NULL, '2026-01-02T00:00:00Z', 2)`,
    ).run();
    migrate(db);
    // The latest schema (8: settings; 9: the history's index by time; 10: import presets).
    expect(db.pragma('user_version', { simple: true })).toBe(10);
    expect(
      db
        .prepare(
          'SELECT id, findings, position_lon, position_lat, position_accuracy, position_time, position_note FROM inspections',
        )
        .all(),
    ).toEqual([
      {
        id: 'old-1',
        findings: 'ok',
        position_lon: null,
        position_lat: null,
        position_accuracy: null,
        position_time: null,
        position_note: null,
      },
    ]);
  });
});
