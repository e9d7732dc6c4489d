import { asAppError } from '@outpost/core';
import type { Locale } from '@outpost/i18n';
import type { FormErrors } from './form-errors';
import { routeError } from './route-error';
import { translateError } from './translate-error';

/** Only plain values can fill a message placeholder. */
function messageParams(details: Record<string, unknown> | undefined): Record<string, string | number> {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(details ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') params[key] = value;
  }
  return params;
}

/**
 * Maps a domain error (AppError from core/auth) to form errors in the person's
 * language: its messageKey is translated, and `details.field` puts it under the
 * right input. Returns null for anything that is not an expected domain error, so
 * the caller rethrows it and the error boundary shows a generic message.
 */
export function appErrorToForm(raw: unknown, locale: Locale): { status: number; errors: FormErrors } | null {
  // What the database refused counts too (core's database-errors.ts): a field error, not a 500.
  const error = asAppError(raw);
  if (!error || error.status >= 500) return null;
  const message = translateError(
    locale,
    error.messageKey ?? `errors.${error.code}`,
    messageParams(error.details),
  );
  const field = typeof error.details?.field === 'string' ? error.details.field : undefined;
  return { status: error.status, errors: field ? { fields: { [field]: message } } : { form: message } };
}

/** A text field from a submitted form ('' when missing or a file). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * Runs a domain call from a loader and turns the domain's expected failures (not
 * found, forbidden…) into an error response the error boundary can translate,
 * instead of a raw 500. Anything else is a real bug and propagates.
 */
export async function orRouteError<T>(locale: Locale, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (raw) {
    const error = asAppError(raw);
    if (error && error.status < 500) {
      throw routeError(locale, error.status, error.messageKey ?? `errors.${error.code}`);
    }
    throw raw;
  }
}
