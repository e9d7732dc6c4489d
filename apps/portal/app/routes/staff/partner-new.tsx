import { can } from '@outpost/core';
import { criticalities, serviceCategories } from '@outpost/db';
import { Alert, SelectField, TextField } from '@outpost/ui';
import { Form, Link, useNavigation } from 'react-router';
import { categoryLabel, criticalityLabel } from '../../components/partner-labels';
import { CopyLink } from '../../components/staff/copy-link';
import { CheckboxGroup } from '../../components/staff/fields';
import { localeContext } from '../../context';
import { useT } from '../../lib/i18n';
import { routeError } from '../../lib/route-error';
import type { StaffActionData } from '../../lib/staff/action-result';
import { type InviteOutcome, invitePartnerAction } from '../../lib/staff/invite-partner.server';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/partner-new';
import { AppLink } from '../../components/app-link';

export function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  if (!can(person.actor, 'invite:partner'))
    throw routeError(context.get(localeContext), 403, 'errors.forbidden');
  return { categories: [...serviceCategories], criticalities: [...criticalities] };
}

export function action({ context, request }: Route.ActionArgs) {
  return runStaffAction(context, request, { invite: invitePartnerAction });
}

/** Staff invite a partner organisation: it is registered as "invited" and its administrator gets a single-use link. */
export default function InvitePartner({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const result = actionData as StaffActionData<InviteOutcome> | undefined;
  const fields = result?.errors?.fields ?? {};
  const done = result?.notice && result.extra?.partnerId ? result.extra : null;
  return (
    <div className="page page--medium">
      <title>{`${t('staff-portal.invite.title')} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/s/partners">{t('staff.partners')}</AppLink>
      </nav>
      <header className="page-header">
        <h1>{t('staff-portal.invite.title')}</h1>
        <p className="muted">{t('staff-portal.invite.intro')}</p>
      </header>

      {done ? (
        <section className="card stack" aria-labelledby="invite-done">
          <h2 id="invite-done">{result?.notice}</h2>
          {done.link ? (
            <>
              <p>{t('staff-portal.invite.passOn', { email: done.email ?? '' })}</p>
              <CopyLink label={t('staff-portal.invite.link')} value={done.link} />
              <p className="muted">{t('staff-portal.invite.expires', { when: done.expiresAt ?? '' })}</p>
            </>
          ) : (
            <p>{t('staff-portal.invite.emailed', { email: done.email ?? '', when: done.expiresAt ?? '' })}</p>
          )}
          <p className="staff-actions">
            <AppLink className="button button--primary" to={`/s/partners/${done.partnerId}`}>
              {t('staff-portal.invite.openPartner')}
            </AppLink>
            <Link className="button" to="/s/partners/new" reloadDocument>
              {t('staff-portal.invite.another')}
            </Link>
          </p>
        </section>
      ) : (
        <section className="card" aria-labelledby="invite-form-heading">
          <h2 id="invite-form-heading" className="visually-hidden">
            {t('staff-portal.invite.title')}
          </h2>
          <Form method="post" noValidate className="stack">
            <input type="hidden" name="intent" value="invite" />
            {result?.errors?.form ? <Alert tone="error">{result.errors.form}</Alert> : null}
            <TextField
              name="legalName"
              label={t('staff.legalName')}
              required
              maxLength={200}
              error={fields.legalName}
            />
            <TextField
              name="creditCode"
              label={t('partner.creditCode')}
              hint={t('staff-portal.invite.creditCodeHint')}
              required
              maxLength={30}
              autoComplete="off"
              error={fields.creditCode}
            />
            {result?.extra?.existingPartnerId ? (
              <p>
                <AppLink to={`/s/partners/${result.extra.existingPartnerId}`}>
                  {t('staff-portal.invite.existingPartner')}
                </AppLink>
              </p>
            ) : null}
            <CheckboxGroup
              name="serviceCategories"
              label={t('partner.categories')}
              options={loaderData.categories.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
              error={fields.serviceCategories}
            />
            <SelectField
              name="criticality"
              label={t('partner.criticality')}
              defaultValue="standard"
              options={loaderData.criticalities.map((c) => ({ value: c, label: criticalityLabel(t, c) }))}
              error={fields.criticality}
            />
            <TextField
              name="contactEmail"
              type="email"
              label={t('staff-portal.invite.contactEmail')}
              hint={t('staff-portal.invite.contactEmailHint')}
              autoComplete="off"
              required
              error={fields.contactEmail}
            />
            <div>
              <button
                type="submit"
                className="button button--primary"
                disabled={navigation.state === 'submitting'}
              >
                {t('staff-portal.invite.submit')}
              </button>
            </div>
          </Form>
        </section>
      )}
    </div>
  );
}
