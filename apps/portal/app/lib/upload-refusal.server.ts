import { asAppError } from '@outpost/core';
import type { Locale } from '@outpost/i18n';
import { translateError } from './translate-error';

/** Core's judgement of an uploaded file: each names one problem precisely (decision record 015). */
const uploadRefusalKeys = new Set([
  'errors.file_malformed',
  'errors.file_trailing_data',
  'errors.file_archive_unsafe',
  'errors.file_inflates_too_large',
  'errors.file_name_invalid',
  'errors.import_too_many_rows',
]);

/**
 * The translated sentence for a refused upload (a bomb, a polyglot, a program inside a
 * document, a bad name), or null for any other error. Pages show it under the file field
 * instead of their generic "could not read the file", so the person learns what to fix.
 */
export function uploadRefusalMessage(raw: unknown, locale: Locale): string | null {
  const error = asAppError(raw);
  if (!error?.messageKey || !uploadRefusalKeys.has(error.messageKey)) return null;
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(error.details ?? {})) {
    if (typeof value === 'string' || typeof value === 'number') params[key] = value;
  }
  return translateError(locale, error.messageKey, params);
}
