import type { MessageKey, Translate } from '@outpost/i18n';

/** The API's error body: `{ error: { code, message, requestId, details } }`. */
interface ApiErrorBody {
  error?: {
    code?: string;
    details?: {
      fields?: { path?: string; messageKey?: string; params?: Record<string, string | number> }[];
    } | null;
  };
}

export interface UploadFormErrors {
  fields: Record<string, string>;
  form?: string;
}

/**
 * Turns the API's answer to an upload into messages in the reader's language. The
 * API speaks English to machines, so the browser maps its codes and field paths
 * to the portal's own wording (`sent` says what the form sent, to tell "expiry
 * date missing" from "expiry date before issue date").
 */
export function uploadErrorsFromResponse(
  t: Translate,
  status: number,
  body: unknown,
  context: { maxSize: string; sent: { expiryDate: string } },
): UploadFormErrors {
  if (status === 415) return { fields: { file: t('partner-portal.documents.error.type') } };
  if (status === 413) {
    return { fields: { file: t('partner-portal.documents.error.tooLarge', { size: context.maxSize }) } };
  }
  if (status === 401) return { fields: {}, form: t('partner-portal.documents.error.signedOut') };
  if (status === 403) return { fields: {}, form: t('errors.forbidden') };
  if (status === 404) return { fields: {}, form: t('errors.not_found') };
  if (status === 422 || status === 400) {
    const listed = (body as ApiErrorBody)?.error?.details?.fields ?? [];
    const fields: Record<string, string> = {};
    for (const { path = '', messageKey, params } of listed) {
      // Core names some problems precisely (a date beyond the type's validity): say exactly that.
      const precise = messageKey ? t(messageKey as MessageKey, params) : null;
      if (precise && precise !== messageKey && (path === 'expiryDate' || path === 'issueDate')) {
        fields[path] = precise;
      } else if (path === 'expiryDate') {
        fields.expiryDate = context.sent.expiryDate
          ? t('partner-portal.documents.error.expiryAfterIssue')
          : t('errors.expiry_required');
      } else if (path === 'issueDate') {
        fields.issueDate = t('partner-portal.documents.error.date');
      } else if (path === 'file') {
        fields.file = t('errors.file_empty');
      }
    }
    if (Object.keys(fields).length > 0) return { fields };
    return { fields: {}, form: t('errors.validation_failed') };
  }
  return { fields: {}, form: t('errors.unexpected') };
}
