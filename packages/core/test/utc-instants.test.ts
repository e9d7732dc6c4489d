import { describe, expect, it } from 'vitest';
import { seededRandom } from '../src/performance/sample-events.ts';
import { isAfter, toUtcIso, utcYearOf } from '../src/utc-instants.ts';

/**
 * The fast paths of utc-instants.ts must answer exactly as the Date round trips they replace.
 * Generated instants across years 1–9999, written in the shapes the ISO check accepts; if a
 * runtime upgrade changes how Date writes or reads them, this fails.
 */
const random = seededRandom(20261203);
const FIRST = Date.UTC(1, 0, 1);
const LAST = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** The same instant as the ISO text a partner system might send, with an offset of `minutes`. */
function written(millis: number, minutes: number, withMillis: boolean): string {
  if (minutes === 0 && withMillis) return new Date(millis).toISOString();
  const local = new Date(millis + minutes * 60_000);
  const date = `${pad(local.getUTCFullYear(), 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}`;
  const time = `${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}`;
  const fraction = withMillis ? `.${pad(local.getUTCMilliseconds(), 3)}` : '';
  const zone =
    minutes === 0
      ? 'Z'
      : `${minutes > 0 ? '+' : '-'}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
  return `${date}T${time}${fraction}${zone}`;
}

const samples = Array.from({ length: 5000 }, (_, i) => {
  // Whole seconds for the texts without a fraction, so they name the same instant.
  const withMillis = i % 3 !== 0;
  let millis = FIRST + Math.floor(random() * (LAST - FIRST));
  if (!withMillis) millis -= millis % 1000;
  const minutes = [0, 0, 480, -300, 330, -720, 840][i % 7]!;
  return { millis, text: written(millis, minutes, withMillis) };
}).filter(({ text }) => !text.startsWith('0000') && !text.startsWith('10000'));

describe('UTC instant fast paths', () => {
  it('write every instant as Date#toISOString does', () => {
    for (const { text } of samples) expect(toUtcIso(text)).toBe(new Date(text).toISOString());
  });

  it('read the UTC year as Date does, at year boundaries too', () => {
    const edges = ['2025-12-31T23:30:00-01:00', '2026-01-01T00:30:00+08:00', '9999-12-31T23:59:59.999Z'];
    for (const text of [...samples.map((s) => s.text), ...edges])
      expect(utcYearOf(text)).toBe(new Date(text).getUTCFullYear());
  });

  it('compare with a bound as Date.parse does, also one millisecond either side', () => {
    for (const { text, millis } of samples) {
      for (const bound of [millis - 1, millis, millis + 1, millis + 86_400_000]) {
        expect(isAfter(text, bound)).toBe(Date.parse(text) > bound);
      }
    }
  });
});
