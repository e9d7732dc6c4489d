import {
  beginSignIn,
  challengeCookie,
  DEVICE_COOKIE,
  deviceCookieHeader,
  readCookie,
  sessionCookie,
  sessionExpiresAt,
} from '@outpost/auth';
import { translate } from '@outpost/i18n';
import { Alert, TextField } from '@outpost/ui';
import { data, Form, redirect, useNavigation } from 'react-router';
import { depsContext, localeContext, viewerContext } from '../context';
import { appErrorToForm, formText } from '../lib/app-error.server';
import { clientIp } from '../lib/client-ip.server';
import type { FormErrors } from '../lib/form-errors';
import { useT } from '../lib/i18n';
import { safeRedirectPath } from '../lib/safe-redirect';
import { homePath } from '../lib/viewer.server';
import type { Route } from './+types/sign-in';

export function loader({ context, request }: Route.LoaderArgs) {
  const redirectTo = new URL(request.url).searchParams.get('redirectTo');
  const viewer = context.get(viewerContext);
  if (viewer) throw redirect(safeRedirectPath(redirectTo, homePath(viewer)));
  return { redirectTo: redirectTo ? safeRedirectPath(redirectTo, '') : '' };
}

export async function action({ context, request }: Route.ActionArgs) {
  const locale = context.get(localeContext);
  const form = await request.formData();
  const email = formText(form, 'email').trim();
  const password = formText(form, 'password');
  const fields: Record<string, string> = {};
  if (!email) fields.email = translate(locale, 'auth.emailRequired');
  if (!password) fields.password = translate(locale, 'auth.passwordRequired');
  if (Object.keys(fields).length > 0) {
    return data({ errors: { fields } satisfies FormErrors, email }, { status: 400 });
  }
  try {
    const { db } = context.get(depsContext);
    const result = await beginSignIn(db, {
      email,
      password,
      ip: clientIp(request),
      userAgent: request.headers.get('user-agent'),
      deviceCookie: readCookie(request.headers.get('cookie'), DEVICE_COOKIE),
    });
    // Where to go depends on who signed in; "/" sends them to their home.
    const to = safeRedirectPath(formText(form, 'redirectTo'), '/');
    // A person with an authenticator has no session yet: the second step comes first (decision record 043).
    if ('secondStep' in result) {
      const next =
        to === '/' ? '/sign-in/verify' : `/sign-in/verify?${new URLSearchParams({ redirectTo: to })}`;
      return redirect(next, {
        headers: { 'Set-Cookie': challengeCookie(result.challengeToken, request.url) },
      });
    }
    const headers = new Headers();
    headers.append('Set-Cookie', sessionCookie(result.token, request.url, sessionExpiresAt(result.session)));
    if (result.deviceCookie)
      headers.append('Set-Cookie', deviceCookieHeader(result.deviceCookie, request.url));
    return redirect(to, { headers });
  } catch (error) {
    const mapped = appErrorToForm(error, locale);
    if (!mapped) throw error;
    // Wrong e-mail and wrong password read the same; the message is about the pair.
    return data(
      { errors: { form: mapped.errors.form ?? Object.values(mapped.errors.fields ?? {})[0] }, email },
      { status: mapped.status },
    );
  }
}

export default function SignIn({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const errors: FormErrors = actionData?.errors ?? {};
  const busy = navigation.state === 'submitting' && navigation.formAction?.startsWith('/sign-in');
  return (
    <div className="page page--narrow">
      <title>{`${t('auth.signIn')} · ${t('app.name')}`}</title>
      <div className="card auth-card">
        <h1>{t('auth.signInTitle')}</h1>
        <p className="muted">{t('app.tagline')}</p>
        {loaderData.redirectTo && !errors.form ? <Alert tone="info">{t('auth.required')}</Alert> : null}
        {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="redirectTo" value={loaderData.redirectTo} />
          <TextField
            name="email"
            type="email"
            label={t('auth.email')}
            autoComplete="username"
            required
            defaultValue={actionData?.email}
            error={errors.fields?.email}
          />
          <TextField
            name="password"
            type="password"
            label={t('auth.password')}
            autoComplete="current-password"
            required
            error={errors.fields?.password}
          />
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('auth.signIn')}
          </button>
        </Form>
      </div>
    </div>
  );
}
