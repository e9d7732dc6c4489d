import { leiProblem, setSetting } from '@outpost/core';
import { type MessageKey, translate } from '@outpost/i18n';
import type { StaffActionResult } from '../staff/action-result';
import { domainFormErrors } from '../staff/domain-errors.server';
import { text } from '../staff/form-values';
import type { StaffActionArgs } from '../staff/staff-action';

const leiMessages: Record<NonNullable<ReturnType<typeof leiProblem>>, MessageKey> = {
  length: 'register.entity.leiLength',
  characters: 'register.entity.leiCharacters',
  check_digits: 'register.entity.leiCheckDigits',
};

/**
 * "Our legal entity" (`register.entity`, decision record 060): the insurer keeping the register,
 * as the EBA and DORA exports name it. Core validates the LEI's check digits and audits the change;
 * the page says which rule the LEI breaks.
 */
export async function saveOurEntityAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  const lei = text(form, 'lei').trim().toUpperCase();
  try {
    await setSetting(deps.db, viewer.person.actor, 'register.entity', {
      nameZh: text(form, 'nameZh'),
      nameEn: text(form, 'nameEn'),
      lei,
      country: text(form, 'country'),
      competentAuthority: text(form, 'competentAuthority'),
      entityType: text(form, 'entityType'),
    });
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {
      nameZh: 'register.entity.nameInvalid',
      nameEn: 'register.entity.nameInvalid',
      lei: leiMessages[leiProblem(lei) ?? 'length'],
      country: 'register.entity.countryInvalid',
      competentAuthority: 'register.entity.authorityInvalid',
      entityType: 'register.entity.typeInvalid',
    });
    if (!mapped) throw error;
    return { intent: 'ourEntity', status: mapped.status, errors: mapped.errors };
  }
  return { intent: 'ourEntity', status: 200, notice: translate(locale, 'staff-portal.settings.saved') };
}
