import { setSetting } from '@outpost/core';
import { translate } from '@outpost/i18n';
import type { StaffActionResult } from '../staff/action-result';
import { domainFormErrors } from '../staff/domain-errors.server';
import { numberValue } from '../staff/form-values';
import type { StaffActionArgs } from '../staff/staff-action';

/** Administrators set the concentration limit and window (decision record 050); core audits the setting. */
export async function saveConcentrationLimitAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  try {
    await setSetting(deps.db, viewer.person.actor, 'continuity.concentration', {
      limitPercent: numberValue(form, 'limitPercent') ?? Number.NaN,
      windowDays: numberValue(form, 'windowDays') ?? Number.NaN,
    });
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {
      limitPercent: 'continuity.concentration.limitInvalid',
      windowDays: 'continuity.concentration.windowInvalid',
    });
    if (!mapped) throw error;
    return { intent: 'concentrationLimit', status: mapped.status, errors: mapped.errors };
  }
  return {
    intent: 'concentrationLimit',
    status: 200,
    notice: translate(locale, 'staff-portal.settings.saved'),
  };
}
