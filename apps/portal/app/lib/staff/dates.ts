import type { Locale } from '@outpost/i18n';

/**
 * A calendar date stored as YYYY-MM-DD (issue, expiry, inspection dates), shown in the
 * reader's language. It has no time of day, so it is formatted in UTC and never shifts
 * by a day whatever the server's time zone.
 */
export function formatDay(locale: Locale, day: string | null | undefined): string | null {
  if (!day) return null;
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** Today as YYYY-MM-DD in China, the default for date fields. */
export function todayInChina(now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}
