import { describe, expect, it } from 'vitest';
import { addDays, dayInChina, formatNumber, numberFormat, todayInChina } from '../src/index.ts';

/** A deterministic pseudo-random sequence (the same cases on every run, so a failure repeats). */
function* randoms(seed: number, count: number) {
  let x = seed;
  for (let i = 0; i < count; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    yield x / 2147483648;
  }
}

describe('formatNumber', () => {
  const locales = ['zh-CN', 'en'] as const;

  it('writes exactly what Intl writes, for random values of every magnitude and sign', () => {
    for (const locale of locales) {
      for (const digits of [0, 1, 2]) {
        for (const r of randoms(digits + 7, 4000)) {
          const magnitude = 10 ** Math.floor(r * 15 - 3); // 0.001 … 10^11
          const value = (r * 1000 - 500) * magnitude * (r > 0.5 ? 1 : -1);
          expect([locale, digits, value, formatNumber(locale, value, digits)]).toEqual([
            locale,
            digits,
            value,
            numberFormat(locale, digits).format(value),
          ]);
        }
      }
    }
  });

  it('rounds halves as Intl does (the exact binary value, half away from zero)', () => {
    const halves = [
      0.5, 1.5, 2.5, -2.5, 0.05, 0.15, 0.25, 0.35, 1.005, 2.675, 1.45, 99.95, 999.95, 9999.5, -0.05,
    ];
    for (const locale of locales)
      for (const digits of [0, 1, 2])
        for (const value of halves)
          expect(formatNumber(locale, value, digits)).toBe(numberFormat(locale, digits).format(value));
  });

  it('groups thousands and drops trailing zeros', () => {
    expect(formatNumber('zh-CN', 1234567.891, 1)).toBe('1,234,567.9');
    expect(formatNumber('en', -1000, 2)).toBe('-1,000');
    expect(formatNumber('en', 100, 1)).toBe('100');
    expect(formatNumber('en', 0.5, 2)).toBe('0.5');
  });

  it('leaves what it does not handle to Intl: other languages, huge, non-finite and negative zero', () => {
    for (const value of [1e15, -3e20, Number.POSITIVE_INFINITY, Number.NaN, -0])
      expect(formatNumber('en', value, 1)).toBe(numberFormat('en', 1).format(value));
    expect(formatNumber('de', 1234.5, 1)).toBe(numberFormat('de', 1).format(1234.5));
  });
});

describe('the calendar day in China', () => {
  it('turns at midnight Shanghai time, which is 16:00 UTC', () => {
    expect(todayInChina(new Date('2026-12-01T15:59:59Z'))).toBe('2026-12-01');
    expect(todayInChina(new Date('2026-12-01T16:00:00Z'))).toBe('2026-12-02');
    expect(todayInChina(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(dayInChina(new Date('2028-02-28T16:30:00Z'))).toBe('2028-02-29');
  });

  it('adds days across months and leap years without a time zone', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(addDays('2026-11-30', 30)).toBe('2026-12-30');
  });
});
