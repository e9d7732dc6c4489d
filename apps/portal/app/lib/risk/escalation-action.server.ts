import { setSetting } from '@outpost/core';
import { translate } from '@outpost/i18n';
import type { StaffActionResult } from '../staff/action-result';
import { domainFormErrors } from '../staff/domain-errors.server';
import { text } from '../staff/form-values';
import { parseRatio } from '../staff/ratio';
import type { StaffActionArgs } from '../staff/staff-action';

/**
 * Saves when unacknowledged risk alerts escalate (decision record 034): the reminder point as a
 * share of the response time ("50%", "1/2", "0.5") and who is told at the deadline.
 */
export async function saveRiskEscalationAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  const head = text(form, 'headOfRiskUserId');
  try {
    await setSetting(deps.db, viewer.person.actor, 'risk.escalation', {
      reminderAt: parseRatio(text(form, 'reminderAt')),
      headOfRiskUserId: head === '' ? null : head,
    });
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {
      reminderAt: 'risk.settings.reminderInvalid',
      headOfRiskUserId: 'staff-portal.errors.invalidField',
    });
    if (!mapped) throw error;
    return { intent: 'riskEscalation', status: mapped.status, errors: mapped.errors };
  }
  return { intent: 'riskEscalation', status: 200, notice: translate(locale, 'staff-portal.settings.saved') };
}
