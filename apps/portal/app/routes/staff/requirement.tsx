import { can, listRequirements } from '@outpost/core';
import { serviceCategories } from '@outpost/db';
import { Alert, TextField } from '@outpost/ui';
import { Form, redirect, useNavigation } from 'react-router';
import { categoryLabel } from '../../components/partner-labels';
import { CheckboxField, CheckboxGroup, InputField, TextAreaField } from '../../components/staff/fields';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { routeError } from '../../lib/route-error';
import type { StaffActionData } from '../../lib/staff/action-result';
import { saveRequirementAction } from '../../lib/staff/catalogue-actions.server';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/requirement';
import { AppLink } from '../../components/app-link';

/** `/s/requirements/new` creates; `/s/requirements/<key>` edits (the key is the requirement's stable identity). */
export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  if (!can(person.actor, 'manage:requirements')) throw routeError(locale, 403, 'errors.forbidden');
  const isNew = params.key === 'new';
  const rows = isNew
    ? []
    : await orRouteError(locale, () => listRequirements(context.get(depsContext).db, person.actor));
  const found = rows.find((r) => r.key === params.key);
  if (!isNew && !found) throw routeError(locale, 404, 'errors.not_found');
  return {
    isNew,
    categories: [...serviceCategories],
    requirement: found
      ? {
          key: found.key,
          nameZh: found.nameZh,
          nameEn: found.nameEn,
          descriptionZh: found.descriptionZh ?? '',
          descriptionEn: found.descriptionEn ?? '',
          serviceCategories: found.serviceCategories,
          expires: found.expires,
          validityMonths: found.validityMonths,
          mandatory: found.mandatory,
          active: found.active,
          sortOrder: found.sortOrder,
        }
      : null,
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const response = await runStaffAction(context, request, { save: saveRequirementAction });
  // Back to the catalogue once saved, so a refresh cannot post the form twice.
  if (response.init?.status === 200) throw redirect('/s/requirements');
  return response;
}

export default function StaffRequirement({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const navigation = useNavigation();
  const result = actionData as StaffActionData | undefined;
  const fields = result?.errors?.fields ?? {};
  const r = loaderData.requirement;
  const title = loaderData.isNew
    ? t('staff-portal.catalogue.new')
    : t('staff-portal.catalogue.edit', { name: r?.nameZh ?? '' });
  return (
    <div className="page page--medium">
      <title>{`${title} · ${t('app.name')}`}</title>
      <nav aria-label={t('common.breadcrumb')} className="breadcrumb">
        <AppLink to="/s/requirements">{t('staff-portal.catalogue.title')}</AppLink>
      </nav>
      <header className="page-header">
        <h1>{title}</h1>
      </header>
      <section className="card">
        <Form method="post" noValidate className="stack">
          <input type="hidden" name="intent" value="save" />
          {result?.errors?.form ? <Alert tone="error">{result.errors.form}</Alert> : null}
          {r ? (
            <>
              <input type="hidden" name="key" value={r.key} />
              <p>
                {t('staff-portal.catalogue.key')}: <span className="mono">{r.key}</span>
              </p>
            </>
          ) : (
            <TextField
              name="key"
              label={t('staff-portal.catalogue.key')}
              hint={t('staff-portal.catalogue.keyHint')}
              required
              maxLength={60}
              autoComplete="off"
              error={fields.key}
            />
          )}
          <TextField
            name="nameZh"
            label={t('staff-portal.catalogue.nameZh')}
            required
            maxLength={200}
            defaultValue={r?.nameZh}
            error={fields.nameZh}
          />
          <TextField
            name="nameEn"
            label={t('staff-portal.catalogue.nameEn')}
            required
            maxLength={200}
            defaultValue={r?.nameEn}
            error={fields.nameEn}
          />
          <TextAreaField
            name="descriptionZh"
            label={t('staff-portal.catalogue.descriptionZh')}
            rows={3}
            maxLength={2000}
            defaultValue={r?.descriptionZh}
            error={fields.descriptionZh}
          />
          <TextAreaField
            name="descriptionEn"
            label={t('staff-portal.catalogue.descriptionEn')}
            rows={3}
            maxLength={2000}
            defaultValue={r?.descriptionEn}
            error={fields.descriptionEn}
          />
          <CheckboxGroup
            name="serviceCategories"
            label={t('partner.categories')}
            hint={t('staff-portal.catalogue.categoriesHint')}
            options={loaderData.categories.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
            defaultValues={r?.serviceCategories ?? []}
            error={fields.serviceCategories}
          />
          <CheckboxField
            name="expires"
            label={t('staff-portal.catalogue.expires')}
            defaultChecked={r?.expires ?? true}
          />
          <InputField
            name="validityMonths"
            type="number"
            min={1}
            max={240}
            inputMode="numeric"
            label={t('staff-portal.catalogue.validityMonths')}
            hint={t('staff-portal.catalogue.validityHint')}
            defaultValue={r?.validityMonths ?? undefined}
            error={fields.validityMonths}
          />
          <CheckboxField
            name="mandatory"
            label={t('staff-portal.catalogue.mandatory')}
            defaultChecked={r?.mandatory ?? true}
          />
          <CheckboxField
            name="active"
            label={t('staff-portal.catalogue.activeLabel')}
            hint={t('staff-portal.catalogue.activeHint')}
            defaultChecked={r?.active ?? true}
          />
          <InputField
            name="sortOrder"
            type="number"
            step={1}
            inputMode="numeric"
            label={t('staff-portal.catalogue.order')}
            hint={t('staff-portal.catalogue.orderHint')}
            defaultValue={r?.sortOrder ?? 0}
            error={fields.sortOrder}
          />
          <div>
            <button
              type="submit"
              className="button button--primary"
              disabled={navigation.state === 'submitting'}
            >
              {t('staff-portal.catalogue.save')}
            </button>
          </div>
        </Form>
      </section>
    </div>
  );
}
