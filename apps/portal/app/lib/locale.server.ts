import { LOCALE_COOKIE, readCookie, serializeCookie } from '@outpost/auth';
import { isLocale, type Locale, localeFromAcceptLanguage } from '@outpost/i18n';

/**
 * The language to answer in: an explicit choice on this browser (the cookie set by
 * the language switcher) wins, then the signed-in user's saved preference, then the
 * browser's Accept-Language (which falls back to zh-CN, the product's default).
 */
export function resolveLocale(request: Request, savedLocale?: string | null): Locale {
  const chosen = readCookie(request.headers.get('cookie'), LOCALE_COOKIE);
  if (isLocale(chosen)) return chosen;
  if (isLocale(savedLocale)) return savedLocale;
  return localeFromAcceptLanguage(request.headers.get('accept-language'));
}

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export function localeCookie(locale: Locale, requestUrl: string): string {
  return serializeCookie(LOCALE_COOKIE, locale, { requestUrl, maxAgeSeconds: ONE_YEAR_SECONDS });
}
