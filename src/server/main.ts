// `npm start`: serve the built app and the API on http://localhost:8080. Environment: PORT (8080),
// HOST (0.0.0.0, so a tablet on the office network can reach it), DATA_DIR (./data), GEODATA_DIR
// (./geodata, seeded on first start), ATLAS_API_ONLY=1 (no dist/, for tests), TRUST_PROXY=1.
import type { AddressInfo } from 'node:net';
import { buildServer } from './app.ts';
import { dataDirFromEnv } from './config.ts';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? '0.0.0.0';

if (!Number.isInteger(port) || port < 0 || port > 65_535) {
  console.error(`PORT must be a whole number from 0 to 65535, not "${process.env.PORT}".`);
  process.exit(2);
}

try {
  const dataDir = dataDirFromEnv();
  const server = await buildServer({
    logger: false,
    dataDir,
    ...(process.env.ATLAS_API_ONLY === '1' ? { distDir: null } : {}),
    ...(process.env.GEODATA_DIR ? { geodataDir: process.env.GEODATA_DIR } : {}),
    trustProxy: process.env.TRUST_PROXY === '1',
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
  const actualPort = (server.server.address() as AddressInfo).port;
  console.log(`Land Atlas 土地一张图: http://localhost:${actualPort}/  (data: ${dataDir})`);
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
