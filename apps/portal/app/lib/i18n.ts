import { defaultLocale, isLocale, type Locale, type Translate, translator } from '@outpost/i18n';
import { useRouteError, useRouteLoaderData } from 'react-router';
import type { RootData } from './root-data';
import { isRouteErrorData } from './route-error';

/**
 * The request's language, as the root loader decided it. An error page may render
 * without root data (when middleware refused the request), so the error's own
 * payload is the fallback, then the product default.
 */
export function useLocale(): Locale {
  const root = useRouteLoaderData<RootData>('root');
  const error = useRouteError();
  if (root) return root.locale;
  const payload = (error as { data?: unknown } | undefined)?.data;
  if (isRouteErrorData(payload) && isLocale(payload.locale)) return payload.locale;
  return defaultLocale;
}

export function useT(): Translate {
  return translator(useLocale());
}
