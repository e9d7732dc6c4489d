import { Alert, TextField } from '@outpost/ui';
import { data, Form, useNavigation } from 'react-router';
import { AppLink } from '../../components/app-link';
import { depsContext, localeContext } from '../../context';
import { clientIp } from '../../lib/client-ip.server';
import type { FormErrors } from '../../lib/form-errors';
import { useT } from '../../lib/i18n';
import { requestResetAction, resetMinutes } from '../../lib/password-reset.server';
import type { Route } from './+types/forgot-password';

export function loader() {
  return { minutes: resetMinutes };
}

export async function action({ context, request }: Route.ActionArgs) {
  const result = await requestResetAction(
    context.get(depsContext).db,
    await request.formData(),
    context.get(localeContext),
    clientIp(request),
  );
  return data(result, { status: result.ok ? 200 : result.status });
}

/** "Forgot password?" (decision record 042): the same answer whether the address is ours or not. */
export default function ForgotPassword({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const errors: FormErrors = actionData && !actionData.ok ? actionData.errors : {};
  return (
    <div className="page page--narrow">
      <title>{`${t('password-reset.request.title')} · ${t('app.name')}`}</title>
      <div className="card auth-card stack">
        <h1>{t('password-reset.request.title')}</h1>
        {actionData?.ok ? (
          <Alert tone="success">{t('password-reset.request.sent', { email: actionData.email })}</Alert>
        ) : (
          <>
            <p className="muted">{t('password-reset.request.intro', { minutes: loaderData.minutes })}</p>
            {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
            <Form method="post" noValidate className="stack">
              <TextField
                name="email"
                type="email"
                label={t('password-reset.request.email')}
                autoComplete="username"
                required
                maxLength={254}
                defaultValue={actionData?.email}
                error={errors.fields?.email}
              />
              <button
                type="submit"
                className="button button--primary"
                disabled={navigation.state === 'submitting'}
              >
                {t('password-reset.request.submit')}
              </button>
            </Form>
          </>
        )}
        <p>
          <AppLink to="/sign-in">{t('password-reset.backToSignIn')}</AppLink>
        </p>
      </div>
    </div>
  );
}
