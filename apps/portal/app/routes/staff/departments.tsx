import { assertCan, listDepartments } from '@outpost/core';
import { TextField } from '@outpost/ui';
import { Form } from 'react-router';
import { AppLink } from '../../components/app-link';
import { CheckboxField } from '../../components/staff/fields';
import { FormOutcome, fieldErrorsOf } from '../../components/staff/form-outcome';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import type { StaffActionData } from '../../lib/staff/action-result';
import { departmentActions, type PeopleExtra } from '../../lib/staff/people-actions.server';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/departments';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const departments = await orRouteError(locale, async () => {
    assertCan(person.actor, 'manage:users');
    return listDepartments(context.get(depsContext).db, { includeRetired: true });
  });
  return {
    departments: departments.map((d) => ({
      id: d.id,
      key: d.key,
      nameZh: d.nameZh,
      nameEn: d.nameEn,
      sortOrder: d.sortOrder,
      active: d.active,
      members: d.members,
    })),
  };
}

export function action({ context, request }: Route.ActionArgs) {
  return runStaffAction(context, request, departmentActions);
}

/** Administrators keep the list of departments staff belong to (decision record 042). */
export default function StaffDepartments({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const result = actionData as StaffActionData<PeopleExtra> | undefined;
  const addErrors = fieldErrorsOf(result, 'add');
  return (
    <div className="page">
      <title>{`${t('departments.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">
          <AppLink to="/s/people">{t('people.title')}</AppLink>
        </p>
        <h1>{t('departments.title')}</h1>
        <p className="muted">{t('departments.intro')}</p>
      </header>
      <ul className="staff-entries" aria-label={t('departments.title')}>
        {loaderData.departments.map((d) => {
          const errors = fieldErrorsOf(result, 'save', d.id);
          return (
            <li key={d.id} className="card staff-entry">
              <FormOutcome result={result} intent="save" target={d.id} />
              <Form method="post" noValidate preventScrollReset className="inline-form">
                <input type="hidden" name="intent" value="save" />
                <input type="hidden" name="target" value={d.id} />
                <input type="hidden" name="departmentId" value={d.id} />
                <span className="mono">{d.key}</span>
                <TextField
                  name="nameZh"
                  label={t('departments.col.nameZh')}
                  defaultValue={d.nameZh}
                  error={errors.nameZh}
                />
                <TextField
                  name="nameEn"
                  label={t('departments.col.nameEn')}
                  defaultValue={d.nameEn}
                  error={errors.nameEn}
                />
                <TextField
                  name="sortOrder"
                  label={t('departments.col.order')}
                  defaultValue={String(d.sortOrder)}
                />
                <CheckboxField name="active" label={t('departments.col.active')} defaultChecked={d.active} />
                <span className="muted">
                  {t('departments.col.members')}: {d.members}
                </span>
                <button type="submit" className="button">
                  {t('departments.save')}
                </button>
              </Form>
            </li>
          );
        })}
      </ul>
      <section className="card stack" aria-labelledby="add-department-heading">
        <h2 id="add-department-heading">{t('departments.add.title')}</h2>
        <FormOutcome result={result} intent="add" />
        <Form
          method="post"
          noValidate
          className="inline-form"
          key={result?.intent === 'add' && result.notice ? `add-${result.at}` : 'add'}
        >
          <input type="hidden" name="intent" value="add" />
          <TextField
            name="key"
            label={t('departments.col.key')}
            required
            maxLength={40}
            error={addErrors.key}
          />
          <TextField
            name="nameZh"
            label={t('departments.col.nameZh')}
            required
            maxLength={60}
            error={addErrors.nameZh}
          />
          <TextField
            name="nameEn"
            label={t('departments.col.nameEn')}
            required
            maxLength={60}
            error={addErrors.nameEn}
          />
          <button type="submit" className="button button--primary">
            {t('departments.add.submit')}
          </button>
        </Form>
      </section>
    </div>
  );
}
