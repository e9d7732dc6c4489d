import { isRouteErrorResponse } from 'react-router';
import { isRouteErrorData } from '../lib/route-error';
import { translateError } from '../lib/translate-error';
import { useLocale, useT } from '../lib/i18n';
import { AppLink } from './app-link';

/**
 * The one error page. Expected refusals (403, 404…) carry a translated message key;
 * anything else says "something went wrong" in the person's language. Details of
 * unexpected errors are shown only in development — never a stack in production.
 */
export function ErrorPage({ error }: { error: unknown }) {
  const t = useT();
  const locale = useLocale();
  let status = 500;
  let message = t('errors.unexpected');
  if (isRouteErrorResponse(error)) {
    status = error.status;
    if (isRouteErrorData(error.data))
      message = translateError(locale, error.data.messageKey, error.data.params);
    else if (status === 404) message = t('errors.not_found');
    else if (status === 403) message = t('errors.forbidden');
  }
  const devDetails = import.meta.env.DEV && error instanceof Error ? (error.stack ?? error.message) : null;
  return (
    <div className="page page--narrow error-page">
      <title>{`${t('common.error')} · ${t('app.name')}`}</title>
      <p className="error-page__status">{status}</p>
      <h1>
        {status === 404
          ? t('errors.notFoundTitle')
          : status === 403
            ? t('errors.forbiddenTitle')
            : t('common.error')}
      </h1>
      <p role="alert">{message}</p>
      <p>
        <AppLink to="/" className="button">
          {t('common.backHome')}
        </AppLink>
      </p>
      {devDetails ? <pre className="error-page__details">{devDetails}</pre> : null}
    </div>
  );
}
