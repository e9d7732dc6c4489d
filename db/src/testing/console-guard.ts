import { tapLogs } from '@outpost/log';
import { afterEach, beforeEach, expect, vi } from 'vitest';

/**
 * Vitest setup file: an unexpected console.error — or log line of level error or above
 * (@outpost/log) — fails the test that caused it. A test that expects one says so with
 * `expectConsoleError(/pattern/)`.
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

let untap: (() => void) | undefined;
beforeEach(() => {
  untap = tapLogs((line) => {
    if (typeof line.level !== 'string' || !['error', 'fatal'].includes(line.level)) return;
    const { msg, ...rest } = line;
    const text = `${String(msg ?? '')} ${JSON.stringify(rest)}`;
    if (!expected.some((p) => p.test(text))) unexpected.push(text);
  });
});

afterEach(() => {
  untap?.();
  vi.mocked(console.error).mockRestore();
  expect(unexpected, 'unexpected console.error during the test').toEqual([]);
});
