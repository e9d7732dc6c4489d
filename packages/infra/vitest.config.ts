import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['@outpost/db/testing/console-guard'],
    testTimeout: 30_000,
  },
});
