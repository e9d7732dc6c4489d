import { asAppError, requestQuarterlyReport } from '@outpost/core';
import { translate } from '@outpost/i18n';
import type { StaffActionResult } from '../staff/action-result';
import { text } from '../staff/form-values';
import type { StaffActionArgs } from '../staff/staff-action';

const known = new Set([
  'reports.error.quarterFormat',
  'reports.error.quarterFuture',
  'reports.error.quarterRunning',
  'reports.error.exists',
]);

/** The "Generate report" button: queue a closed quarter's report; the job makes it (decision record 051). */
export async function requestReportAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  const quarter = text(form, 'quarter').trim();
  try {
    await requestQuarterlyReport(deps.db, viewer.person.actor, { quarter });
  } catch (raw) {
    const error = asAppError(raw);
    if (!error || error.status >= 500) throw raw;
    const key = error.messageKey && known.has(error.messageKey) ? error.messageKey : 'errors.forbidden';
    const message = translate(locale, key);
    return {
      intent: 'generate',
      status: error.status,
      errors: { form: message, fields: { quarter: message } },
    };
  }
  return { intent: 'generate', status: 202, notice: translate(locale, 'reports.requested', { quarter }) };
}
