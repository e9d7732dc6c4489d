import { defaultLocale, isLocale, type Locale, type Translate, translator } from '@outpost/i18n';
import { createContext, useContext } from 'react';
import { useRouteError, useRouteLoaderData } from 'react-router';
import type { RootData } from './root-data';
import { isRouteErrorData } from './route-error';

/**
 * The request's language, decided once per page by the root layout (useRequestLocale) and
 * handed down: components read it from this context instead of each asking the router
 * for the root's loader data and the route error (two router hooks per component).
 */
export const LocaleContext = createContext<Locale>(defaultLocale);

/**
 * The language as the root loader decided it. An error page may render without root data
 * (when middleware refused the request), so the error's own payload is the fallback, then
 * the product default. For the root layout; everything below it uses useLocale.
 */
export function useRequestLocale(): Locale {
  const root = useRouteLoaderData<RootData>('root');
  const error = useRouteError();
  if (root) return root.locale;
  const payload = (error as { data?: unknown } | undefined)?.data;
  if (isRouteErrorData(payload) && isLocale(payload.locale)) return payload.locale;
  return defaultLocale;
}

export function useLocale(): Locale {
  return useContext(LocaleContext);
}

export function useT(): Translate {
  return translator(useContext(LocaleContext));
}
