import { addDays, addMonths, todayInChina } from '@outpost/i18n';
import { AppError } from '../errors.ts';

/** What the catalogue says about a document type's dates. */
export interface DocumentValidity {
  expires: boolean;
  /** How long a document of this type is valid from its issue date; null: no fixed period. */
  validityMonths: number | null;
}

/** The last day a document issued on `issueDate` can be valid: the same day `months` later. */
export const latestExpiry = (issueDate: string, months: number) => addMonths(issueDate, months);

/** The field's message key and parameters travel with it, so each transport can say it in the reader's language. */
function refuse(
  field: 'issueDate' | 'expiryDate',
  messageKey: string,
  message: string,
  params: Record<string, string | number> = {},
) {
  return new AppError('validation_failed', message, {
    messageKey,
    details: { ...params, fields: [{ path: field, message, messageKey, params }] },
  });
}

export interface DocumentDates {
  issueDate?: string | undefined;
  expiryDate?: string | undefined;
}

/**
 * The dates of an uploaded document against its type, as they will be stored: a type that
 * never expires (长期有效) takes no expiry date; one that expires needs it — given, or
 * derived from the issue date and the type's validity period —, after the issue date, not
 * already past, and within the validity period (a licence valid for 12 months cannot run for 23).
 */
export function checkDocumentDates(
  type: DocumentValidity,
  dates: DocumentDates,
  today = todayInChina(),
): DocumentDates {
  const { issueDate } = dates;
  const expiryDate =
    dates.expiryDate ??
    (type.expires && issueDate && type.validityMonths !== null
      ? latestExpiry(issueDate, type.validityMonths)
      : undefined);
  if (issueDate && issueDate > addDays(today, 1)) {
    throw refuse('issueDate', 'errors.document_dates.issued_in_future', 'The issue date is in the future.');
  }
  if (!type.expires) {
    if (expiryDate) {
      throw refuse(
        'expiryDate',
        'errors.document_dates.does_not_expire',
        'This document type does not expire: leave the expiry date empty.',
      );
    }
    return { issueDate };
  }
  if (!expiryDate) {
    throw refuse('expiryDate', 'errors.expiry_required', 'This document expires: enter its expiry date.');
  }
  if (issueDate && expiryDate <= issueDate) {
    throw refuse(
      'expiryDate',
      'errors.document_dates.before_issue',
      'The expiry date must be after the issue date.',
    );
  }
  if (expiryDate < today) {
    throw refuse(
      'expiryDate',
      'errors.document_dates.already_expired',
      `This document expired on ${expiryDate}: upload a current one.`,
      {
        date: expiryDate,
      },
    );
  }
  if (issueDate && type.validityMonths !== null) {
    const latest = latestExpiry(issueDate, type.validityMonths);
    if (expiryDate > latest) {
      throw refuse(
        'expiryDate',
        'errors.document_dates.beyond_validity',
        `A document of this type is valid for ${type.validityMonths} months: issued on ${issueDate}, it expires on ${latest} at the latest.`,
        { months: type.validityMonths, latest },
      );
    }
  }
  return { issueDate, expiryDate };
}
