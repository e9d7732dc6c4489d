import {
  createDepartment,
  deactivateStaffMember,
  inviteStaff,
  reactivateStaffMember,
  resetAuthenticator,
  revokeStaffInvitation,
  updateDepartment,
  updateStaffMember,
} from '@outpost/core';
import { formatDateTime, translate } from '@outpost/i18n';
import type { StaffActionResult } from './action-result';
import { domainFormErrors } from './domain-errors.server';
import { checkedValues, isChecked, optionalText, text } from './form-values';
import type { StaffActionArgs } from './staff-action';

/** What the people page shows after a form: the invitation link to pass on when no e-mail is configured. */
export interface PeopleExtra {
  invited?: { email: string; link: string | null; expires: string };
}

type Handler = (args: StaffActionArgs) => Promise<StaffActionResult<PeopleExtra>>;

const personFields = {
  email: 'people.error.emailInvalid',
  staffRoles: 'people.error.rolesRequired',
  departmentId: 'people.error.departmentRequired',
  reason: 'people.error.reasonRequired',
} as const;

function failed(
  intent: string,
  error: unknown,
  locale: StaffActionArgs['locale'],
): StaffActionResult<PeopleExtra> {
  const mapped = domainFormErrors(error, locale, personFields);
  if (!mapped) throw error;
  return { intent, status: mapped.status, errors: mapped.errors };
}

const invite: Handler = async ({ deps, viewer, locale, form }) => {
  const email = text(form, 'email').trim();
  try {
    const issued = await inviteStaff(deps.db, viewer.person.actor, {
      email,
      staffRoles: checkedValues(form, 'staffRoles') as never,
      departmentId: text(form, 'departmentId'),
      locale: text(form, 'locale') === 'en' ? 'en' : 'zh-CN',
    });
    const lower = email.toLowerCase();
    return {
      intent: 'invite',
      status: 200,
      notice: deps.mailEnabled ? translate(locale, 'people.invite.sent', { email: lower }) : undefined,
      extra: {
        invited: {
          email: lower,
          link: deps.mailEnabled ? null : `${deps.publicUrl}${issued.acceptPath}`,
          expires: formatDateTime(locale, issued.expiresAt),
        },
      },
    };
  } catch (error) {
    return failed('invite', error, locale);
  }
};

const update: Handler = async ({ deps, viewer, locale, form }) => {
  try {
    const result = await updateStaffMember(deps.db, viewer.person.actor, {
      userId: text(form, 'userId'),
      staffRoles: checkedValues(form, 'staffRoles') as never,
      departmentId: text(form, 'departmentId'),
    });
    const name = text(form, 'name');
    return {
      intent: 'update',
      status: 200,
      notice: translate(locale, result.changed ? 'people.updated' : 'people.unchanged', { name }),
    };
  } catch (error) {
    return failed('update', error, locale);
  }
};

const deactivate: Handler = async ({ deps, viewer, locale, form }) => {
  try {
    const result = await deactivateStaffMember(deps.db, viewer.person.actor, {
      userId: text(form, 'userId'),
      reason: optionalText(form, 'reason'),
    });
    return {
      intent: 'deactivate',
      status: 200,
      notice: translate(locale, 'people.deactivated', {
        name: text(form, 'name'),
        count: result.sessionsEnded,
      }),
    };
  } catch (error) {
    return failed('deactivate', error, locale);
  }
};

const reactivate: Handler = async ({ deps, viewer, locale, form }) => {
  try {
    await reactivateStaffMember(deps.db, viewer.person.actor, { userId: text(form, 'userId') });
    return {
      intent: 'reactivate',
      status: 200,
      notice: translate(locale, 'people.reactivated', { name: text(form, 'name') }),
    };
  } catch (error) {
    return failed('reactivate', error, locale);
  }
};

const resetMfa: Handler = async ({ deps, viewer, locale, form }) => {
  const name = text(form, 'name');
  try {
    const result = await resetAuthenticator(deps.db, viewer.person.actor, {
      userId: text(form, 'userId'),
      reason: text(form, 'reason'),
    });
    return {
      intent: 'resetMfa',
      status: 200,
      notice: result.changed
        ? translate(locale, 'people.mfaReset.done', { name, count: result.sessionsEnded })
        : translate(locale, 'people.mfaReset.none', { name }),
    };
  } catch (error) {
    return failed('resetMfa', error, locale);
  }
};

const revoke: Handler = async ({ deps, viewer, locale, form }) => {
  try {
    const row = await revokeStaffInvitation(deps.db, viewer.person.actor, text(form, 'invitationId'));
    return {
      intent: 'revoke',
      status: 200,
      notice: translate(locale, 'people.pending.revoked', { email: row.email }),
    };
  } catch (error) {
    return failed('revoke', error, locale);
  }
};

export const peopleActions: Record<string, Handler> = {
  invite,
  update,
  deactivate,
  reactivate,
  resetMfa,
  revoke,
};

const departmentFields = {
  key: 'people.error.keyInvalid',
  nameZh: 'people.error.nameInvalid',
  nameEn: 'people.error.nameInvalid',
} as const;

const addDepartment: Handler = async ({ deps, viewer, locale, form }) => {
  try {
    const department = await createDepartment(deps.db, viewer.person.actor, {
      key: text(form, 'key'),
      nameZh: text(form, 'nameZh'),
      nameEn: text(form, 'nameEn'),
      sortOrder: optionalText(form, 'sortOrder') ?? 100,
    });
    const name = locale === 'en' ? department.nameEn : department.nameZh;
    return { intent: 'add', status: 200, notice: translate(locale, 'departments.added', { name }) };
  } catch (error) {
    const mapped = domainFormErrors(error, locale, departmentFields);
    if (!mapped) throw error;
    return { intent: 'add', status: mapped.status, errors: mapped.errors };
  }
};

const saveDepartment: Handler = async ({ deps, viewer, locale, form }) => {
  try {
    const department = await updateDepartment(deps.db, viewer.person.actor, {
      departmentId: text(form, 'departmentId'),
      nameZh: text(form, 'nameZh'),
      nameEn: text(form, 'nameEn'),
      sortOrder: Number(text(form, 'sortOrder')) || 0,
      active: isChecked(form, 'active'),
    });
    const name = locale === 'en' ? department.nameEn : department.nameZh;
    return { intent: 'save', status: 200, notice: translate(locale, 'departments.saved', { name }) };
  } catch (error) {
    const mapped = domainFormErrors(error, locale, departmentFields);
    if (!mapped) throw error;
    return { intent: 'save', status: mapped.status, errors: mapped.errors };
  }
};

export const departmentActions: Record<string, Handler> = { add: addDepartment, save: saveDepartment };
