import { type Locale, type MessageKey, type Params, translate, withDaysFormatted } from '@outpost/i18n';

/**
 * A message in the person's language, or in both (Chinese first) when we do not know it; a
 * parameter that is a calendar day reads as one in that language.
 */
export function localized(locale: Locale | null, key: MessageKey, params: Params = {}): string {
  const say = (l: Locale) => translate(l, key, withDaysFormatted(l, params));
  if (locale) return say(locale);
  return `${say('zh-CN')}\n${say('en')}`;
}
