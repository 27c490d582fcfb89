// The app's real server for bench/browser.ts, in a process of its own (so that its work and memory are
// not the benchmark's, and its environment — ATLAS_TILE_THRESHOLD — is its own): serves BENCH_DIST_DIR
// (a test build) and the data of BENCH_DATA_DIR, seeded beforehand, on 127.0.0.1 and a free port.
// Prints one line `{"port":N}` once it listens; stops on SIGTERM or when its parent's pipe closes.
import type { AddressInfo } from 'node:net';
import { buildServer } from '../../src/server/app.ts';
import { tileThresholdFromEnv } from '../../src/server/config.ts';

const dataDir = process.env.BENCH_DATA_DIR;
const distDir = process.env.BENCH_DIST_DIR;
if (!dataDir || !distDir) {
  console.error('BENCH_DATA_DIR and BENCH_DIST_DIR must be set');
  process.exit(2);
}
const server = await buildServer({
  logger: false,
  dataDir,
  distDir,
  geodataDir: null,
  tileThreshold: tileThresholdFromEnv(),
});
await server.listen({ port: 0, host: '127.0.0.1' });
console.log(JSON.stringify({ port: (server.server.address() as AddressInfo).port }));
let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close().finally(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
