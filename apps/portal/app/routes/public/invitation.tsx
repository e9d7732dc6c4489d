import { sessionCookie, sessionExpiresAt } from '@outpost/auth';
import { Alert, DescriptionList, TextField } from '@outpost/ui';
import { data, Form, redirect, useNavigation } from 'react-router';
import { depsContext, localeContext } from '../../context';
import type { FormErrors } from '../../lib/form-errors';
import { useT } from '../../lib/i18n';
import { acceptInvitationAction, loadInvitation } from '../../lib/partner/invitation.server';
import { translateError } from '../../lib/translate-error';
import { useLocale } from '../../lib/i18n';
import type { Route } from './+types/invitation';
import { AppLink } from '../../components/app-link';

export async function loader({ context, params }: Route.LoaderArgs) {
  const invitation = await loadInvitation(
    context.get(depsContext).db,
    params.token,
    context.get(localeContext),
  );
  // A dead link renders its own explanation (with the right status), not the generic error page.
  return data(invitation, { status: invitation.usable ? 200 : invitation.status });
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const locale = context.get(localeContext);
  const result = await acceptInvitationAction(
    context.get(depsContext).db,
    params.token,
    await request.formData(),
    locale,
    { userAgent: request.headers.get('user-agent') },
  );
  if (!result.ok) {
    return data({ errors: result.errors, displayName: result.displayName }, { status: result.status });
  }
  const { token, session } = result.session;
  return redirect('/p', {
    headers: { 'Set-Cookie': sessionCookie(token, request.url, sessionExpiresAt(session)) },
  });
}

/** A partner user accepts the invitation they were sent: names themselves, sets a password, lands signed in. */
export default function AcceptInvitation({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  if (!loaderData.usable) {
    return (
      <div className="page page--narrow">
        <title>{`${t('partner-portal.invitation.unusableTitle')} · ${t('app.name')}`}</title>
        <div className="card auth-card">
          <h1>{t('partner-portal.invitation.unusableTitle')}</h1>
          <Alert tone="error">{translateError(locale, loaderData.messageKey)}</Alert>
          <p>
            <AppLink to="/sign-in" className="button">
              {t('partner-portal.invitation.signIn')}
            </AppLink>
          </p>
        </div>
      </div>
    );
  }
  const errors: FormErrors = actionData?.errors ?? {};
  const busy = navigation.state === 'submitting';
  const title = t('partner-portal.invitation.title', { partner: loaderData.partnerName });
  return (
    <div className="page page--narrow">
      <title>{`${title} · ${t('app.name')}`}</title>
      <div className="card auth-card stack">
        <h1>{title}</h1>
        <p className="muted">{t('partner-portal.invitation.intro')}</p>
        <DescriptionList
          items={[
            { term: t('partner-portal.invitation.partner'), details: loaderData.partnerName },
            { term: t('partner-portal.invitation.email'), details: loaderData.email },
            { term: t('partner-portal.invitation.role'), details: t(`role.${loaderData.role}` as never) },
            {
              term: t('partner-portal.invitation.expires'),
              details: <time dateTime={loaderData.expiresAt}>{loaderData.expires}</time>,
            },
          ]}
        />
        {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
        <Form method="post" noValidate className="stack">
          {/* Lets password managers file the new password under the right account. */}
          <input type="hidden" name="username" autoComplete="username" value={loaderData.email} />
          <TextField
            name="displayName"
            label={t('partner-portal.invitation.displayName')}
            autoComplete="name"
            required
            maxLength={100}
            defaultValue={actionData?.displayName}
            error={errors.fields?.displayName}
          />
          <TextField
            name="password"
            type="password"
            label={t('partner-portal.invitation.password')}
            hint={t('account.passwordPolicyHint', { min: loaderData.minPasswordLength })}
            autoComplete="new-password"
            required
            error={errors.fields?.password}
          />
          <TextField
            name="confirmPassword"
            type="password"
            label={t('partner-portal.invitation.confirmPassword')}
            autoComplete="new-password"
            required
            error={errors.fields?.confirmPassword}
          />
          <button type="submit" className="button button--primary" disabled={busy}>
            {t('partner-portal.invitation.submit')}
          </button>
        </Form>
      </div>
    </div>
  );
}
