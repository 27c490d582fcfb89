import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/**/*.test.ts'],
          exclude: ['tests/e2e/**'],
          environment: 'node',
          // A throwaway PostgreSQL cluster for the store tests, started by the first that needs it.
          globalSetup: ['tests/server/support/postgres-global.ts'],
          // Server tests hash real passwords (scrypt) and spawn the CLI: seconds on 2 busy cores.
          testTimeout: 30_000,
          // One file at a time (Vitest's default on 2 cores): three at once, measured with the machine
          // at load 15, had the servers the tests spawn (tsx) miss their 30-second start.
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
