import type { Locale } from '@outpost/i18n';

/** A file size people can read: "812 KB", "3.4 MB". */
export function formatBytes(locale: Locale, bytes: number): string {
  const units = ['B', 'KB', 'MB', 'GB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${units[unit]}`;
}

/** The requirement's name in the reader's language. */
export function requirementName(locale: Locale, requirement: { nameZh: string; nameEn: string }): string {
  return locale === 'en' ? requirement.nameEn : requirement.nameZh;
}
