import { emailKinds, setEmailPreferences } from '@outpost/core';
import {
  changePassword,
  endOwnSession,
  invalidateUserSessions,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
} from '@outpost/auth';
import { linkSlackUser, resolveSlackLinkRequest, setLocale, unlinkSlackUser } from '@outpost/core';
import { isLocale, type Locale, translate } from '@outpost/i18n';
import type { PortalDeps } from '../context';
import { appErrorToForm, formText } from './app-error.server';
import type { FormErrors } from './form-errors';
import type { Viewer } from './viewer.server';
import { loggerFor } from '@outpost/log';

/**
 * The account page's forms. Each returns what the page shows next: a notice on
 * success or translated errors; `setCookie` when the language cookie must follow
 * the saved preference. Unexpected failures propagate to the error boundary.
 */
export type AccountIntent =
  | 'password'
  | 'sessions'
  | 'language'
  | 'slack-link'
  | 'slack-unlink'
  | 'slack-request-confirm'
  | 'slack-request-decline'
  | 'email'
  | 'session-end';

export interface AccountResult {
  intent: AccountIntent;
  status: number;
  notice?: string;
  errors?: FormErrors;
  setCookieLocale?: Locale;
}

interface Args {
  deps: PortalDeps;
  viewer: Viewer;
  locale: Locale;
  form: FormData;
}

export async function changePasswordAction({ deps, viewer, locale, form }: Args): Promise<AccountResult> {
  const currentPassword = formText(form, 'currentPassword');
  const newPassword = formText(form, 'newPassword');
  const confirmPassword = formText(form, 'confirmPassword');
  const fields: Record<string, string> = {};
  if (!currentPassword) fields.currentPassword = translate(locale, 'auth.passwordRequired');
  if (newPassword.length < MIN_PASSWORD_LENGTH) {
    fields.newPassword = translate(locale, 'account.passwordTooShort', { min: MIN_PASSWORD_LENGTH });
  } else if (newPassword.length > MAX_PASSWORD_LENGTH) {
    fields.newPassword = translate(locale, 'account.passwordTooLong', { max: MAX_PASSWORD_LENGTH });
  } else if (newPassword === currentPassword) {
    fields.newPassword = translate(locale, 'account.passwordUnchanged');
  }
  if (!fields.newPassword && newPassword !== confirmPassword) {
    fields.confirmPassword = translate(locale, 'account.passwordMismatch');
  }
  if (Object.keys(fields).length > 0) return { intent: 'password', status: 400, errors: { fields } };
  try {
    await changePassword(deps.db, viewer.person.actor, {
      currentPassword,
      newPassword,
      keepSessionId: viewer.session.id,
    });
  } catch (error) {
    const mapped = appErrorToForm(error, locale);
    if (!mapped) throw error;
    return { intent: 'password', status: mapped.status, errors: mapped.errors };
  }
  return { intent: 'password', status: 200, notice: translate(locale, 'account.passwordChanged') };
}

export async function signOutEverywhereAction({ deps, viewer, locale }: Args): Promise<AccountResult> {
  const { person, session } = viewer;
  const ended = await invalidateUserSessions(deps.db, person.actor, person.user.id, session.id);
  return {
    intent: 'sessions',
    status: 200,
    notice: translate(locale, 'account.sessionsEnded', { count: ended }),
  };
}

export async function saveLanguageAction({ deps, viewer, locale, form }: Args): Promise<AccountResult> {
  const chosen = formText(form, 'locale');
  if (!isLocale(chosen)) {
    return {
      intent: 'language',
      status: 400,
      errors: { fields: { locale: translate(locale, 'errors.refused') } },
    };
  }
  await setLocale(deps.db, viewer.person.actor, chosen);
  // The cookie outranks the saved preference, so it must change too or nothing would.
  return {
    intent: 'language',
    status: 200,
    notice: translate(chosen, 'account.languageSaved'),
    setCookieLocale: chosen,
  };
}

