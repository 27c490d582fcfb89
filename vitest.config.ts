import { defineConfig } from 'vitest/config';

// Two workers (the machine's two cores), measured on it with nothing else running:
// - unit + app: 8.0 min with one worker and a fresh module graph per file, 5.1 min with two workers
//   and the server, geo and CLI files sharing their workers' modules (the import of Fastify, ExcelJS
//   and Turf was 159 of the 382 seconds of the files);
// - e2e stays one file at a time: two at once took 20.4 min against 21.9 (software WebGL keeps both
//   cores busy either way), and made a lazily loaded tool come later than one test waited for: 7 %
//   is not worth tests that pass or fail by the load of the machine.
const WORKERS = 2;
const UNIT = {
  environment: 'node' as const,
  // Server tests hash real passwords (scrypt) and spawn the CLI: seconds on 2 busy cores.
  testTimeout: 30_000,
};

export default defineConfig({
  test: {
    maxWorkers: WORKERS,
    projects: [
      {
        test: {
          ...UNIT,
          name: 'unit',
          // A throwaway PostgreSQL cluster for the store tests, started by the first that needs it.
          globalSetup: ['tests/server/support/postgres-global.ts'],
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**', 'tests/app/**'],
          // These files keep no state in modules they share (each opens its own store, server and
          // folder), so a worker keeps its modules from one file to the next.
          isolate: false,
        },
      },
      {
        test: {
          ...UNIT,
          // The browser app's modules hold the one store (useAtlas) and the outbox: a fresh graph per file.
          name: 'app',
          include: ['tests/app/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
