import { setSetting } from '@outpost/core';
import { translate } from '@outpost/i18n';
import type { StaffActionResult } from '../staff/action-result';
import { domainFormErrors } from '../staff/domain-errors.server';
import { numberValue } from '../staff/form-values';
import type { StaffActionArgs } from '../staff/staff-action';

/** Saves the hours staff have to acknowledge a risk alert, per level (applied to alerts raised from now on). */
export async function saveRiskResponseHoursAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  const hours = (name: string) => numberValue(form, name) ?? Number.NaN;
  try {
    await setSetting(deps.db, viewer.person.actor, 'risk.responseHours', {
      notice: hours('notice'),
      warning: hours('warning'),
      critical: hours('critical'),
    });
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {
      notice: 'risk.settings.hoursInvalid',
      warning: 'risk.settings.hoursInvalid',
      critical: 'risk.settings.hoursInvalid',
    });
    if (!mapped) throw error;
    return { intent: 'riskHours', status: mapped.status, errors: mapped.errors };
  }
  return { intent: 'riskHours', status: 200, notice: translate(locale, 'staff-portal.settings.saved') };
}
