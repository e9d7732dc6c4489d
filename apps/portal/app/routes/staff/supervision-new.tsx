import { can, partnerChoices, supervisionOwners } from '@outpost/core';
import { partnerRegions } from '@outpost/db';
import { todayInChina } from '@outpost/i18n';
import { redirect } from 'react-router';
import { AppLink } from '../../components/app-link';
import { CheckboxGroup, InputField, TextAreaField } from '../../components/staff/fields';
import { FormOutcome, fieldErrorsOf } from '../../components/staff/form-outcome';
import { depsContext, localeContext } from '../../context';
import { useT } from '../../lib/i18n';
import { routeError } from '../../lib/route-error';
import type { StaffActionData } from '../../lib/staff/action-result';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { createTaskAction } from '../../lib/supervision/actions.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/supervision-new';
import { IntentForm } from '../../components/intent-form';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  if (!can(person.actor, 'manage:supervision')) {
    throw routeError(context.get(localeContext), 403, 'errors.forbidden');
  }
  const db = context.get(depsContext).db;
  const [owners, partners] = await Promise.all([
    supervisionOwners(db, person.actor),
    partnerChoices(db, person.actor),
  ]);
  return {
    owners,
    partners: partners.map((p) => ({ id: p.id, name: p.name })),
    regions: [...partnerRegions],
    today: todayInChina(),
    me: person.user.id,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  if (!can(person.actor, 'manage:supervision')) {
    throw routeError(context.get(localeContext), 403, 'errors.forbidden');
  }
  const response = await runStaffAction(context, request, { create: createTaskAction });
  const payload = response.data as StaffActionData<{ id?: string }>;
  if (response.init?.status === 200 && payload.extra?.id) {
    return redirect(`/s/supervision/${payload.extra.id}?created=1`);
  }
  return response;
}

/** A new inspection task: scope (partners and/or regions), owner, due date. */
export default function SupervisionNew({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const d = loaderData;
  const result = actionData as StaffActionData | undefined;
  const errors = fieldErrorsOf(result, 'create');
  return (
    <div className="page">
      <title>{`${t('supervision.new')} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/s/supervision">{t('supervision.back')}</AppLink>
      </nav>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('supervision.eyebrow')}</p>
        <h1>{t('supervision.new')}</h1>
      </header>
      <IntentForm intent="create" submitLabel={t('supervision.create')} primary inline>
        <FormOutcome result={result} intent="create" />
        <InputField
          name="title"
          label={t('supervision.field.title')}
          error={errors.title}
          required
          maxLength={200}
        />
        <TextAreaField name="description" label={t('supervision.field.description')} maxLength={5000} />
        <CheckboxGroup
          name="partnerIds"
          label={t('supervision.field.partners')}
          hint={t('supervision.field.scopeHint')}
          error={errors.partnerIds}
          options={d.partners.map((p) => ({ value: p.id, label: p.name }))}
        />
        <CheckboxGroup
          name="regions"
          label={t('supervision.field.regions')}
          error={errors.regions}
          options={d.regions.map((r) => ({ value: r, label: t(`targets.region.${r}` as never) }))}
        />
        <div className={errors.ownerId ? 'ui-field ui-field--invalid' : 'ui-field'}>
          <label htmlFor="sv-owner">{t('supervision.field.owner')}</label>
          <select id="sv-owner" name="ownerId" defaultValue={d.me}>
            {d.owners.map((o) => (
              <option key={o.id} value={o.id}>
                {o.name}
              </option>
            ))}
          </select>
          {errors.ownerId ? <p className="ui-field__error">{errors.ownerId}</p> : null}
        </div>
        <InputField
          name="dueDate"
          type="date"
          label={t('supervision.field.dueDate')}
          error={errors.dueDate}
          min={d.today}
          required
        />
      </IntentForm>
    </div>
  );
}
