import { LOCALE_COOKIE, readCookie, serializeCookie } from '@outpost/auth';
import { type Locale, negotiateLocale } from '@outpost/i18n';

/**
 * The language a page is shown in (decision record 025): the choice made on this
 * browser with the visible language switch (its cookie) wins, then the browser's
 * Accept-Language, then zh-CN. Nothing else: the signed-in person's saved preference
 * (users.locale) is only for what reaches them outside the browser (Slack, e-mail),
 * so signing in never changes the language of the page in front of them.
 */
export function resolveLocale(request: Request): Locale {
  return negotiateLocale(
    readCookie(request.headers.get('cookie'), LOCALE_COOKIE),
    request.headers.get('accept-language'),
  );
}

const ONE_YEAR_SECONDS = 365 * 24 * 3600;

export function localeCookie(locale: Locale, requestUrl: string): string {
  return serializeCookie(LOCALE_COOKIE, locale, { requestUrl, maxAgeSeconds: ONE_YEAR_SECONDS });
}
