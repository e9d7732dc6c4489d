import { defineConfig } from 'vitest/config';

/**
 * Two projects:
 * - e2e: browser end-to-end tests against the real server (see support/e2e-global-setup.ts).
 *   One server for the whole run, files one after another: they share its database, and
 *   one Chromium at a time is plenty for a CI machine.
 * - matrix: the authorisation matrix, every route × every role, in process (matrix/).
 * - fuzz: generated malformed requests against the whole server in process (fuzz/README.md).
 * - hostility: bombs, polyglots and hostile file names against the real server (a child
 *   process on its own database); needs the portal build, like e2e.
 */
export default defineConfig({
  test: {
    teardownTimeout: 30_000,
    projects: [
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.test.ts'],
          globalSetup: ['support/e2e-global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'matrix',
          include: ['matrix/**/*.test.ts'],
          setupFiles: ['@outpost/db/testing/console-guard'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'fuzz',
          include: ['fuzz/**/*.test.ts'],
          setupFiles: ['@outpost/db/testing/console-guard'],
          testTimeout: 300_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'hostility',
          include: ['hostility/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
