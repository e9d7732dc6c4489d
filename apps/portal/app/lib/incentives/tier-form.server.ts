import { saveTierSet } from '@outpost/core';
import { translate } from '@outpost/i18n';
import type { StaffActionResult } from '../staff/action-result';
import { domainFormErrors } from '../staff/domain-errors.server';
import { checkedValues, isChecked, numberValue, optionalText, text } from '../staff/form-values';
import type { StaffActionArgs } from '../staff/staff-action';
import { TIER_ROWS } from './tier-rows';

/** Yuan typed into a field as cents (core checks the range; NaN stays NaN so core names the field). */
const cents = (value: number | undefined) => (value === undefined ? undefined : Math.round(value * 100));

/** Saves a category's tiers from the configuration form as the next version (rules in core). */
export async function saveTiersAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  const basis = text(form, 'basis');
  const tiers = [];
  for (let i = 0; i < TIER_ROWS; i++) {
    const name = optionalText(form, `tier.${i}.name`);
    if (!name) continue;
    const p = (field: string) => `tier.${i}.${field}`;
    tiers.push({
      name,
      ...(basis === 'grade'
        ? {
            grades: text(form, p('grades'))
              .split(/[\s,，、]+/)
              .map((g) => g.trim().toUpperCase())
              .filter(Boolean),
          }
        : { minScore: numberValue(form, p('min')), maxScore: numberValue(form, p('max')) }),
      bonusCents: cents(numberValue(form, p('bonus'))),
      bonusPercentOfFees: numberValue(form, p('bonusPercent')),
      deductionCents: cents(numberValue(form, p('deduction'))),
      deductionPercentOfFees: numberValue(form, p('deductionPercent')),
      businessWeight: numberValue(form, p('weight')) ?? 1,
      routingPriority: isChecked(form, p('routingPriority')),
      recognition: isChecked(form, p('recognition')),
      rectification: isChecked(form, p('rectification')),
      suspension: isChecked(form, p('suspension')),
      terminationReview: isChecked(form, p('terminationReview')),
    });
  }
  // Optional numbers left blank are dropped, so core's schema sees only what was typed.
  const clean = tiers.map((t) => Object.fromEntries(Object.entries(t).filter(([, v]) => v !== undefined)));
  try {
    await saveTierSet(deps.db, viewer.person.actor, {
      serviceCategory: text(form, 'serviceCategory') as never,
      basis: basis as never,
      tiers: clean as never,
      baseAnnualFeeCents: cents(numberValue(form, 'baseFee')) ?? Number.NaN,
      approvalThresholdCents: cents(numberValue(form, 'threshold')) ?? Number.NaN,
      approverIds: checkedValues(form, 'approverIds'),
    });
  } catch (error) {
    const mapped = domainFormErrors(error, locale);
    if (!mapped) throw error;
    return { intent: 'tiers', status: mapped.status, errors: mapped.errors };
  }
  return { intent: 'tiers', status: 200, notice: translate(locale, 'incentives.tiers.saved') };
}
