import { describe, expect, test } from 'vitest';
import { csvBeijingTime, csvCell, csvDocument } from '../src/index.ts';

describe('the shared CSV writer', () => {
  test('a BOM first, CRLF lines, quoted and formula-defused cells', () => {
    const text = csvDocument(['名称', 'Note'], [['=1+1', 'a, "b"']]);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.slice(1)).toBe(`名称,Note\r\n'=1+1,"a, ""b"""\r\n`);
    expect(csvCell('@x')).toBe("'@x");
  });

  test('instants in Beijing time with their offset, a day later than UTC after 16:00 UTC', () => {
    expect(csvBeijingTime(new Date('2026-03-05T17:30:05Z'))).toBe('2026-03-06 01:30:05 +08:00');
    expect(csvBeijingTime(new Date('2026-03-05T00:00:00Z'))).toBe('2026-03-05 08:00:00 +08:00');
    expect(csvBeijingTime(null)).toBe('');
  });
});
