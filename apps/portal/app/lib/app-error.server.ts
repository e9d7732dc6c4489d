import { asAppError } from '@outpost/core';
import type { Locale } from '@outpost/i18n';
import { issueText, listedIssues, summarise, topField } from './field-issues';
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
 * language. Field issues core lists with a code (details.fields) become "<label>: <what
 * to do>" under each input and, together, the banner (field-issues.ts); otherwise its
 * messageKey is translated, and `details.field` puts it under the right input. `labels`
 * names the page's fields the shared catalogue does not know. Returns null for anything
 * that is not an expected domain error, so the caller rethrows it and the error
 * boundary shows a generic message.
 */
export function appErrorToForm(
  raw: unknown,
  locale: Locale,
  labels: Record<string, string> = {},
): { status: number; errors: FormErrors } | null {
  // What the database refused counts too (core's database-errors.ts): a field error, not a 500.
  const error = asAppError(raw);
  if (!error || error.status >= 500) return null;
  const worded = wordedIssues(locale, error.details, labels);
  if (worded) return { status: error.status, errors: worded };
  const message = translateError(
    locale,
    error.messageKey ?? `errors.${error.code}`,
    messageParams(error.details),
  );
  const field = typeof error.details?.field === 'string' ? error.details.field : undefined;
  return { status: error.status, errors: field ? { fields: { [field]: message } } : { form: message } };
}

/**
 * The listed field issues core sent with codes, each as "<label>: <what to do>" under its
 * input, all of them in the banner. Null when none can be worded (no code, no label): the
 * caller then falls back to its own messages.
 */
export function wordedIssues(
  locale: Locale,
  details: Record<string, unknown> | undefined,
  labels: Record<string, string> = {},
): FormErrors | null {
  const fields: Record<string, string> = {};
  for (const issue of listedIssues(details)) {
    const text = issueText(locale, issue, labels);
    if (!text) return null;
    const field = topField(issue.path);
    if (field && !fields[field]) fields[field] = text;
  }
  const messages = Object.values(fields);
  return messages.length ? { fields, form: summarise(locale, messages) } : null;
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
