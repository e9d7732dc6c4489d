import { setRelationshipOwner } from '@outpost/core';
import { translate } from '@outpost/i18n';
import type { StaffActionResult } from './action-result';
import { domainFormErrors } from './domain-errors.server';
import { text } from './form-values';
import type { StaffActionArgs } from './staff-action';

/** Administrators name the partner's relationship owner: told of its critical alerts and reminded of unanswered ones. */
export async function relationshipOwnerAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  const userId = text(form, 'userId');
  try {
    await setRelationshipOwner(deps.db, viewer.person.actor, {
      partnerId: text(form, 'partnerId'),
      userId: userId === '' ? null : userId,
    });
  } catch (error) {
    const mapped = domainFormErrors(error, locale, { userId: 'risk.owner.invalid' });
    if (!mapped) throw error;
    return { intent: 'relationshipOwner', status: mapped.status, errors: mapped.errors };
  }
  return { intent: 'relationshipOwner', status: 200, notice: translate(locale, 'risk.owner.saved') };
}
