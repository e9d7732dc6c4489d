import { defineConfig } from 'vitest/config';

// Deliberately not vite.config.ts: the React Router plugin must stay out of unit tests.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 30_000 } });
