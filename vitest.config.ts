import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    // Two cores: files run in parallel, each with its own SQLite file and Redis key prefix.
    pool: 'forks',
    maxWorkers: 2,
  },
});
