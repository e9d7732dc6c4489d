import { asAppError } from '@outpost/core';
import { type Locale, type MessageKey, translate } from '@outpost/i18n';
import { appErrorToForm } from '../app-error.server';
import type { FormErrors } from '../form-errors';

/** The translated message to show under each field when core finds it invalid ('' for a whole-form rule). */
export type FieldMessages = Record<string, MessageKey>;

export interface MappedError {
  status: number;
  errors: FormErrors;
  /** Core's details (e.g. the existing partner's id, the documents still pending). */
  details: Record<string, unknown>;
}

/**
 * Maps an expected domain error to form errors in the reader's language.
 *
 * Core's zod validation lists invalid fields with English messages meant for API
 * clients; the page shows its own translated sentence for each field instead
 * (`fieldMessages`), so a Chinese reader never gets English. Errors with a
 * messageKey (credit code problems, blacklist, stage rules…) go through the shared
 * mapping, which puts them under `details.field` when core names one.
 * Returns null for anything unexpected: the caller rethrows it.
 */
export function domainFormErrors(
  raw: unknown,
  locale: Locale,
  fieldMessages: FieldMessages = {},
): MappedError | null {
  const error = asAppError(raw); // what the database refused counts too (core's database-errors.ts)
  if (!error || error.status >= 500) return null;
  const details = error.details ?? {};
  const listed = Array.isArray(details.fields) ? (details.fields as { path?: unknown }[]) : [];
  if (listed.length > 0) {
    const fields: Record<string, string> = {};
    let form = translate(locale, 'errors.validation_failed');
    for (const item of listed) {
      const field = String(item.path ?? '').split('.')[0] ?? '';
      // A rule about the whole form (no path) replaces the generic sentence when the page names it.
      if (!field && fieldMessages['']) form = translate(locale, fieldMessages['']);
      if (!field || fields[field]) continue;
      const key =
        fieldMessages[field] ??
        (error.messageKey as MessageKey | undefined) ??
        'staff-portal.errors.invalidField';
      fields[field] = translate(locale, key);
    }
    return {
      status: error.status,
      errors: Object.keys(fields).length > 0 ? { fields, form } : { form },
      details,
    };
  }
  const mapped = appErrorToForm(error, locale);
  return mapped ? { ...mapped, details } : null;
}
