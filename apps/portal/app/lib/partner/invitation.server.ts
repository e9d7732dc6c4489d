import {
  createSession,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  type NewSession,
  passwordProblem,
} from '@outpost/auth';
import { acceptInvitation, isAppError, previewInvitation } from '@outpost/core';
import type { Database } from '@outpost/db';
import { formatDateTime, type Locale, translate } from '@outpost/i18n';
import { formText } from '../app-error.server';
import type { FormErrors } from '../form-errors';
import { domainErrorToForm } from './form-errors.server';

export type InvitationPreview =
  | {
      usable: true;
      partnerName: string;
      email: string;
      role: string;
      expiresAt: string;
      expires: string;
      minPasswordLength: number;
    }
  | { usable: false; status: number; messageKey: string };

/**
 * What the invitation page shows: whom the link is for, or why it no longer works
 * (used, expired or never valid — core gives all bad tokens the same neutral error).
 */
export async function loadInvitation(
  db: Database,
  token: string,
  locale: Locale,
): Promise<InvitationPreview> {
  try {
    const preview = await previewInvitation(db, token);
    return {
      usable: true,
      partnerName: preview.partnerName,
      email: preview.email,
      role: preview.role,
      expiresAt: preview.expiresAt.toISOString(),
      expires: formatDateTime(locale, preview.expiresAt),
      minPasswordLength: MIN_PASSWORD_LENGTH,
    };
  } catch (error) {
    if (isAppError(error) && (error.code === 'gone' || error.code === 'not_found')) {
      return {
        usable: false,
        status: error.status,
        messageKey: error.messageKey ?? 'errors.invitation_invalid',
      };
    }
    throw error;
  }
}

export type AcceptResult =
  | { ok: true; session: NewSession }
  | { ok: false; status: number; errors: FormErrors; displayName: string };

/**
 * Accepts an invitation from the form: checks the two passwords match (a typo here
 * would lock the person out), lets core create the account, then opens a session
 * so they land signed in.
 */
export async function acceptInvitationAction(
  db: Database,
  token: string,
  form: FormData,
  locale: Locale,
  meta: { userAgent?: string | null } = {},
): Promise<AcceptResult> {
  const displayName = formText(form, 'displayName').trim();
  const password = formText(form, 'password');
  const confirmPassword = formText(form, 'confirmPassword');
  const fields: Record<string, string> = {};
  if (!displayName) fields.displayName = translate(locale, 'partner-portal.invitation.nameRequired');
  const problem = passwordProblem(password);
  if (problem) {
    fields.password = translate(locale, problem.key, { min: MIN_PASSWORD_LENGTH, max: MAX_PASSWORD_LENGTH });
  } else if (password !== confirmPassword) {
    fields.confirmPassword = translate(locale, 'partner-portal.invitation.passwordMismatch');
  }
  if (Object.keys(fields).length > 0) return { ok: false, status: 400, errors: { fields }, displayName };
  try {
    const { userId } = await acceptInvitation(
      db,
      token,
      { displayName, password },
      { hash: hashPassword, problem: passwordProblem },
    );
    return { ok: true, session: await createSession(db, userId, { userAgent: meta.userAgent ?? null }) };
  } catch (error) {
    const mapped = domainErrorToForm(error, locale, {
      displayName: translate(locale, 'partner-portal.invitation.nameRequired'),
      password: translate(locale, 'account.passwordTooShort', { min: MIN_PASSWORD_LENGTH }),
    });
    if (!mapped) throw error;
    return { ok: false, status: mapped.status, errors: mapped.errors, displayName };
  }
}
