import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end tests against the real server (see support/e2e-global-setup.ts).
 * One server for the whole run, files one after another: they share its database,
 * and one Chromium at a time is plenty for a CI machine.
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['support/e2e-global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 30_000,
  },
});
