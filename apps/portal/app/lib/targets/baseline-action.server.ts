import { asAppError, setSatisfactionBaseline } from '@outpost/core';
import { translate } from '@outpost/i18n';
import type { StaffActionResult } from '../staff/action-result';
import { text } from '../staff/form-values';
import type { StaffActionArgs } from '../staff/staff-action';

/** Staff who manage KPIs set the satisfaction target's baseline quarter (empty: none). */
export async function saveSatisfactionBaselineAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  try {
    await setSatisfactionBaseline(deps.db, viewer.person.actor, { quarter: text(form, 'quarter').trim() });
  } catch (raw) {
    const error = asAppError(raw);
    if (!error || error.status >= 500) throw raw;
    const key =
      error.messageKey === 'targets.error.baselineFuture'
        ? 'targets.error.baselineFuture'
        : error.code === 'validation_failed'
          ? 'targets.error.baselineFormat'
          : 'errors.forbidden';
    const message = translate(locale, key);
    return {
      intent: 'baseline',
      status: error.status,
      errors: { form: message, fields: { quarter: message } },
    };
  }
  return { intent: 'baseline', status: 200, notice: translate(locale, 'targets.baseline.saved') };
}
