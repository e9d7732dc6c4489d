import { formatNumber, type Locale } from '@outpost/i18n';

// Built once per locale: an Intl formatter costs tens of microseconds to build, and the training
// dashboard formats some fifty shares a view (see packages/i18n/src/format.ts).
const percentFormats = new Map<string, Intl.NumberFormat>();

/** A share 0–1 as a whole percentage in the reader's locale ("87%"); a dash when there is none. */
export function formatShare(locale: Locale, share: number | null): string {
  if (share === null) return '—';
  let format = percentFormats.get(locale);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 });
    percentFormats.set(locale, format);
  }
  return format.format(share);
}

/** Minutes as hours with at most one decimal ("12.5"). */
export const formatHours = (locale: Locale, minutes: number) => formatNumber(locale, minutes / 60, 1);
