import { defineConfig } from 'vitest/config';

// Deliberately not vite.config.ts: the React Router plugin must stay out of unit tests.
// Each file clones a migrated database in beforeAll: seconds on a busy 2-core machine.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], testTimeout: 30_000, hookTimeout: 60_000 },
});
