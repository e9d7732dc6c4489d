import { updateArrangementRegister, updatePartnerRegister } from '@outpost/core';
import { translate } from '@outpost/i18n';
import { appErrorToForm } from '../app-error.server';
import type { StaffActionResult } from '../staff/action-result';
import { numberValue, optionalText, text } from '../staff/form-values';
import type { StaffActionArgs } from '../staff/staff-action';

const lines = (value: string) =>
  value
    .split(/[\r\n]+/)
    .map((s) => s.trim())
    .filter((s) => s !== '');

/** A yes / no select: '' is "not recorded". Anything else is passed on for core to refuse, naming the field. */
function yesNo(form: FormData, name: string): boolean | undefined {
  const v = text(form, name);
  if (v === '') return undefined;
  return v === 'yes' ? true : v === 'no' ? false : (v as unknown as boolean);
}

const labelsOf = (locale: StaffActionArgs['locale'], names: string[]) =>
  Object.fromEntries(names.map((f) => [f, translate(locale, `register.field.${f}` as never)]));

/** The register page's fields of one arrangement (decision record 052); core checks every one. */
export async function saveArrangementAction(
  { deps, viewer, locale, form }: StaffActionArgs,
  contractId: string,
): Promise<StaffActionResult> {
  const input = {
    riskAssessedOn: optionalText(form, 'riskAssessedOn'),
    riskAssessmentResult: optionalText(form, 'riskAssessmentResult') as never,
    lastAuditOn: optionalText(form, 'lastAuditOn'),
    nextAuditOn: optionalText(form, 'nextAuditOn'),
    discontinuationImpact: optionalText(form, 'discontinuationImpact') as never,
    alternativeProviders: lines(text(form, 'alternativeProviders')),
    timeCritical: yesNo(form, 'timeCritical'),
    rtoHours: numberValue(form, 'rtoHours'),
    rpoHours: numberValue(form, 'rpoHours'),
    regulatorNotifiedOn: optionalText(form, 'regulatorNotifiedOn'),
  };
  try {
    const result = await updateArrangementRegister(deps.db, viewer.person.actor, contractId, input);
    return {
      intent: 'arrangement',
      status: 200,
      notice: translate(
        locale,
        result.changed ? 'register.arrangement.saved' : 'register.arrangement.unchanged',
      ),
    };
  } catch (raw) {
    const mapped = appErrorToForm(raw, locale, labelsOf(locale, Object.keys(input)));
    if (!mapped) throw raw;
    return {
      intent: 'arrangement',
      status: mapped.status,
      errors: {
        ...mapped.errors,
        form: mapped.errors.form ?? translate(locale, 'register.arrangement.fixErrors'),
      },
    };
  }
}

/** A partner's own register fields: substitutability and in-house possibility for the partner as a whole. */
export async function savePartnerRegisterAction(
  { deps, viewer, locale, form }: StaffActionArgs,
  partnerId: string,
): Promise<StaffActionResult> {
  const input = {
    substitutability: optionalText(form, 'substitutability') as never,
    exitPossibility: optionalText(form, 'exitPossibility') as never,
    exitNotes: optionalText(form, 'exitNotes'),
    discontinuationImpact: optionalText(form, 'discontinuationImpact') as never,
    alternativeProviders: lines(text(form, 'alternativeProviders')),
  };
  try {
    const result = await updatePartnerRegister(deps.db, viewer.person.actor, partnerId, input);
    return {
      intent: 'partner',
      status: 200,
      notice: translate(
        locale,
        result.changed ? 'register.arrangement.saved' : 'register.arrangement.unchanged',
      ),
    };
  } catch (raw) {
    const mapped = appErrorToForm(raw, locale, labelsOf(locale, Object.keys(input)));
    if (!mapped) throw raw;
    return {
      intent: 'partner',
      status: mapped.status,
      errors: {
        ...mapped.errors,
        form: mapped.errors.form ?? translate(locale, 'register.arrangement.fixErrors'),
      },
    };
  }
}
