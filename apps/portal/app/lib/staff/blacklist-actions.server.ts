import {
  addToBlacklist,
  type BlacklistImpact,
  getPartner,
  previewBlacklist,
  removeFromBlacklist,
} from '@outpost/core';
import { translate } from '@outpost/i18n';
import type { StaffActionResult } from './action-result';
import { domainFormErrors } from './domain-errors.server';
import { isChecked, optionalText, text } from './form-values';
import type { StaffActionArgs } from './staff-action';

export type BlacklistIntent = 'preview' | 'add' | 'remove';

export interface BlacklistExtra {
  /** Partners that adding the entry suspended, to link to. */
  suspended?: { id: string; legalName: string }[];
  /** The preview step: what the entry would do, and the values to confirm. */
  preview?: {
    creditCode: string;
    name: string;
    reason: string;
    evidence: string;
    matches: BlacklistImpact;
  };
}

const addFieldMessages = {
  name: 'staff-portal.blacklist.nameInvalid',
  reason: 'staff-portal.blacklist.reasonInvalid',
  evidence: 'staff-portal.blacklist.evidenceInvalid',
} as const;

/** Shows what adding the entry would do (partners matched by credit code, their open applications) before anything changes. */
export async function previewBlacklistAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult<BlacklistExtra>> {
  try {
    const preview = await previewBlacklist(deps.db, viewer.person.actor, {
      creditCode: text(form, 'creditCode'),
      name: text(form, 'name'),
      reason: text(form, 'reason'),
      evidence: optionalText(form, 'evidence'),
    });
    return {
      intent: 'preview',
      status: 200,
      extra: { preview: { ...preview, evidence: optionalText(form, 'evidence') ?? '' } },
    };
  } catch (error) {
    const mapped = domainFormErrors(error, locale, addFieldMessages);
    if (!mapped) throw error;
    return { intent: 'add', status: mapped.status, errors: mapped.errors };
  }
}

/** Puts an entity on the Do-Not-Contract list; core suspends any partner with that code. */
export async function addToBlacklistAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult<BlacklistExtra>> {
  const { actor } = viewer.person;
  let result: Awaited<ReturnType<typeof addToBlacklist>>;
  try {
    result = await addToBlacklist(deps.db, actor, {
      creditCode: text(form, 'creditCode'),
      name: text(form, 'name'),
      reason: text(form, 'reason'),
      evidence: optionalText(form, 'evidence'),
      partnerReason: optionalText(form, 'partnerReason'),
      confirmed: isChecked(form, 'confirmed'),
    });
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {
      ...addFieldMessages,
      partnerReason: 'staff-portal.blacklist.reasonInvalid',
    });
    if (!mapped) throw error;
    return { intent: 'add', status: mapped.status, errors: mapped.errors };
  }
  const suspended = await Promise.all(
    result.suspendedPartnerIds.map(async (id) => ({
      id,
      legalName: (await getPartner(deps.db, actor, id)).legalName,
    })),
  );
  return {
    intent: 'add',
    status: 200,
    notice: translate(locale, 'staff-portal.blacklist.added', { name: result.entry.name }),
    extra: { suspended },
  };
}

/** Administrators take an entry off the list, with a reason, after confirming. */
export async function removeFromBlacklistAction({
  deps,
  viewer,
  locale,
  form,
}: StaffActionArgs): Promise<StaffActionResult<BlacklistExtra>> {
  if (!isChecked(form, 'confirm')) {
    return {
      intent: 'remove',
      status: 400,
      errors: { fields: { confirm: translate(locale, 'staff-portal.blacklist.confirmRequired') } },
    };
  }
  try {
    const entry = await removeFromBlacklist(deps.db, viewer.person.actor, {
      entryId: text(form, 'entryId'),
      reason: text(form, 'reason'),
    });
    return {
      intent: 'remove',
      status: 200,
      notice: translate(locale, 'staff-portal.blacklist.removed', { name: entry.name }),
    };
  } catch (error) {
    const mapped = domainFormErrors(error, locale, { reason: 'staff-portal.blacklist.removalReasonInvalid' });
    if (!mapped) throw error;
    return { intent: 'remove', status: mapped.status, errors: mapped.errors };
  }
}

export const blacklistActions: Record<
  BlacklistIntent,
  (args: StaffActionArgs) => Promise<StaffActionResult<BlacklistExtra>>
> = {
  preview: previewBlacklistAction,
  add: addToBlacklistAction,
  remove: removeFromBlacklistAction,
};
