import { invitePartner } from '@outpost/core';
import { formatDateTime, translate } from '@outpost/i18n';
import type { StaffActionResult } from './action-result';
import { domainFormErrors } from './domain-errors.server';
import { checkedValues, optionalText, text } from './form-values';
import type { StaffActionArgs } from './staff-action';

export interface InviteOutcome {
  partnerId?: string;
  legalName?: string;
  email?: string;
  /** The link to pass on by hand; null when it was e-mailed. */
  link?: string | null;
  expiresAt?: string;
  /** On a duplicate credit code: the partner that already has it. */
  existingPartnerId?: string;
}

/**
 * Invites a partner organisation. Without SMTP the inviter gets the single-use link
 * to pass on (it is shown once: only its hash is stored); with SMTP it was e-mailed.
 */
export async function invitePartnerAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult<InviteOutcome>> {
  const contactEmail = text(form, 'contactEmail').trim();
  try {
    const { partner, invitation } = await invitePartner(deps.db, viewer.person.actor, {
      legalName: text(form, 'legalName'),
      creditCode: text(form, 'creditCode'),
      serviceCategories: checkedValues(form, 'serviceCategories') as never,
      criticality: (optionalText(form, 'criticality') ?? 'standard') as never,
      contactEmail,
    });
    return {
      intent: 'invite',
      status: 200,
      notice: translate(locale, 'staff-portal.invite.done', { name: partner.legalName }),
      extra: {
        partnerId: partner.id,
        legalName: partner.legalName,
        email: partner.contactEmail ?? contactEmail,
        link: deps.mailEnabled ? null : `${deps.publicUrl}${invitation.acceptPath}`,
        expiresAt: formatDateTime(locale, invitation.expiresAt),
      },
    };
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {
      legalName: 'staff-portal.invite.legalNameInvalid',
      serviceCategories: 'staff-portal.invite.categoriesInvalid',
      criticality: 'staff-portal.errors.invalidField',
      contactEmail: 'staff-portal.invite.emailInvalid',
    });
    if (!mapped) throw error;
    const existingPartnerId =
      typeof mapped.details.partnerId === 'string' ? mapped.details.partnerId : undefined;
    return {
      intent: 'invite',
      status: mapped.status,
      errors: mapped.errors,
      extra: existingPartnerId ? { existingPartnerId } : {},
    };
  }
}
