import { describe, expect, test } from 'vitest';
import { safeRedirectPath } from '../app/lib/safe-redirect';

describe('safeRedirectPath', () => {
  test.each([
    ['/inbox', '/inbox'],
    ['/s?q=%E4%BF%A1&page=2', '/s?q=%E4%BF%A1&page=2'],
    ['/account#slack', '/account#slack'],
  ])('keeps the same-site path %s', (value, expected) => {
    expect(safeRedirectPath(value)).toBe(expected);
  });

  test.each([
    ['//evil.example/x'],
    ['/\\evil.example'],
    ['https://evil.example/'],
    ['javascript:alert(1)'],
    ['/\t/evil.example'],
    ['inbox'],
    [''],
    [undefined],
    [42],
    [`/${'a'.repeat(3000)}`],
  ])('falls back for %j', (value) => {
    expect(safeRedirectPath(value, '/home')).toBe('/home');
  });
});
