// Load test: 20 inspectors recording inspections at once against a real server process on 127.0.0.1.
// `npx tsx tests/server/load.ts` (LOAD_SECONDS=10, LOAD_INSPECTORS=20). Reports acknowledged writes a
// second and latency percentiles, then checks that the database holds exactly the acknowledged writes
// (plus, at most, the last in-flight ones). Goal of issue #4: ≥ 500 writes/s, p99 < 50 ms.
import { join } from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { fixtureGeodata, PASSWORD, tempRoot } from './helpers.ts';
import { addUser, httpLogin, spawnServer, stopServer } from './process.ts';

const seconds = Number(process.env.LOAD_SECONDS ?? 10);
const inspectors = Number(process.env.LOAD_INSPECTORS ?? 20);
const plots = 200;

const root = tempRoot();
const dataDir = join(root, 'data');
const geodata = fixtureGeodata(root, plots);
for (let i = 0; i < inspectors; i++) await addUser(dataDir, `inspector${i}`, 'inspector', PASSWORD);
const server = await spawnServer(dataDir, geodata);
const cookies: string[] = [];
for (let i = 0; i < inspectors; i++) cookies.push(await httpLogin(server.url, `inspector${i}`, PASSWORD));

const STATUSES = ['inspected', 'rectifying', 'completed', 'identified'];
function run(duration: number): Promise<autocannon.Result> {
  let connection = 0;
  let sequence = 0;
  return autocannon({
    url: `${server.url}/api/inspections`,
    connections: inspectors,
    pipelining: 1,
    duration,
    requests: [
      {
        method: 'POST',
        setupRequest: (request, context) => {
          const state = context as { cookie?: string };
          state.cookie ??= cookies[connection++ % cookies.length];
          sequence++;
          const plotId = `HS-T-${String(1 + (sequence % plots)).padStart(4, '0')}`;
          return {
            ...request,
            headers: { 'content-type': 'application/json', cookie: state.cookie as string },
            body: JSON.stringify({
              plotId,
              date: '2026-08-01',
              findings: `现场核查 #${sequence}：厂房部分闲置`,
              status: STATUSES[sequence % STATUSES.length],
              notes: 'load test',
            }),
          };
        },
      },
    ],
  });
}

await run(2); // warm-up: JIT, page cache, WAL
const db = new Database(join(dataDir, 'atlas.sqlite'), { readonly: true });
const before = (db.prepare('SELECT count(*) AS n FROM inspections').get() as { n: number }).n;
const result = await run(seconds);
await stopServer(server, 'SIGTERM');
const after = (db.prepare('SELECT count(*) AS n FROM inspections').get() as { n: number }).n;
db.close();

const acknowledged = result['2xx'];
const perSecond = acknowledged / result.duration;
const stored = after - before;
console.log(
  `Land Atlas load test: ${inspectors} inspectors, ${result.duration.toFixed(1)} s, POST /api/inspections`,
);
console.log(`  acknowledged (201): ${acknowledged}  → ${perSecond.toFixed(0)} writes/s`);
console.log(`  non-2xx: ${result.non2xx}, errors: ${result.errors}, timeouts: ${result.timeouts}`);
console.log(
  `  latency ms: p50 ${result.latency.p50}, p90 ${result.latency.p90}, p99 ${result.latency.p99}, max ${result.latency.max}`,
);
console.log(`  inspections stored during the run: ${stored} (acknowledged ${acknowledged})`);
const goal = perSecond >= 500 && result.latency.p99 < 50;
console.log(`  goal ≥ 500 writes/s and p99 < 50 ms: ${goal ? 'met' : 'NOT met'}`);
if (stored < acknowledged || result.non2xx > 0) {
  console.error('  FAILED: an acknowledged write is missing or a write was refused');
  process.exit(1);
}
