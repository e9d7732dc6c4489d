import { type Locale, translate } from '@outpost/i18n';

/** Translates an error key; a key no catalogue knows becomes a generic "request refused", never the raw key. */
export function translateError(
  locale: Locale,
  key: string,
  params: Record<string, string | number> = {},
): string {
  const text = translate(locale, key, params);
  return text === key ? translate(locale, 'errors.refused') : text;
}
