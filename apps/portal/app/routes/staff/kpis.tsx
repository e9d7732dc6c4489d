import { can, listKpis, saveKpi } from '@outpost/core';
import { kpiComputations, kpiDirections, kpiUnits, serviceCategories } from '@outpost/db';
import { Alert, EmptyState, SelectField, TextField } from '@outpost/ui';
import { data, Form, Link, useNavigation, useSearchParams } from 'react-router';
import { NumberField } from '../../components/performance/number-field';
import { categoryLabel } from '../../components/partner-labels';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { formatKpiValue, kpiName } from '../../lib/performance/format';
import { kpiFromForm } from '../../lib/performance/kpi-form';
import { domainFormErrors } from '../../lib/staff/domain-errors.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/kpis';
import { AppLink } from '../../components/app-link';
import { TableRegion } from '../../components/table-region';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const kpis = await orRouteError(context.get(localeContext), () =>
    listKpis(context.get(depsContext).db, person.actor),
  );
  return {
    kpis,
    canManage: can(person.actor, 'manage:kpis'),
    options: { kpiUnits, kpiComputations, kpiDirections, serviceCategories },
  };
}

export async function action({ context, request }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const form = await request.formData();
  try {
    const saved = await saveKpi(context.get(depsContext).db, person.actor, kpiFromForm(form));
    return { ok: true as const, key: saved.key };
  } catch (error) {
    const mapped = domainFormErrors(error, locale, {
      key: 'performance.kpiForm.keyInvalid',
      warningThreshold: 'performance.kpiForm.orderInvalid',
      criticalThreshold: 'performance.kpiForm.criticalInvalid',
      weight: 'performance.kpiForm.weightInvalid',
    });
    if (!mapped) throw error;
    return data({ ok: false as const, errors: mapped.errors }, { status: mapped.status });
  }
}

