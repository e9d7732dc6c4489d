import { asAppError } from '@outpost/core';
import type { Locale } from '@outpost/i18n';
import { translate } from '@outpost/i18n';
import { issueText, listedIssues, summarise } from '../field-issues';
import type { FormErrors } from '../form-errors';
import { translateError } from '../translate-error';

type FieldMessages = Record<string, string>;

/**
 * Maps a domain error to form errors in the reader's language. Core's validation
 * errors list `details.fields` with English messages for API clients; a page
 * passes `fieldMessages` (field path → translated text) for the fields it shows,
 * and any other field falls back to the error's own translated message.
 * Returns null for anything unexpected, which the caller rethrows.
 */
export function domainErrorToForm(
  raw: unknown,
  locale: Locale,
  fieldMessages: FieldMessages = {},
): { status: number; errors: FormErrors } | null {
  const error = asAppError(raw); // what the database refused counts too (core's database-errors.ts)
  if (!error || error.status >= 500) return null;
  const params = Object.fromEntries(
    Object.entries(error.details ?? {}).filter(
      (entry): entry is [string, string | number] =>
        typeof entry[1] === 'string' || typeof entry[1] === 'number',
    ),
  );
  const message = translateError(locale, error.messageKey ?? `errors.${error.code}`, params);
  const issues = listedIssues(error.details);
  const listed = issues.length
    ? issues
    : typeof error.details?.field === 'string'
      ? [{ path: error.details.field }]
      : [];
  if (listed.length === 0) return { status: error.status, errors: { form: message } };
  const fields: FieldMessages = {};
  for (const issue of listed) {
    // A messageKey names the one problem precisely; otherwise the page's wording for that
    // field, else "<label>: <what to do>" from core's code (field-issues.ts).
    fields[issue.path] = error.messageKey
      ? message
      : (fieldMessages[issue.path] ?? issueText(locale, issue) ?? message);
  }
  const worded =
    Boolean(error.messageKey) || listed.every((i) => i.path in fieldMessages || issueText(locale, i));
  const shown = Object.keys(fields).some((path) => path in fieldMessages);
  return {
    status: error.status,
    // A field the form does not show still needs saying somewhere: the banner then names it.
    errors: shown
      ? { fields }
      : {
          fields,
          form: worded
            ? summarise(locale, Object.values(fields))
            : (Object.values(fields)[0] ?? translate(locale, 'errors.refused')),
        },
  };
}
