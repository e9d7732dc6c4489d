import { BUSINESS_TIME_ZONE, dateTimeFormat } from '@outpost/i18n';

/**
 * The one CSV writer for downloads people open in Excel (decision record 025): UTF-8
 * with a byte-order mark (or Excel on a Chinese Windows reads the text as GBK and
 * shows mojibake), CRLF line ends, every cell quoted when needed and defused against
 * spreadsheet formulas. Headers come translated from the caller (the reader's language).
 */
export function csvDocument(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(','));
  return `${CSV_BOM}${lines.join('\r\n')}\r\n`;
}

export const CSV_BOM = '\uFEFF';

/** Quotes a CSV cell and defuses spreadsheet formulas (=, +, -, @ at the start). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * An instant as Beijing time with its offset, "2026-03-05 09:30:00 +08:00": what the
 * portal shows (China Standard Time), unambiguous for a reader elsewhere, and a value
 * Excel sorts as text in the right order. Empty for no instant.
 */
export function csvBeijingTime(instant: Date | null | undefined): string {
  if (!instant) return '';
  const parts = dateTimeFormat('en-US', {
    timeZone: BUSINESS_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')} ${part('hour')}:${part('minute')}:${part('second')} +08:00`;
}