/** KPI definitions: everyone on staff can read them; administrators add and change them. */
export default function StaffKpis({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const navigation = useNavigation();
  const { kpis, canManage, options } = loaderData;
  const editing = params.get('edit');
  const current = kpis.find((k) => k.key === editing);
  const showForm = canManage && (params.has('new') || current !== undefined);
  const errors = actionData && !actionData.ok ? actionData.errors : null;
  const fieldError = (name: string) => errors?.fields?.[name];
  return (
    <div className="page">
      <title>{`${t('performance.kpiAdmin.title')} · ${t('app.name')}`}</title>
      <header className="page-header page-header--row">
        <div>
          <h1>{t('performance.kpiAdmin.title')}</h1>
          <p className="muted">{t('performance.kpiAdmin.intro')}</p>
        </div>
        {canManage ? (
          <Link to="?new" className="button button--primary">
            {t('performance.kpiAdmin.new')}
          </Link>
        ) : null}
      </header>
      {actionData?.ok ? (
        <Alert tone="success">{t('performance.kpiAdmin.saved', { key: actionData.key })}</Alert>
      ) : null}

      {showForm ? (
        <section className="card stack" aria-labelledby="kpi-form-heading">
          <h2 id="kpi-form-heading">
            {current
              ? t('performance.kpiAdmin.edit', { name: kpiName(locale, current) })
              : t('performance.kpiAdmin.new')}
          </h2>
          {errors?.form ? <Alert tone="error">{errors.form}</Alert> : null}
          <Form method="post" className="stack kpi-form" key={current?.key ?? 'new'}>
            {current ? (
              <input type="hidden" name="key" value={current.key} />
            ) : (
              <TextField name="key" label={t('performance.kpiForm.key')} required error={fieldError('key')} />
            )}
            <div className="kpi-form__grid">
              <TextField
                name="nameZh"
                label={t('performance.kpiForm.nameZh')}
                defaultValue={current?.nameZh}
                required
                error={fieldError('nameZh')}
              />
              <TextField
                name="nameEn"
                label={t('performance.kpiForm.nameEn')}
                defaultValue={current?.nameEn}
                required
                error={fieldError('nameEn')}
              />
              <SelectField
                name="computation"
                label={t('performance.kpiForm.computation')}
                defaultValue={current?.computation}
                error={fieldError('computation')}
                options={options.kpiComputations.map((c) => ({ value: c, label: t(`kpi_computation.${c}`) }))}
              />
              <SelectField
                name="unit"
                label={t('performance.kpiForm.unit')}
                defaultValue={current?.unit}
                error={fieldError('unit')}
                options={options.kpiUnits.map((u) => ({ value: u, label: t(`performance.unitName.${u}`) }))}
              />
              <SelectField
                name="direction"
                label={t('performance.kpiForm.direction')}
                defaultValue={current?.direction}
                error={fieldError('direction')}
                options={options.kpiDirections.map((d) => ({ value: d, label: t(`kpi_direction.${d}`) }))}
              />
              <NumberField
                name="target"
                step="any"
                label={t('performance.target')}
                defaultValue={current ? String(current.target) : undefined}
                required
                error={fieldError('target')}
              />
              <NumberField
                name="warningThreshold"
                step="any"
                label={t('performance.warning')}
                defaultValue={current ? String(current.warningThreshold) : undefined}
                required
                error={fieldError('warningThreshold')}
              />
              <NumberField
                name="criticalThreshold"
                step="any"
                label={t('performance.critical')}
                defaultValue={current ? String(current.criticalThreshold) : undefined}
                required
                error={fieldError('criticalThreshold')}
              />
              <NumberField
                name="weight"
                step="1"
                min="0"
                max="100"
                label={t('performance.weight')}
                defaultValue={current ? String(current.weight) : '10'}
                required
                error={fieldError('weight')}
              />
              <NumberField
                name="sortOrder"
                step="1"
                label={t('performance.kpiForm.sortOrder')}
                defaultValue={current ? String(current.sortOrder) : '100'}
                error={fieldError('sortOrder')}
              />
            </div>
            <fieldset className="kpi-form__categories">
              <legend>{t('performance.kpiForm.categories')}</legend>
              <p className="muted">{t('performance.kpiForm.categoriesHint')}</p>
              {options.serviceCategories.map((c) => (
                <label key={c} className="checkbox">
                  <input
                    type="checkbox"
                    name="serviceCategories"
                    value={c}
                    defaultChecked={current?.serviceCategories.includes(c)}
                  />{' '}
                  {categoryLabel(t, c)}
                </label>
              ))}
            </fieldset>
            <label className="checkbox">
              <input type="checkbox" name="active" defaultChecked={current ? current.active : true} />{' '}
              {t('performance.kpiForm.active')}
            </label>
            <div className="form-actions">
              <button
                type="submit"
                className="button button--primary"
                disabled={navigation.state === 'submitting'}
              >
                {t('performance.kpiForm.save')}
              </button>
              <AppLink to="/s/kpis" className="button button--quiet">
                {t('performance.kpiForm.cancel')}
              </AppLink>
            </div>
          </Form>
        </section>
      ) : null}

      {kpis.length === 0 ? (
        <EmptyState title={t('performance.kpiAdmin.empty')} />
      ) : (
        <TableRegion labelledBy="kpis-caption">
          <table className="table">
            <caption id="kpis-caption" className="visually-hidden">
              {t('performance.kpiAdmin.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('performance.kpi')}</th>
                <th scope="col">{t('performance.kpiForm.computation')}</th>
                <th scope="col">{t('performance.target')}</th>
                <th scope="col">{t('performance.warning')}</th>
                <th scope="col">{t('performance.critical')}</th>
                <th scope="col">{t('performance.weight')}</th>
                <th scope="col">{t('performance.kpiForm.categories')}</th>
                <th scope="col">{t('performance.kpiForm.active')}</th>
                {canManage ? <th scope="col">{t('performance.kpiAdmin.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {kpis.map((k) => (
                <tr key={k.key}>
                  <th scope="row">
                    {kpiName(locale, k)} <span className="mono muted">{k.key}</span>
                    <span className="kpi-table__hint">{t(`kpi_direction.${k.direction}`)}</span>
                  </th>
                  <td>{t(`kpi_computation.${k.computation}`)}</td>
                  <td>{formatKpiValue(locale, t, k.target, k.unit)}</td>
                  <td>{formatKpiValue(locale, t, k.warningThreshold, k.unit)}</td>
                  <td>{formatKpiValue(locale, t, k.criticalThreshold, k.unit)}</td>
                  <td>{k.weight}</td>
                  <td>
                    {k.serviceCategories.map((c) => categoryLabel(t, c)).join(', ') ||
                      t('performance.kpiForm.allCategories')}
                  </td>
                  <td>
                    {k.active ? t('performance.kpiAdmin.activeYes') : t('performance.kpiAdmin.inactive')}
                  </td>
                  {canManage ? (
                    <td>
                      <Link
                        to={`?edit=${k.key}`}
                        aria-label={t('performance.kpiAdmin.edit', { name: kpiName(locale, k) })}
                      >
                        {t('performance.kpiAdmin.editShort')}
                      </Link>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
