import type { Locale } from '@outpost/i18n';
import { data } from 'react-router';

/**
 * The payload of every error response the portal throws on purpose. The error
 * boundary translates `messageKey`; `locale` is included because the root loader
 * (which normally supplies it) may not have run when middleware refused a request.
 */
export interface RouteErrorData {
  locale: Locale;
  messageKey: string;
  params?: Record<string, string | number>;
}

export function routeError(
  locale: Locale,
  status: number,
  messageKey: string,
  params?: Record<string, string | number>,
) {
  const payload: RouteErrorData = { locale, messageKey, ...(params ? { params } : {}) };
  return data(payload, { status });
}

export function isRouteErrorData(value: unknown): value is RouteErrorData {
  return (
    typeof value === 'object' && value !== null && typeof (value as RouteErrorData).messageKey === 'string'
  );
}
