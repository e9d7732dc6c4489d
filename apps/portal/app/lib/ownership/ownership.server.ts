import { type Actor, can, ownershipChoices, setOwnership, setPartnerRegion } from '@outpost/core';
import type { Database } from '@outpost/db';
import { type Locale, translate } from '@outpost/i18n';
import type { StaffActionResult } from '../staff/action-result';
import { domainFormErrors } from '../staff/domain-errors.server';
import { text } from '../staff/form-values';
import type { StaffActionArgs } from '../staff/staff-action';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The list's department and person filters from the query string; a hand-edited bad value is "no filter". */
export function ownershipFilterParams(params: URLSearchParams) {
  const pick = (name: string) => {
    const v = params.get(name) ?? '';
    return uuid.test(v) ? v : undefined;
  };
  return { departmentId: pick('department'), ownerId: pick('owner') };
}

/** People and departments to choose from, and their names for showing a record's ownership. */
export async function ownershipLookup(db: Database, actor: Actor) {
  const choices = await ownershipChoices(db, actor);
  return {
    choices,
    mayAssign: can(actor, 'assign:ownership'),
    personName: (id: string | null) => choices.people.find((p) => p.id === id)?.displayName ?? null,
    departmentName: (id: string | null, locale: Locale) => {
      const d = choices.departments.find((x) => x.id === id);
      return d ? (locale === 'en' ? d.nameEn : d.nameZh) : null;
    },
  };
}

/** The panel's view of one record's ownership. */
export function ownershipView(
  lookup: Awaited<ReturnType<typeof ownershipLookup>>,
  locale: Locale,
  entity: 'partner' | 'contract' | 'risk_alert' | 'rectification_item',
  record: { id: string; ownerId: string | null; departmentId: string | null },
) {
  return {
    entity,
    id: record.id,
    ownerId: record.ownerId,
    departmentId: record.departmentId,
    // A partner's and an alert's owner get its critical alerts: risk officers and admins only (core checks).
    choices: lookup.mayAssign
      ? {
          departments: lookup.choices.departments,
          people: lookup.choices.people
            .filter(
              (p) =>
                (entity !== 'partner' && entity !== 'risk_alert') ||
                p.staffRoles.some((r) => r === 'risk_officer' || r === 'admin'),
            )
            .map(({ staffRoles: _roles, ...p }) => p),
        }
      : null,
    ownerName: lookup.personName(record.ownerId),
    departmentName: lookup.departmentName(record.departmentId, locale),
  };
}

/** Staff with the right role set a record's department and responsible person (audited in core). */
export async function ownershipAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  const ownerId = text(form, 'ownerId');
  const departmentId = text(form, 'departmentId');
  try {
    await setOwnership(deps.db, viewer.person.actor, {
      entity: text(form, 'entity') as 'partner',
      id: text(form, 'id'),
      ownerId: ownerId === '' ? null : ownerId,
      departmentId: departmentId === '' ? null : departmentId,
    });
  } catch (error) {
    const mapped = domainFormErrors(error, locale);
    if (!mapped) throw error;
    return { intent: 'ownership', status: mapped.status, errors: mapped.errors };
  }
  return { intent: 'ownership', status: 200, notice: translate(locale, 'ownership.saved') };
}

/** Administrators record the partner's sales region (audited in core). */
export async function regionAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult> {
  const region = text(form, 'region');
  try {
    await setPartnerRegion(deps.db, viewer.person.actor, {
      partnerId: text(form, 'partnerId'),
      region: region === '' ? null : (region as 'north'),
    });
  } catch (error) {
    const mapped = domainFormErrors(error, locale, { region: 'region.invalid' });
    if (!mapped) throw error;
    return { intent: 'region', status: mapped.status, errors: mapped.errors };
  }
  return { intent: 'region', status: 200, notice: translate(locale, 'region.saved') };
}
