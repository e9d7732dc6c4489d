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

/**
 * A number for people, with at most `maximumFractionDigits` decimals: what
 * `numberFormat(locale, digits).format(value)` gives, about ten times faster. Both languages we
 * ship write numbers alike ("12,345.6"). Like Intl, it rounds the number's shortest decimal form
 * (0.15 is "0.15", so it rounds up to 0.2), half away from zero. Values written in exponent form
 * and other languages go to Intl. A scorecard page formats some thirty numbers, and Intl costs
 * about a microsecond each. Checked against Intl for random and boundary values.
 */
export function formatNumber(locale: string, value: number, maximumFractionDigits: number): string {
  const shortest = String(Math.abs(value));
  if (!(locale === 'zh-CN' || locale === 'en') || shortest.includes('e') || !Number.isFinite(value)) {
    return numberFormat(locale, maximumFractionDigits).format(value);
  }
  const point = shortest.indexOf('.');
  let whole = point < 0 ? shortest : shortest.slice(0, point);
  let fraction = point < 0 ? '' : shortest.slice(point + 1);
  if (fraction.length > maximumFractionDigits) {
    const roundUp = fraction.charCodeAt(maximumFractionDigits) >= 53; /* '5' */
    fraction = fraction.slice(0, maximumFractionDigits);
    if (roundUp) [whole, fraction] = incremented(whole, fraction);
  }
  fraction = fraction.replace(/0+$/, '');
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  return `${sign}${grouped(whole)}${fraction ? `.${fraction}` : ''}`;
}

/** whole.fraction plus one unit in the last place of the fraction, as decimal strings. */
function incremented(whole: string, fraction: string): [string, string] {
  const digits = (whole + fraction).split('');
  let i = digits.length - 1;
  while (i >= 0 && digits[i] === '9') digits[i--] = '0';
  if (i >= 0) digits[i] = String(Number(digits[i]) + 1);
  else digits.unshift('1');
  const joined = digits.join('');
  const cut = joined.length - fraction.length;
  return [joined.slice(0, cut), joined.slice(cut)];
}

function grouped(whole: string): string {
  if (whole.length <= 3) return whole;
  let out = whole.slice(-3);
  let i = whole.length - 3;
  for (; i > 3; i -= 3) out = `${whole.slice(i - 3, i)},${out}`;
  return `${whole.slice(0, i)},${out}`;
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

/** A value that is exactly a calendar day, "2026-12-12" (not an instant, not a day inside other text). */
export function isCalendarDay(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/**
 * A message's parameters with every one that is exactly a calendar day in the reader's language
 * (zh: 2026年12月12日, en: Dec 12, 2026): what the portal inbox, Slack and e-mail show people. The
 * stored parameters stay ISO; anything else passes through unchanged.
 */
export function withDaysFormatted<P extends Record<string, string | number>>(locale: Locale, params: P): P {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, isCalendarDay(v) ? (formatDay(locale, v) ?? v) : v]),
  ) as P;
}

/** The insurer's zone: business days (due dates, expiry, "overdue") and scheduled jobs run on its calendar. */
export const BUSINESS_TIME_ZONE = 'Asia/Shanghai';

/**
 * The calendar day (YYYY-MM-DD) that an instant falls on in the insurer's zone. Built from the
 * formatter's parts, not from a locale that happens to print ISO dates. The one helper for
 * "today": a UTC date is a day behind for eight hours of every Shanghai morning.
 */
export function dayInChina(instant: Date): string {
  const parts = dateTimeFormat('en-US', {
    timeZone: BUSINESS_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year').padStart(4, '0')}-${part('month')}-${part('day')}`;
}

/** Today as YYYY-MM-DD in China, where due dates and "overdue" are business days. */
export function todayInChina(now = new Date()): string {
  return dayInChina(now);
}

/** A calendar day plus (or minus) whole days, as YYYY-MM-DD; no time zone is involved. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The same day `months` later (clamped to the month's end: 31 January + 1 month is 28 or 29 February). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.slice(0, 10).split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, lastDay));
  return target.toISOString().slice(0, 10);
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
  return `${formatNumber(locale, value, digits)} ${units[unit]}`;
}
