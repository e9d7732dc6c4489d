import { Alert, TextField } from '@outpost/ui';
import { data, Form, redirect, useNavigation } from 'react-router';
import { AppLink } from '../../components/app-link';
import { depsContext, localeContext } from '../../context';
import type { FormErrors } from '../../lib/form-errors';
import { useLocale, useT } from '../../lib/i18n';
import { loadPasswordLink, setPasswordAction } from '../../lib/password-reset.server';
import { translateError } from '../../lib/translate-error';
import type { Route } from './+types/reset-password';

export async function loader({ context, params }: Route.LoaderArgs) {
  const link = await loadPasswordLink(context.get(depsContext).db, params.token, context.get(localeContext));
  return data(link, { status: link.usable ? 200 : link.status });
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const result = await setPasswordAction(
    context.get(depsContext).db,
    params.token,
    await request.formData(),
    context.get(localeContext),
  );
  if (!result.ok) return data({ errors: result.errors }, { status: result.status });
  return redirect('/sign-in?passwordSet=1');
}

/** A reset link from the e-mail, or the first administrator's link from `admin:create`: choose a password. */
export default function ResetPassword({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  if (!loaderData.usable) {
    return (
      <div className="page page--narrow">
        <title>{`${t('password-reset.set.unusableTitle')} · ${t('app.name')}`}</title>
        <div className="card auth-card stack">
          <h1>{t('password-reset.set.unusableTitle')}</h1>
          <Alert tone="error">{translateError(locale, loaderData.messageKey)}</Alert>
          <p>
            <AppLink to="/forgot-password">{t('password-reset.forgot')}</AppLink>
          </p>
        </div>
      </div>
    );
  }
  const errors: FormErrors = actionData?.errors ?? {};
  const title =
    loaderData.purpose === 'set' ? t('password-reset.set.firstTitle') : t('password-reset.set.title');
  return (
    <div className="page page--narrow">
      <title>{`${title} · ${t('app.name')}`}</title>
      <div className="card auth-card stack">
        <h1>{title}</h1>
        <p className="muted">{t('password-reset.set.intro', { email: loaderData.email })}</p>
        {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="username" autoComplete="username" value={loaderData.email} />
          <TextField
            name="password"
            type="password"
            label={t('password-reset.set.password')}
            hint={t('account.passwordPolicyHint', { min: loaderData.minPasswordLength })}
            autoComplete="new-password"
            required
            error={errors.fields?.password}
          />
          <TextField
            name="confirmPassword"
            type="password"
            label={t('password-reset.set.confirm')}
            autoComplete="new-password"
            required
            error={errors.fields?.confirmPassword}
          />
          <button
            type="submit"
            className="button button--primary"
            disabled={navigation.state === 'submitting'}
          >
            {t('password-reset.set.submit')}
          </button>
        </Form>
      </div>
    </div>
  );
}
