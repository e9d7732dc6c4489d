import { afterEach, beforeEach, expect, vi } from 'vitest';

/**
 * Vitest setup file: an unexpected console.error fails the test that caused it.
 * A test that expects one says so with `expectConsoleError(/pattern/)`.
 */
let expected: RegExp[] = [];
let unexpected: string[] = [];
const original = console.error;

export function expectConsoleError(pattern: RegExp) {
  expected.push(pattern);
}

beforeEach(() => {
  expected = [];
  unexpected = [];
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const text = args.map((a) => (a instanceof Error ? (a.stack ?? a.message) : String(a))).join(' ');
    if (!expected.some((p) => p.test(text))) {
      unexpected.push(text);
      original(...args);
    }
  });
});

afterEach(() => {
  vi.mocked(console.error).mockRestore();
  expect(unexpected, 'unexpected console.error during the test').toEqual([]);
});
