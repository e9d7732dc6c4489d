import {
  createSession,
  hashPassword,
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  sessionCookie,
  sessionExpiresAt,
} from '@outpost/auth';
import { acceptStaffInvitation, isAppError, previewStaffInvitation } from '@outpost/core';
import { formatDateTime, translate } from '@outpost/i18n';
import { Alert, DescriptionList, TextField } from '@outpost/ui';
import { data, Form, redirect, useNavigation } from 'react-router';
import { AppLink } from '../../components/app-link';
import { depsContext, localeContext } from '../../context';
import { appErrorToForm, formText } from '../../lib/app-error.server';
import type { FormErrors } from '../../lib/form-errors';
import { useLocale, useT } from '../../lib/i18n';
import { passwordFieldError } from '../../lib/password-field.server';
import { translateError } from '../../lib/translate-error';
import type { Route } from './+types/staff-invitation';

export async function loader({ context, params }: Route.LoaderArgs) {
  const locale = context.get(localeContext);
  try {
    const preview = await previewStaffInvitation(context.get(depsContext).db, params.token);
    return {
      usable: true as const,
      email: preview.email,
      staffRoles: preview.staffRoles,
      department: preview.department
        ? locale === 'en'
          ? preview.department.nameEn
          : preview.department.nameZh
        : null,
      expiresAt: preview.expiresAt.toISOString(),
      expires: formatDateTime(locale, preview.expiresAt),
      minPasswordLength: MIN_PASSWORD_LENGTH,
    };
  } catch (error) {
    if (isAppError(error) && (error.code === 'gone' || error.code === 'not_found')) {
      return data(
        { usable: false as const, messageKey: error.messageKey ?? 'errors.invitation_invalid' },
        { status: error.status },
      );
    }
    throw error;
  }
}

export async function action({ context, params, request }: Route.ActionArgs) {
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const form = await request.formData();
  const displayName = formText(form, 'displayName').trim();
  const password = formText(form, 'password');
  const fields: Record<string, string> = {};
  if (!displayName || displayName.length > 100)
    fields.displayName = translate(locale, 'staff-invitation.nameRequired');
  const problem = passwordFieldError(locale, password);
  if (problem) fields.password = problem;
  else if (password !== formText(form, 'confirmPassword')) {
    fields.confirmPassword = translate(locale, 'staff-invitation.passwordMismatch');
  }
  if (Object.keys(fields).length > 0)
    return data({ errors: { fields } as FormErrors, displayName }, { status: 422 });
  try {
    const { userId } = await acceptStaffInvitation(
      db,
      params.token,
      { displayName, password },
      { hash: hashPassword, problem: passwordProblem },
    );
    const { token, session } = await createSession(db, userId, {
      userAgent: request.headers.get('user-agent'),
    });
    return redirect('/s', {
      headers: { 'Set-Cookie': sessionCookie(token, request.url, sessionExpiresAt(session)) },
    });
  } catch (error) {
    const mapped = appErrorToForm(error, locale);
    if (!mapped) throw error;
    const message = mapped.errors.form ?? Object.values(mapped.errors.fields ?? {})[0];
    return data({ errors: { form: message } as FormErrors, displayName }, { status: mapped.status });
  }
}

/** A member of staff accepts the invitation an administrator sent: names themselves, sets a password, lands signed in. */
export default function AcceptStaffInvitation({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const navigation = useNavigation();
  if (!loaderData.usable) {
    return (
      <div className="page page--narrow">
        <title>{`${t('staff-invitation.unusableTitle')} · ${t('app.name')}`}</title>
        <div className="card auth-card stack">
          <h1>{t('staff-invitation.unusableTitle')}</h1>
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
  return (
    <div className="page page--narrow">
      <title>{`${t('staff-invitation.title')} · ${t('app.name')}`}</title>
      <div className="card auth-card stack">
        <h1>{t('staff-invitation.title')}</h1>
        <p className="muted">{t('staff-invitation.intro')}</p>
        <DescriptionList
          items={[
            { term: t('staff-invitation.email'), details: loaderData.email },
            {
              term: t('staff-invitation.roles'),
              details: loaderData.staffRoles
                .map((r) => t(`role.${r}` as never))
                .join(locale === 'en' ? ', ' : '、'),
            },
            {
              term: t('staff-invitation.department'),
              details: loaderData.department ?? t('people.noDepartment'),
            },
            {
              term: t('staff-invitation.expires'),
              details: <time dateTime={loaderData.expiresAt}>{loaderData.expires}</time>,
            },
          ]}
        />
        {errors.form ? <Alert tone="error">{errors.form}</Alert> : null}
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="username" autoComplete="username" value={loaderData.email} />
          <TextField
            name="displayName"
            label={t('staff-invitation.displayName')}
            autoComplete="name"
            required
            maxLength={100}
            defaultValue={actionData?.displayName}
            error={errors.fields?.displayName}
          />
          <TextField
            name="password"
            type="password"
            label={t('staff-invitation.password')}
            hint={t('account.passwordPolicyHint', { min: loaderData.minPasswordLength })}
            autoComplete="new-password"
            required
            error={errors.fields?.password}
          />
          <TextField
            name="confirmPassword"
            type="password"
            label={t('staff-invitation.confirmPassword')}
            autoComplete="new-password"
            required
            error={errors.fields?.confirmPassword}
          />
          <button
            type="submit"
            className="button button--primary"
            disabled={navigation.state === 'submitting'}
          >
            {t('staff-invitation.submit')}
          </button>
        </Form>
      </div>
    </div>
  );
}
