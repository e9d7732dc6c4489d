import { formatDateTime, formatNumber, type Locale, type Translate } from '@outpost/i18n';

/** Payload fields the event schema defines (core performance/event-schema.ts), in reading order. */
const knownFields = [
  'caseId',
  'amount',
  'rating',
  'passed',
  'checkType',
  'cause',
  'category',
  'slaDueAt',
  'correctsExternalId',
  'reason',
] as const;
type KnownField = (typeof knownFields)[number];
const isKnown = (key: string): key is KnownField => (knownFields as readonly string[]).includes(key);

const isoInstant = /^\d{4}-\d\d-\d\dT\d\d:\d\d/;

const moneyFormats = new Map<string, Intl.NumberFormat>();
/** Yuan with thousands separators and two decimals: "¥30,605.26" in both languages. */
export function formatYuan(locale: Locale, amount: number): string {
  let format = moneyFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    moneyFormats.set(locale, format);
  }
  return `${amount < 0 ? '-' : ''}¥${format.format(Math.abs(amount))}`;
}

/** A length of time in minutes, in words ("2 小时 5 分钟", "3 days 4 hours"). */
export function formatMinutes(t: Translate, total: number): string {
  const minutes = Math.max(0, Math.round(total));
  if (minutes < 60) return t('performance.duration.minutes', { count: minutes });
  const hoursTotal = Math.floor(minutes / 60);
  if (hoursTotal < 24) {
    const rest = minutes % 60;
    return rest === 0
      ? t('performance.duration.hours', { hours: hoursTotal })
      : t('performance.duration.hoursMinutes', { hours: hoursTotal, minutes: rest });
  }
  const days = Math.floor(hoursTotal / 24);
  const hours = hoursTotal % 24;
  return hours === 0
    ? t('performance.duration.days', { days })
    : t('performance.duration.daysHours', { days, hours });
}

/** An unknown payload key for people: "slaDueAt" → "Sla due at", "check_type" → "Check type". */
export function humaniseKey(key: string): string {
  const words = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : key;
}

function formatValue(locale: Locale, t: Translate, key: string, value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'boolean') return t(value ? 'performance.event.yes' : 'performance.event.no');
  if (typeof value === 'number') {
    if (key === 'amount') return formatYuan(locale, value);
    if (key === 'rating') return t('event_field.rating_value', { rating: formatNumber(locale, value, 2) });
    return formatNumber(locale, value, 2);
  }
  if (typeof value === 'string') {
    // Instants are shown in Beijing time, in the reader's language.
    if (isoInstant.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(locale, value);
    return value;
  }
  return JSON.stringify(value);
}

export interface EventField {
  key: string;
  label: string;
  value: string;
}

/**
 * An event's payload as labelled, formatted fields: known fields with their names in the
 * reader's language (amounts in yuan, instants in Beijing time, yes/no), in a fixed order;
 * any other key after them under a humanised name.
 */
export function eventFields(locale: Locale, t: Translate, payload: unknown): EventField[] {
  if (!payload || typeof payload !== 'object') return [];
  const entries = Object.entries(payload as Record<string, unknown>);
  const rank = (key: string) => (isKnown(key) ? knownFields.indexOf(key) : knownFields.length);
  return entries
    .map(([key, value], i) => ({ key, value, i }))
    .sort((a, b) => rank(a.key) - rank(b.key) || a.i - b.i)
    .map(({ key, value }) => ({
      key,
      label: isKnown(key) ? t(`event_field.${key}`) : humaniseKey(key),
      value: formatValue(locale, t, key, value),
    }));
}
