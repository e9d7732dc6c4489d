import { reviewDocument } from '@outpost/core';
import { translate } from '@outpost/i18n';
import type { StaffActionResult } from './action-result';
import { domainFormErrors } from './domain-errors.server';
import { optionalText, text } from './form-values';
import type { StaffActionArgs } from './staff-action';

/** A reviewer accepts or rejects the current version of one document (a rejection needs a reason). */
export async function reviewDocumentAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult<never>> {
  const decision = text(form, 'decision');
  try {
    await reviewDocument(deps.db, viewer.person.actor, {
      documentId: text(form, 'documentId'),
      decision: decision as 'accept' | 'reject',
      reason: optionalText(form, 'reason'),
    });
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {
      reason: 'staff-portal.documents.reasonRequired',
      decision: 'staff-portal.errors.invalidField',
    });
    if (!mapped) throw error;
    return { intent: 'review', status: mapped.status, errors: mapped.errors };
  }
  return {
    intent: 'review',
    status: 200,
    notice: translate(
      locale,
      decision === 'reject' ? 'staff-portal.documents.rejected' : 'staff-portal.documents.accepted',
    ),
  };
}
