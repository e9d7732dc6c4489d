import { asAppError } from '@outpost/core';
import { type Locale, translate } from '@outpost/i18n';
import { appErrorToForm } from '../app-error.server';
import type { FormErrors } from '../form-errors';
import { uploadRefusalMessage } from '../upload-refusal.server';

/**
 * A refused contract action in the reader's language. Core names what is missing in its details
 * (the mandatory clause kinds, the unfilled variables): those are listed after the message, so
 * the banner alone says what to fix. Null for anything unexpected (the caller rethrows).
 */
export function contractActionErrors(
  raw: unknown,
  locale: Locale,
  labels: Record<string, string> = {},
): { status: number; errors: FormErrors } | null {
  const error = asAppError(raw);
  const refusedUpload = uploadRefusalMessage(raw, locale);
  if (error && refusedUpload) return { status: error.status, errors: { fields: { file: refusedUpload } } };
  const mapped = appErrorToForm(raw, locale, labels);
  if (!mapped || !error) return mapped;
  const kinds = error.details?.kinds;
  const variables = error.details?.variables;
  const joiner = locale === 'zh-CN' ? '、' : ', ';
  let extra = '';
  if (Array.isArray(kinds)) {
    extra = kinds.map((k) => translate(locale, `contracts.kind.${String(k)}`)).join(joiner);
  } else if (Array.isArray(variables)) {
    extra = variables.map(String).join(joiner);
  }
  if (extra && mapped.errors.form) {
    mapped.errors.form = `${mapped.errors.form} ${translate(locale, 'contracts.error.listed', { items: extra })}`;
  }
  // Whatever is wrong with the uploaded file (not a PDF, too large, empty) is said under the file field.
  const aboutFile =
    error.messageKey?.startsWith('errors.file_') ||
    error.messageKey === 'errors.contracts.signed_not_pdf' ||
    error.code === 'payload_too_large' ||
    error.code === 'unsupported_media_type';
  if (aboutFile) {
    const message = mapped.errors.form ?? mapped.errors.fields?.file ?? '';
    return { status: mapped.status, errors: { fields: { file: message }, form: message } };
  }
  return mapped;
}
