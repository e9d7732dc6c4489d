import {
  hashPassword,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  requestPasswordResetThrottled,
} from '@outpost/auth';
import { completePasswordToken, isAppError, previewPasswordToken, RESET_TTL_MINUTES } from '@outpost/core';
import type { Database } from '@outpost/db';
import { formatDateTime, type Locale, translate } from '@outpost/i18n';
import { appErrorToForm, formText } from './app-error.server';
import type { FormErrors } from './form-errors';
import { passwordFieldError } from './password-field.server';

export type ResetRequestResult =
  | { ok: true; email: string }
  | { ok: false; status: number; errors: FormErrors; email: string };

/** "Forgot password?": the same answer whether the address is ours or not; throttled per address. */
export async function requestResetAction(
  db: Database,
  form: FormData,
  locale: Locale,
  ip: string | null,
): Promise<ResetRequestResult> {
  const email = formText(form, 'email').trim().slice(0, 254);
  if (!email || !email.includes('@')) {
    return {
      ok: false,
      status: 422,
      errors: { fields: { email: translate(locale, 'people.error.emailInvalid') } },
      email,
    };
  }
  try {
    await requestPasswordResetThrottled(db, { email, ip });
    return { ok: true, email };
  } catch (error) {
    if (isAppError(error) && error.code === 'validation_failed') {
      return {
        ok: false,
        status: 422,
        errors: { fields: { email: translate(locale, 'people.error.emailInvalid') } },
        email,
      };
    }
    if (isAppError(error) && error.code === 'too_many_requests') {
      const minutes = Number(error.details?.minutes ?? 15);
      return {
        ok: false,
        status: 429,
        errors: { form: translate(locale, 'password-reset.request.throttled', { minutes }) },
        email,
      };
    }
    throw error;
  }
}

export const resetMinutes = RESET_TTL_MINUTES;

export type PasswordLinkPreview =
  | {
      usable: true;
      email: string;
      purpose: 'reset' | 'set';
      expiresAt: string;
      expires: string;
      minPasswordLength: number;
    }
  | { usable: false; status: number; messageKey: string };

export async function loadPasswordLink(
  db: Database,
  token: string,
  locale: Locale,
): Promise<PasswordLinkPreview> {
  try {
    const preview = await previewPasswordToken(db, token);
    return {
      usable: true,
      email: preview.email,
      purpose: preview.purpose,
      expiresAt: preview.expiresAt.toISOString(),
      expires: formatDateTime(locale, preview.expiresAt),
      minPasswordLength: MIN_PASSWORD_LENGTH,
    };
  } catch (error) {
    if (isAppError(error) && (error.code === 'gone' || error.code === 'not_found')) {
      return {
        usable: false,
        status: error.status,
        messageKey: error.messageKey ?? 'people.error.linkInvalid',
      };
    }
    throw error;
  }
}

export type SetPasswordResult = { ok: true } | { ok: false; status: number; errors: FormErrors };

/** Sets the password from a reset (or first-administrator) link; every session of the person ends. */
export async function setPasswordAction(
  db: Database,
  token: string,
  form: FormData,
  locale: Locale,
): Promise<SetPasswordResult> {
  const password = formText(form, 'password');
  const confirm = formText(form, 'confirmPassword');
  const problem = passwordFieldError(locale, password);
  if (problem) return { ok: false, status: 422, errors: { fields: { password: problem } } };
  if (password !== confirm) {
    return {
      ok: false,
      status: 422,
      errors: { fields: { confirmPassword: translate(locale, 'account.passwordMismatch') } },
    };
  }
  try {
    await completePasswordToken(db, token, password, { hash: hashPassword, problem: passwordProblem });
    return { ok: true };
  } catch (error) {
    const mapped = appErrorToForm(error, locale);
    if (!mapped) throw error;
    return {
      ok: false,
      status: mapped.status,
      errors: { form: mapped.errors.form ?? Object.values(mapped.errors.fields ?? {})[0] },
    };
  }
}
