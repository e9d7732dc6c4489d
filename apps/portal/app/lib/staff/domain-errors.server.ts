import { asAppError } from '@outpost/core';
import { type Locale, type MessageKey, translate } from '@outpost/i18n';
import { appErrorToForm } from '../app-error.server';
import { issueText, listedIssues, summarise, topField } from '../field-issues';
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
  const listed = listedIssues(details);
  if (listed.length > 0) {
    const fields: Record<string, string> = {};
    for (const issue of listed) {
      const field = topField(issue.path);
      if (!field || fields[field]) continue;
      // The page's own sentence for the field, else "<label>: <what to do>" from core's
      // code (field-issues.ts), else the error's message.
      const own = fieldMessages[field];
      fields[field] = own
        ? translate(locale, own)
        : (issueText(locale, issue) ??
          translate(
            locale,
            (error.messageKey as MessageKey | undefined) ?? 'staff-portal.errors.invalidField',
          ));
    }
    // A rule about the whole form (no path) names itself. When every refused field is one the
    // page words (and shows) itself, the banner only points to them; otherwise it says what
    // to fix, as the form may not show that field (a rectification item's evidence).
    const whole = listed.some((issue) => !topField(issue.path)) && fieldMessages[''];
    const allShown = Object.keys(fields).every((field) => fieldMessages[field]);
    const form = whole
      ? translate(locale, fieldMessages[''] as MessageKey)
      : Object.keys(fields).length > 0 && !allShown
        ? summarise(locale, Object.values(fields))
        : translate(locale, 'errors.validation_failed');
    return {
      status: error.status,
      errors: Object.keys(fields).length > 0 ? { fields, form } : { form },
      details,
    };
  }
  const mapped = appErrorToForm(error, locale);
  return mapped ? { ...mapped, details } : null;
}
