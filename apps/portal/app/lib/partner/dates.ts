import type { Locale } from '@outpost/i18n';

/**
 * A calendar date stored as 'YYYY-MM-DD' (issue, expiry, inspection dates) in the
 * reader's language. Such dates have no time zone, so they are formatted as UTC to
 * never shift by a day. Call it in loaders: server and browser ICU data can differ.
 */
export function formatDay(locale: Locale, isoDate: string | null | undefined): string | null {
  if (!isoDate) return null;
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** Days from today (in China) until a 'YYYY-MM-DD' date; negative once it has passed. */
export function daysUntil(isoDate: string, now = new Date()): number {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
  return Math.round(
    (Date.parse(`${isoDate.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000,
  );
}
