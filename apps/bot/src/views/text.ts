import { type Locale, type MessageKey, type Params, translate } from '@outpost/i18n';

/** A message in the person's language, or in both (Chinese first) when we do not know it. */
export function localized(locale: Locale | null, key: MessageKey, params?: Params): string {
  if (locale) return translate(locale, key, params);
  return `${translate('zh-CN', key, params)}\n${translate('en', key, params)}`;
}
