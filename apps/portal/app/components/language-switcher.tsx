import { supportedLocales, translate } from '@outpost/i18n';
import { Form, useLocation } from 'react-router';
import { useLocale, useT } from '../lib/i18n';

/**
 * One button per language, each labelled in its own language (a person who cannot
 * read the current one can still find theirs). A plain POST form: works before
 * JavaScript loads, and /lang sends the person back to this page.
 */
export function LanguageSwitcher() {
  const t = useT();
  const current = useLocale();
  const location = useLocation();
  return (
    <Form method="post" action="/lang" className="lang-switch" aria-label={t('lang.switch')}>
      <input type="hidden" name="redirectTo" value={`${location.pathname}${location.search}`} />
      {supportedLocales.map((locale) => (
        <button
          key={locale}
          type="submit"
          name="locale"
          value={locale}
          lang={locale}
          aria-pressed={locale === current}
          className="lang-switch__option"
        >
          {translate(locale, `lang.${locale}`)}
        </button>
      ))}
    </Form>
  );
}
