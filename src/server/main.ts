// `npm start`: serve the built app and the API on http://localhost:8080. Environment: PORT (8080),
// HOST (127.0.0.1: this machine only; put an HTTPS reverse proxy in front for the office network, or set
// HOST=0.0.0.0 knowingly), DATA_DIR (./data), GEODATA_DIR (./geodata, seeded on first start),
// DATABASE_URL (postgres://…: PostgreSQL + PostGIS instead of the SQLite file under DATA_DIR; photos
// stay under DATA_DIR), ATLAS_API_ONLY=1 (no dist/, for tests), TRUST_PROXY=1 (behind a reverse proxy: client addresses and
// https from X-Forwarded-*), COOKIE_SECURE=1 (session cookies only over HTTPS, whatever the proxy says),
// ATLAS_TILE_THRESHOLD (20000: larger plots/projects/newland layers reach the browser as vector tiles).
import type { AddressInfo } from 'node:net';
import { buildServer } from './app.ts';
import {
  databaseUrlFromEnv,
  dataDirFromEnv,
  safeDatabaseUrl,
  tiandituKeyFromEnv,
  tileThresholdFromEnv,
} from './config.ts';
import { PostgresStore } from './store/postgres.ts';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST && process.env.HOST.trim() !== '' ? process.env.HOST.trim() : '127.0.0.1';

if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a whole number from 0 to 65535, not "${process.env.PORT}".`);
  process.exit(2);
}

try {
  const dataDir = dataDirFromEnv();
  const databaseUrl = databaseUrlFromEnv();
  const server = await buildServer({
    logger: false,
    dataDir,
    ...(databaseUrl ? { store: await PostgresStore.open(databaseUrl) } : {}),
    ...(process.env.ATLAS_API_ONLY === '1' ? { distDir: null } : {}),
    ...(process.env.GEODATA_DIR ? { geodataDir: process.env.GEODATA_DIR } : {}),
    trustProxy: process.env.TRUST_PROXY === '1',
    secureCookies: process.env.COOKIE_SECURE === '1',
    tiandituKey: tiandituKeyFromEnv(),
    tileThreshold: tileThresholdFromEnv(),
  });
  for (const outcome of server.atlas.seeding) {
    if (outcome.seeded !== null)
      console.log(`Seeded ${outcome.layer}: ${outcome.seeded} features from ${outcome.file}`);
    else {
      console.error(`Not seeded ${outcome.layer} (errors in ${outcome.file}; fix it and restart):`);
      for (const line of outcome.errors.slice(0, 20)) console.error(`  ${line}`);
    }
  }
  await server.listen({ port, host });
  const { port: actualPort, address } = server.server.address() as AddressInfo;
  const data = databaseUrl ? `PostgreSQL ${safeDatabaseUrl(databaseUrl)}, photos: ${dataDir}` : dataDir;
  console.log(`Land Atlas 土地一张图: http://localhost:${actualPort}/  (data: ${data})`);
  console.log(`监听地址 / listening on ${address}:${actualPort} (HOST)`);
  const token = server.atlas.setupToken;
  if (token) {
    console.log('');
    console.log('No users yet. Create the first administrator with this one-time link:');
    console.log('尚无用户。请用此一次性链接创建第一位管理员：');
    console.log(`  http://localhost:${actualPort}/setup?token=${token}`);
    console.log('');
  }
  const stop = () => {
    server.close().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`Land Atlas could not start: ${message}`);
  process.exit(1);
}
