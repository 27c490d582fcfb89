// The real server (`npm start`'s main.ts) on PostgreSQL: DATABASE_URL alone chooses it. Two app servers
// share one database, as behind a load balancer: a session made on one works on the other (sessions
// live in the database), an edit made on one is a 409 for a stale client of the other, and the layer's
// ETag moves on both. The PostGIS geometry column holds every feature, in CGCS2000, indexed.
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureGeodata, PASSWORD, tempRoot } from './helpers.ts';
import { addUser, httpLogin, type ServerProcess, spawnServer, stopServer } from './process.ts';
import { postgresDatabase, postgresRuns } from './support/postgres.ts';

describe.runIf(postgresRuns())('two app servers on one PostgreSQL (DATABASE_URL)', () => {
  let databaseUrl = '';
  const servers: ServerProcess[] = [];
  let a = '';
  let b = '';

  beforeAll(async () => {
    databaseUrl = await postgresDatabase();
    const root = tempRoot();
    const geodata = fixtureGeodata(root, 5);
    // `atlas user add` with DATABASE_URL writes to the shared database.
    await addUser(join(root, 'unused'), 'field', 'inspector', PASSWORD, databaseUrl);
    await addUser(join(root, 'unused'), 'plan', 'planner', PASSWORD, databaseUrl);
    // Each server has its own DATA_DIR (photos); both seed from the same files: the first seeds.
    for (const name of ['a', 'b']) {
      const server = await spawnServer(join(root, `data-${name}`), geodata, { DATABASE_URL: databaseUrl });
      servers.push(server);
    }
    a = servers[0]?.url as string;
    b = servers[1]?.url as string;
  }, 60_000);

  afterAll(async () => {
    for (const server of servers) await stopServer(server);
  });

  it('says it runs on PostgreSQL, without the password', () => {
    expect(servers[0]?.output()).toMatch(/data: PostgreSQL postgres:\/\/postgres@127\.0\.0\.1:\d+\/atlas_/);
  });

  it('a login on one server is a session on the other; logout on the other ends it on both', async () => {
    const cookie = await httpLogin(a, 'plan', PASSWORD);
    const me = await fetch(`${b}/api/me`, { headers: { cookie } });
    expect(me.status).toBe(200);
    expect((await me.json()).user).toMatchObject({ username: 'plan', role: 'planner' });
    expect((await fetch(`${b}/api/logout`, { method: 'POST', headers: { cookie } })).status).toBe(204);
    expect((await fetch(`${a}/api/me`, { headers: { cookie } })).status).toBe(401);
  });

  it('read the layer, edit on one server, 409 for the stale edit on the other, inspection recorded', async () => {
    const planner = await httpLogin(a, 'plan', PASSWORD);
    const inspector = await httpLogin(b, 'field', PASSWORD);
    const layerA = await fetch(`${a}/api/layers/plots`, { headers: { cookie: planner } });
    expect(layerA.status).toBe(200);
    const collection = await layerA.json();
    expect(collection.features.map((feature: { id: string }) => feature.id)).toEqual([
      'HS-T-0001',
      'HS-T-0002',
      'HS-T-0003',
      'HS-T-0004',
      'HS-T-0005',
    ]);
    const etag = layerA.headers.get('etag') as string;
    const etagB = (await fetch(`${b}/api/layers/plots`, { headers: { cookie: planner } })).headers.get(
      'etag',
    );
    expect(etagB).toBe(etag);

    const patch = (base: string, far: number) =>
      fetch(`${base}/api/features/plots/HS-T-0002`, {
        method: 'PATCH',
        headers: { cookie: planner, 'content-type': 'application/json' },
        body: JSON.stringify({ version: 1, properties: { far } }),
      });
    const won = await patch(a, 0.8);
    expect(won.status).toBe(200);
    expect((await won.json()).properties).toMatchObject({ version: 2, far: 0.8 });
    const stale = await patch(b, 0.9);
    expect(stale.status).toBe(409);
    expect((await stale.json()).current.properties).toMatchObject({ version: 2, far: 0.8 });

    const again = await fetch(`${b}/api/layers/plots`, {
      headers: { cookie: planner, 'if-none-match': etag },
    });
    expect(again.status).toBe(200);
    expect(again.headers.get('etag')).not.toBe(etag);

    const inspection = await fetch(`${b}/api/inspections`, {
      method: 'POST',
      headers: { cookie: inspector, 'content-type': 'application/json' },
      body: JSON.stringify({
        plotId: 'HS-T-0002',
        date: '2026-11-30',
        findings: '已整改',
        status: 'rectifying',
        plotVersion: 2,
      }),
    });
    expect(inspection.status).toBe(201);
    expect((await inspection.json()).plot.properties).toMatchObject({ version: 3, status: 'rectifying' });
    const history = await fetch(`${a}/api/history?layer=plots&id=HS-T-0002`, {
      headers: { cookie: planner },
    });
    expect((await history.json()).entries.map((entry: { action: string }) => entry.action)).toEqual([
      'inspection',
      'conflict',
      'update',
    ]);
  });

  it('every feature has its PostGIS geometry (SRID 4490) and a bounding-box query finds them by the GiST index', async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query(
        `SELECT count(*)::int AS n, count(geometry)::int AS with_geometry,
           count(*) FILTER (WHERE ST_SRID(geometry) = 4490)::int AS cgcs2000
         FROM features WHERE layer = 'plots'`,
      );
      expect(rows[0]).toEqual({ n: 5, with_geometry: 5, cgcs2000: 5 });
      // fixture plots 1–5 lie at x 112.903…112.917, y 22.7…22.702.
      const box = "geometry && ST_MakeEnvelope(112.9, 22.69, 112.908, 22.71, 4490) AND layer = 'plots'";
      const found = await client.query(`SELECT id FROM features WHERE ${box} ORDER BY id`);
      expect(found.rows.map((row) => row.id)).toEqual(['HS-T-0001', 'HS-T-0002']);
      await client.query('SET enable_seqscan = off');
      const plan = await client.query(`EXPLAIN SELECT id FROM features WHERE ${box}`);
      expect(plan.rows.map((row) => row['QUERY PLAN']).join('\n')).toMatch(/features_geometry/);
    } finally {
      await client.end();
    }
  });
});
