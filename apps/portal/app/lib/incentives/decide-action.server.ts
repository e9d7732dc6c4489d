import { decideIncentive } from '@outpost/core';
import { translate } from '@outpost/i18n';
import type { StaffActionResult } from '../staff/action-result';
import { domainFormErrors } from '../staff/domain-errors.server';
import { optionalText, text } from '../staff/form-values';
import type { StaffActionArgs } from '../staff/staff-action';

/** An approver decides a record in the console (the same rule as in Slack, in core). */
export function decideIncentiveAction(recordId: string) {
  return async ({ deps, viewer, locale, form }: StaffActionArgs): Promise<StaffActionResult> => {
    const decision = text(form, 'decision') === 'reject' ? 'reject' : 'approve';
    const reason = optionalText(form, 'reason');
    try {
      await decideIncentive(deps.db, viewer.person.actor, {
        recordId,
        decision,
        ...(reason !== undefined ? { reason } : {}),
        via: 'web',
      });
    } catch (error) {
      const mapped = domainFormErrors(error, locale, { reason: 'incentives.rejectModal.reasonInvalid' });
      if (!mapped) throw error;
      return { intent: 'decide', status: mapped.status, errors: mapped.errors };
    }
    return { intent: 'decide', status: 200, notice: translate(locale, 'incentives.records.decided') };
  };
}
