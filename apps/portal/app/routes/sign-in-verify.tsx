import {
  clearChallengeCookie,
  completeSignIn,
  deviceCookieHeader,
  pendingSignIn,
  readCookie,
  SIGN_IN_CHALLENGE_COOKIE,
  sessionCookie,
  sessionExpiresAt,
} from '@outpost/auth';
import { translate } from '@outpost/i18n';
import { Alert, TextField } from '@outpost/ui';
import { data, Form, redirect, useNavigation } from 'react-router';
import { AppLink } from '../components/app-link';
import { depsContext, localeContext, viewerContext } from '../context';
import { appErrorToForm, formText } from '../lib/app-error.server';
import { clientIp } from '../lib/client-ip.server';
import type { FormErrors } from '../lib/form-errors';
import { useT } from '../lib/i18n';
import { safeRedirectPath } from '../lib/safe-redirect';
import { homePath } from '../lib/viewer.server';
import type { Route } from './+types/sign-in-verify';

/**
 * The second step of signing in (decision record 043): after a correct password, a person with
 * an authenticator enters a TOTP code or a recovery code. Without a live challenge cookie there
 * is nothing to verify: back to the first step.
 */
export async function loader({ context, request }: Route.LoaderArgs) {
  const redirectTo = new URL(request.url).searchParams.get('redirectTo');
  const viewer = context.get(viewerContext);
  if (viewer) throw redirect(safeRedirectPath(redirectTo, homePath(viewer)));
  const token = readCookie(request.headers.get('cookie'), SIGN_IN_CHALLENGE_COOKIE);
  const pending = await pendingSignIn(context.get(depsContext).db, token);
  if (!pending) {
    throw redirect(redirectTo ? `/sign-in?${new URLSearchParams({ redirectTo })}` : '/sign-in', {
      headers: { 'Set-Cookie': clearChallengeCookie(request.url) },
    });
  }
  return { redirectTo: redirectTo ? safeRedirectPath(redirectTo, '') : '' };
}

export async function action({ context, request }: Route.ActionArgs) {
  const locale = context.get(localeContext);
  const form = await request.formData();
  const code = formText(form, 'code').trim();
  if (!code) {
    return data(
      { errors: { fields: { code: translate(locale, 'mfa.step.codeRequired') } } satisfies FormErrors },
      { status: 400 },
    );
  }
  try {
    const result = await completeSignIn(context.get(depsContext).db, {
      challengeToken: readCookie(request.headers.get('cookie'), SIGN_IN_CHALLENGE_COOKIE),
      code,
      ip: clientIp(request),
      userAgent: request.headers.get('user-agent'),
    });
    const headers = new Headers();
    headers.append('Set-Cookie', sessionCookie(result.token, request.url, sessionExpiresAt(result.session)));
    headers.append('Set-Cookie', clearChallengeCookie(request.url));
    if (result.deviceCookie)
      headers.append('Set-Cookie', deviceCookieHeader(result.deviceCookie, request.url));
    return redirect(safeRedirectPath(formText(form, 'redirectTo'), '/'), { headers });
  } catch (error) {
    const mapped = appErrorToForm(error, locale);
    if (!mapped) throw error;
    return data({ errors: mapped.errors }, { status: mapped.status });
  }
}

export default function SignInVerify({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const errors: FormErrors = actionData?.errors ?? {};
  const busy = navigation.state === 'submitting';
  return (
    <div className="page page--narrow">
      <title>{`${t('mfa.step.title')} · ${t('app.name')}`}</title>
      <div className="card auth-card">
        <h1>{t('mfa.step.title')}</h1>
        <p className="muted">{t('mfa.step.intro')}</p>
        {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
          <TextField
            name="code"
            label={t('mfa.step.code')}
            hint={t('mfa.step.codeHint')}
            autoComplete="one-time-code"
            required
            maxLength={40}
            error={errors.fields?.code}
          />
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('mfa.step.submit')}
          </button>
        </Form>
        <p>
          <AppLink to="/sign-in">{t('mfa.step.startOver')}</AppLink>
        </p>
      </div>
    </div>
  );
}
