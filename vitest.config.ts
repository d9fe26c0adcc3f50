import { defineConfig } from 'vitest/config';

/**
 * Two projects: `integration` (supertest against real routes, templates and a
 * throwaway database; TEST_DB=postgresql runs it on PostgreSQL) and `e2e`
 * (Chromium through playwright-core against the real server).
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'integration',
          include: ['tests/**/*.test.ts'],
          // *.pg.test.ts need PostgreSQL (several app processes on one database):
          // collected only on the PostgreSQL run (TEST_DB=postgresql, see scripts/test-all.sh).
          exclude: ['tests/e2e/**', ...(process.env.TEST_DB === 'postgresql' ? [] : ['tests/**/*.pg.test.ts'])],
          globalSetup: ['tests/helpers/global-setup.ts'],
          pool: 'forks',
          // Each file builds its own app on its own database, so files can share
          // loaded modules; this saves re-importing the app for every file.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/e2e/helpers/global-setup.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
