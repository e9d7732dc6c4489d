import { saveRequirement, setSetting } from '@outpost/core';
import { translate } from '@outpost/i18n';
import type { StaffActionResult } from './action-result';
import { domainFormErrors } from './domain-errors.server';
import { checkedValues, isChecked, numberValue, optionalText, text } from './form-values';
import { parseRatio } from './ratio';
import type { StaffActionArgs } from './staff-action';
import { saveContractApproversAction } from '../contracts/approvers-action.server';
import { saveRiskEscalationAction } from '../risk/escalation-action.server';
import { saveRiskResponseHoursAction } from '../risk/response-hours-action.server';
import { saveReportDistributionAction } from '../reports/distribution-action.server';
import {
  saveTerminationApproversAction,
  saveTerminationChecklistAction,
} from '../terminations/settings-action.server';
import { saveOurEntityAction } from '../register/entity-action.server';

/** Creates or updates a requirement of the document catalogue (administrators). */
export async function saveRequirementAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult<{ key?: string }>> {
  const expires = isChecked(form, 'expires');
  try {
    const saved = await saveRequirement(deps.db, viewer.person.actor, {
      key: text(form, 'key'),
      nameZh: text(form, 'nameZh'),
      nameEn: text(form, 'nameEn'),
      descriptionZh: optionalText(form, 'descriptionZh'),
      descriptionEn: optionalText(form, 'descriptionEn'),
      serviceCategories: checkedValues(form, 'serviceCategories') as never,
      expires,
      // A document that never expires has no validity period, whatever the hidden field still holds.
      validityMonths: expires ? (numberValue(form, 'validityMonths') ?? null) : null,
      mandatory: isChecked(form, 'mandatory'),
      active: isChecked(form, 'active'),
      sortOrder: numberValue(form, 'sortOrder') ?? 0,
    });
    return {
      intent: 'save',
      status: 200,
      notice: translate(locale, 'staff-portal.catalogue.saved', { name: saved.nameZh }),
      extra: { key: saved.key },
    };
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {
      key: 'staff-portal.catalogue.keyInvalid',
      nameZh: 'staff-portal.catalogue.nameInvalid',
      nameEn: 'staff-portal.catalogue.nameInvalid',
      descriptionZh: 'staff-portal.catalogue.descriptionInvalid',
      descriptionEn: 'staff-portal.catalogue.descriptionInvalid',
      serviceCategories: 'staff-portal.errors.invalidField',
      validityMonths: 'staff-portal.catalogue.validityInvalid',
      sortOrder: 'staff-portal.catalogue.orderInvalid',
    });
    if (!mapped) throw error;
    return { intent: 'save', status: mapped.status, errors: mapped.errors };
  }
}

export type SettingsIntent =
  | 'committee'
  | 'weights'
  | 'trainingDigest'
  | 'riskHours'
  | 'riskEscalation'
  | 'contractApprovers'
  | 'mfa'
  | 'reportDistribution'
  | 'terminationApprovers'
  | 'terminationChecklist'
  | 'ourEntity';

/** The committee's quorum and approval share, typed as fractions ("2/3"), decimals or percentages. */
export async function saveCommitteeRuleAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  try {
    await setSetting(deps.db, viewer.person.actor, 'admission.committee', {
      quorumRatio: parseRatio(text(form, 'quorumRatio')),
      approvalRatio: parseRatio(text(form, 'approvalRatio')),
    });
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {
      quorumRatio: 'staff-portal.settings.ratioInvalid',
      approvalRatio: 'staff-portal.settings.ratioInvalid',
    });
    if (!mapped) throw error;
    return { intent: 'committee', status: mapped.status, errors: mapped.errors };
  }
  return { intent: 'committee', status: 200, notice: translate(locale, 'staff-portal.settings.saved') };
}

/** The weights of the four assessment dimensions (relative: they need not add up to 1). */
export async function saveWeightsAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  const weight = (name: string) => numberValue(form, name) ?? Number.NaN;
  try {
    await setSetting(deps.db, viewer.person.actor, 'admission.weights', {
      financial: weight('financial'),
      capability: weight('capability'),
      compliance: weight('compliance'),
      reputation: weight('reputation'),
    });
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {
      financial: 'staff-portal.settings.weightInvalid',
      capability: 'staff-portal.settings.weightInvalid',
      compliance: 'staff-portal.settings.weightInvalid',
      reputation: 'staff-portal.settings.weightInvalid',
      // "At least one weight must be positive" concerns no single field.
      '': 'staff-portal.settings.weightsAllZero',
    });
    if (!mapped) throw error;
    return { intent: 'weights', status: mapped.status, errors: mapped.errors };
  }
  return { intent: 'weights', status: 200, notice: translate(locale, 'staff-portal.settings.saved') };
}

/** The share of training compliance below which a partner is listed in the weekly Slack digest. */
export async function saveTrainingDigestAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  try {
    await setSetting(deps.db, viewer.person.actor, 'training.digest', {
      threshold: parseRatio(text(form, 'threshold')),
    });
  } catch (error) {
    const mapped = domainFormErrors(error, locale, { threshold: 'staff-portal.settings.ratioInvalid' });
    if (!mapped) throw error;
    return { intent: 'trainingDigest', status: mapped.status, errors: mapped.errors };
  }
  return { intent: 'trainingDigest', status: 200, notice: translate(locale, 'staff-portal.settings.saved') };
}

export const settingsActions: Record<SettingsIntent, (args: StaffActionArgs) => Promise<StaffActionResult>> =
  {
    committee: saveCommitteeRuleAction,
    weights: saveWeightsAction,
    trainingDigest: saveTrainingDigestAction,
    riskHours: saveRiskResponseHoursAction,
    riskEscalation: saveRiskEscalationAction,
    contractApprovers: saveContractApproversAction,
    mfa: saveMfaRolesAction,
    reportDistribution: saveReportDistributionAction,
    terminationApprovers: saveTerminationApproversAction,
    terminationChecklist: saveTerminationChecklistAction,
    ourEntity: saveOurEntityAction,
  };

/** Which staff roles must use two-step sign-in (decision record 043); unticking every box is allowed. */
async function saveMfaRolesAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  try {
    await setSetting(deps.db, viewer.person.actor, 'auth.mfa', {
      requiredRoles: [...new Set(form.getAll('requiredRoles').filter((v) => typeof v === 'string'))],
    });
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {});
    if (!mapped) throw error;
    return { intent: 'mfa', status: mapped.status, errors: mapped.errors };
  }
  return { intent: 'mfa', status: 200, notice: translate(locale, 'staff-portal.settings.saved') };
}
