import type { Locale } from '@outpost/i18n';

/** The requirement's name in the reader's language. */
export function requirementName(locale: Locale, requirement: { nameZh: string; nameEn: string }): string {
  return locale === 'en' ? requirement.nameEn : requirement.nameZh;
}
