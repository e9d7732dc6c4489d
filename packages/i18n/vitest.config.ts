import { defineConfig } from 'vitest/config';

// The number-formatting check compares tens of thousands of values with Intl: allow a busy machine.
export default defineConfig({ test: { include: ['test/**/*.test.ts'], testTimeout: 30_000 } });
