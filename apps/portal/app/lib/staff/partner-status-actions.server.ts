import { liftSuspension, type PartnerHistoryEntry, suspendPartner, updatePartner } from '@outpost/core';
import { criticalities, type serviceCategories } from '@outpost/db';
import { formatDateTime, type Locale, type MessageKey, translate } from '@outpost/i18n';
import type { StaffActionResult } from './action-result';
import { domainFormErrors } from './domain-errors.server';
import { checkedValues, isChecked, text } from './form-values';
import type { StaffActionArgs } from './staff-action';

const reasonMessage = { reason: 'partner-status.suspension.reasonHint' } as const;

/** Risk officers and administrators suspend a partner, with the reason it is told. */
async function suspend({ deps, viewer, locale, form }: StaffActionArgs): Promise<StaffActionResult> {
  try {
    const partner = await suspendPartner(deps.db, viewer.person.actor, {
      partnerId: text(form, 'partnerId'),
      reason: text(form, 'reason'),
    });
    return {
      intent: 'suspend',
      status: 200,
      notice: translate(locale, 'partner-status.suspension.suspended', { name: partner.legalName }),
    };
  } catch (error) {
    const mapped = domainFormErrors(error, locale, reasonMessage);
    if (!mapped) throw error;
    return { intent: 'suspend', status: mapped.status, errors: mapped.errors };
  }
}

/** …and lift it, with a reason. */
async function lift({ deps, viewer, locale, form }: StaffActionArgs): Promise<StaffActionResult> {
  try {
    const partner = await liftSuspension(deps.db, viewer.person.actor, {
      partnerId: text(form, 'partnerId'),
      reason: text(form, 'reason'),
    });
    return {
      intent: 'lift',
      status: 200,
      notice: translate(locale, 'partner-status.suspension.lifted', { name: partner.legalName }),
    };
  } catch (error) {
    const mapped = domainFormErrors(error, locale, reasonMessage);
    if (!mapped) throw error;
    return { intent: 'lift', status: mapped.status, errors: mapped.errors };
  }
}

/** Administrators correct the profile and contacts; core validates and audits each change. */
async function profile({ deps, viewer, locale, form }: StaffActionArgs): Promise<StaffActionResult> {
  const criticality = text(form, 'criticality');
  try {
    await updatePartner(deps.db, viewer.person.actor, text(form, 'partnerId'), {
      legalName: text(form, 'legalName'),
      registeredAddress: text(form, 'registeredAddress'),
      parentCompany: text(form, 'parentCompany'),
      contactEmail: text(form, 'contactEmail').trim(),
      serviceCategories: checkedValues(form, 'serviceCategories') as (typeof serviceCategories)[number][],
      criticality: (criticalities as readonly string[]).includes(criticality)
        ? (criticality as (typeof criticalities)[number])
        : undefined,
      criticalityReason: text(form, 'criticalityReason'),
      handlesPersonalData: isChecked(form, 'handlesPersonalData'),
    });
    return { intent: 'profile', status: 200, notice: translate(locale, 'partner-status.profile.saved') };
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {
      legalName: 'staff-portal.invite.legalNameInvalid',
      contactEmail: 'staff-portal.invite.emailInvalid',
      serviceCategories: 'staff-portal.invite.categoriesInvalid',
    });
    if (!mapped) throw error;
    return { intent: 'profile', status: mapped.status, errors: mapped.errors };
  }
}

export const partnerStatusActions = { suspend, lift, profile };

export interface HistoryLine {
  id: number;
  when: string;
  title: string;
  by: string;
  detail: string | null;
}

const fieldLabels: Record<string, MessageKey> = {
  legalName: 'partner-status.profile.legalName',
  registeredAddress: 'partner-status.profile.registeredAddress',
  parentCompany: 'partner-status.profile.parentCompany',
  lei: 'partner-status.profile.lei',
  contactEmail: 'partner-status.profile.contactEmail',
  serviceCategories: 'partner-status.profile.categories',
  criticality: 'partner-status.profile.criticality',
  criticalityReason: 'partner-status.profile.criticalityReason',
  handlesPersonalData: 'partner-status.profile.handlesPersonalData',
};

/** An audit entry as a line of the partner's history, in the reader's language. */
export function historyLine(locale: Locale, entry: PartnerHistoryEntry): HistoryLine {
  const key = `partner-status.action.${entry.action}` as MessageKey;
  const known = translate(locale, key) !== key;
  const by =
    entry.actorType === 'api_key'
      ? translate(locale, 'partner-status.history.byKey')
      : entry.actorType === 'system' || !entry.actorName
        ? translate(locale, 'partner-status.history.bySystem')
        : translate(locale, 'partner-status.history.by', { name: entry.actorName });
  const data = entry.data;
  let detail: string | null = null;
  if (typeof data.reason === 'string' && data.reason) {
    detail = translate(locale, 'partner-status.history.reason', { reason: data.reason });
  } else if (data.changes && typeof data.changes === 'object') {
    const fields = Object.keys(data.changes).map((f) =>
      fieldLabels[f] ? translate(locale, fieldLabels[f]) : f,
    );
    detail = translate(locale, 'partner-status.history.changed', {
      fields: fields.join(locale === 'en' ? ', ' : '、'),
    });
  }
  return {
    id: entry.id,
    when: formatDateTime(locale, entry.at),
    title: known
      ? translate(locale, key)
      : translate(locale, 'partner-status.history.other', { action: entry.action }),
    by,
    detail,
  };
}
