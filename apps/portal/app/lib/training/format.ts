import type { Locale } from '@outpost/i18n';

/** A share 0–1 as a whole percentage in the reader's locale ("87%"); a dash when there is none. */
export function formatShare(locale: Locale, share: number | null): string {
  if (share === null) return '—';
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(share);
}

/** Minutes as hours with at most one decimal ("12.5"). */
export const formatHours = (locale: Locale, minutes: number) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(minutes / 60);
