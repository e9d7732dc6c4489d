import type { Locale } from './index.ts';

/**
 * Number and date formatting for people, in their language. Intl formatters are costly to
 * build (tens of microseconds, more than a whole table row's rendering) and immutable once
 * built, so each distinct one is built once per process and reused.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function numberFormat(locale: string, maximumFractionDigits: number): Intl.NumberFormat {
  const key = `${locale}|${maximumFractionDigits}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits });
    numberFormats.set(key, format);
  }
  return format;
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** Formats a date-time for a person in their language, in China Standard Time by default. */
export function formatDateTime(locale: Locale, value: Date | string, timeZone = 'Asia/Shanghai'): string {
  return dateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(
    new Date(value),
  );
}

/**
 * A calendar date stored as YYYY-MM-DD (issue, expiry, inspection dates) in the reader's
 * language. It has no time of day, so it is formatted in UTC and never shifts by a day
 * whatever the server's time zone.
 */
export function formatDay(locale: Locale, day: string | null | undefined): string | null {
  if (!day) return null;
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return dateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

/** Today as YYYY-MM-DD in China, where due dates and "overdue" are business days. */
export function todayInChina(now = new Date()): string {
  return dateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

/** A byte count for people: "25 MB", "480 KB" (binary units, as the upload limit is configured). */
export function formatBytes(locale: Locale, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = value >= 10 || unit === 0 ? 0 : 1;
  return `${numberFormat(locale, digits).format(value)} ${units[unit]}`;
}
