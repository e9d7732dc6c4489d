import { setContractApproverSets } from '@outpost/core';
import { serviceCategories } from '@outpost/db';
import { translate } from '@outpost/i18n';
import type { StaffActionResult } from '../staff/action-result';
import { domainFormErrors } from '../staff/domain-errors.server';
import { checkedValues } from '../staff/form-values';
import type { StaffActionArgs } from '../staff/staff-action';

/** Saves every service category's contract approvers at once (one checkbox group per category). */
export async function saveContractApproversAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  try {
    await setContractApproverSets(
      deps.db,
      viewer.person.actor,
      serviceCategories.map((serviceCategory) => ({
        serviceCategory,
        userIds: checkedValues(form, `approvers.${serviceCategory}`),
      })),
    );
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {});
    if (!mapped) throw error;
    return { intent: 'contractApprovers', status: mapped.status, errors: mapped.errors };
  }
  return {
    intent: 'contractApprovers',
    status: 200,
    notice: translate(locale, 'staff-portal.settings.saved'),
  };
}