export async function linkSlackAction({ deps, viewer, locale }: Args): Promise<AccountResult> {
  if (!deps.slack) {
    return {
      intent: 'slack-link',
      status: 409,
      errors: { form: translate(locale, 'account.slackNotConfigured') },
    };
  }
  const { user, actor } = viewer.person;
  let found: Awaited<ReturnType<NonNullable<PortalDeps['slack']>['lookupUserByEmail']>>;
  try {
    found = await deps.slack.lookupUserByEmail(user.email);
  } catch (error) {
    // Slack being down is not our bug, but worth a log line for whoever runs Outpost.
    loggerFor('portal').error({ err: error }, 'Slack lookup by e-mail failed');
    return {
      intent: 'slack-link',
      status: 502,
      errors: { form: translate(locale, 'account.slackUnavailable') },
    };
  }
  if (!found) {
    return {
      intent: 'slack-link',
      status: 404,
      errors: { form: translate(locale, 'account.slackNoMatch', { email: user.email }) },
    };
  }
  try {
    await linkSlackUser(deps.db, actor, {
      userId: user.id,
      slackUserId: found.slackUserId,
      slackTeamId: found.teamId,
      // The signed-in person asked for it here: this is the confirmation a move needs.
      via: 'portal',
    });
  } catch (error) {
    const mapped = appErrorToForm(error, locale);
    if (!mapped) throw error;
    return {
      intent: 'slack-link',
      status: mapped.status,
      errors: { form: mapped.errors.form ?? translate(locale, 'errors.refused') },
    };
  }
  return {
    intent: 'slack-link',
    status: 200,
    notice: translate(locale, 'account.slackLinked', { slackUserId: found.slackUserId }),
  };
}

export async function unlinkSlackAction({ deps, viewer, locale }: Args): Promise<AccountResult> {
  await unlinkSlackUser(deps.db, viewer.person.actor);
  return { intent: 'slack-unlink', status: 200, notice: translate(locale, 'account.slackUnlinked') };
}

async function resolveLinkRequest(
  { deps, viewer, locale, form }: Args,
  confirm: boolean,
): Promise<AccountResult> {
  const intent = confirm ? 'slack-request-confirm' : 'slack-request-decline';
  try {
    await resolveSlackLinkRequest(deps.db, viewer.person.actor, {
      requestId: formText(form, 'requestId'),
      confirm,
    });
  } catch (error) {
    const mapped = appErrorToForm(error, locale);
    if (!mapped) throw error;
    return {
      intent,
      status: mapped.status,
      errors: { form: mapped.errors.form ?? translate(locale, 'errors.refused') },
    };
  }
  return {
    intent,
    status: 200,
    notice: translate(
      locale,
      confirm ? 'audit-anchor.linkRequestConfirmed' : 'audit-anchor.linkRequestDeclined',
    ),
  };
}

export const accountActions: Record<AccountIntent, (args: Args) => Promise<AccountResult>> = {
  password: changePasswordAction,
  sessions: signOutEverywhereAction,
  language: saveLanguageAction,
  'slack-link': linkSlackAction,
  'slack-unlink': unlinkSlackAction,
  email: saveEmailPreferencesAction,
  'slack-request-confirm': (args) => resolveLinkRequest(args, true),
  'slack-request-decline': (args) => resolveLinkRequest(args, false),
  'session-end': endOneSessionAction,
};

/** "Sign out this one" on the account page's session list (decision record 043). */
async function endOneSessionAction({ deps, viewer, locale, form }: Args): Promise<AccountResult> {
  const sessionId = formText(form, 'sessionId');
  if (!sessionId || sessionId === viewer.session.id) {
    return { intent: 'session-end', status: 400, errors: { form: translate(locale, 'sessions.notFound') } };
  }
  try {
    await endOwnSession(deps.db, viewer.person.actor, sessionId);
  } catch (error) {
    const mapped = appErrorToForm(error, locale);
    if (!mapped) throw error;
    return {
      intent: 'session-end',
      status: mapped.status,
      errors: { form: mapped.errors.form ?? translate(locale, 'sessions.notFound') },
    };
  }
  return { intent: 'session-end', status: 200, notice: translate(locale, 'sessions.ended') };
}

/** Which kinds of partner e-mail the person receives (ticked boxes); the inbox keeps everything. */
async function saveEmailPreferencesAction({ deps, viewer, locale, form }: Args): Promise<AccountResult> {
  const enabled = form
    .getAll('emailKinds')
    .filter((v): v is (typeof emailKinds)[number] => (emailKinds as readonly unknown[]).includes(v));
  await setEmailPreferences(deps.db, viewer.person.actor, { enabled });
  return { intent: 'email', status: 200, notice: translate(locale, 'partner-status.email.saved') };
}
