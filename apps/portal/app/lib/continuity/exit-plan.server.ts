import { saveExitPlan } from '@outpost/core';
import { translate } from '@outpost/i18n';
import type { StaffActionResult } from '../staff/action-result';
import { domainFormErrors } from '../staff/domain-errors.server';
import { checkedValues, numberValue, optionalText, text } from '../staff/form-values';
import type { StaffActionArgs } from '../staff/staff-action';

const lines = (value: string) =>
  value
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');

/**
 * Saves the exit plan as a new version (decision record 050). The form carries the version it was
 * opened on, so a second submit of the same form is a conflict rather than a second version.
 */
export async function saveExitPlanAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  const expected = text(form, 'expectedVersion');
  const ownerId = text(form, 'ownerId');
  try {
    const plan = await saveExitPlan(deps.db, viewer.person.actor, text(form, 'partnerId'), {
      alternatives: [
        ...checkedValues(form, 'alternativePartners').map((partnerId) => ({
          kind: 'partner' as const,
          partnerId,
        })),
        ...lines(text(form, 'externalFirms')).map((name) => ({ kind: 'external' as const, name })),
      ],
      steps: lines(text(form, 'steps')),
      switchDays: numberValue(form, 'switchDays') as number,
      dataToMigrate: text(form, 'dataToMigrate'),
      lastReviewedOn: text(form, 'lastReviewedOn'),
      lastTestedOn: optionalText(form, 'lastTestedOn') ?? null,
      nextReviewOn: optionalText(form, 'nextReviewOn') ?? null,
      ownerId: ownerId === '' ? null : ownerId,
      expectedVersion: expected === '' ? null : Number(expected),
    });
    return {
      intent: 'saveExitPlan',
      status: 200,
      notice: translate(locale, 'continuity.plan.saved', { version: plan.version }),
    };
  } catch (error) {
    const mapped = domainFormErrors(error, locale);
    if (!mapped) throw error;
    return { intent: 'saveExitPlan', status: mapped.status, errors: mapped.errors };
  }
}
