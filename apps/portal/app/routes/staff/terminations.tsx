import { can, listTerminationCases, openTerminationCase, terminationFormOptions } from '@outpost/core';
import { terminationSources, terminationStatuses, terminationTypes } from '@outpost/db';
import { EmptyState } from '@outpost/ui';
import { Alert } from '@outpost/ui';
import { data, Form, redirect, useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { appErrorToForm, formText, orRouteError } from '../../lib/app-error.server';
import type { FormErrors } from '../../lib/form-errors';
import { useLocale, useT } from '../../lib/i18n';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/terminations';
import { FilterSelect } from '../../components/filter-select';
import { ListFilters } from '../../components/list-filters';
import { oneOfParam } from '../../lib/search-params';

const uuidOrNone = (raw: string | null) => (raw && /^[0-9a-f-]{36}$/i.test(raw) ? raw : undefined);

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const { db } = context.get(depsContext);
  const params = new URL(request.url).searchParams;
  // A hand-edited bad filter falls back to "no filter", never an error page.
  const filters = {
    status: oneOfParam(params, 'status', terminationStatuses),
    departmentId: uuidOrNone(params.get('department')),
    responsibleId: uuidOrNone(params.get('responsible')),
  };
  const [cases, options] = await orRouteError(locale, () =>
    Promise.all([listTerminationCases(db, person.actor, filters), terminationFormOptions(db, person.actor)]),
  );
  // Opened from a review's termination recommendation (its page links here): the form starts filled in.
  const prefill = {
    partnerId: uuidOrNone(params.get('partner')) ?? '',
    source: oneOfParam(params, 'source', terminationSources) ?? '',
    sourceId: uuidOrNone(params.get('sourceId')) ?? '',
  };
  return {
    prefill,
    // The lists travel with the data: a route module's component must not import values from
    // @outpost/db (its client bundle would pull in the database driver and fail to hydrate).
    lists: {
      statuses: [...terminationStatuses],
      sources: [...terminationSources],
      types: [...terminationTypes],
    },
    mayOpen: can(person.actor, 'suspend:partner'),
    filtered: Boolean(filters.status || filters.departmentId || filters.responsibleId),
    options,
    cases: cases.map((c) => ({ ...c, createdAt: undefined })),
  };
}

/** Opens a case from the form below the list; on success, its page. */
export async function action({ context, request }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const form = await request.formData();
  try {
    const row = await openTerminationCase(context.get(depsContext).db, person.actor, {
      partnerId: formText(form, 'partnerId'),
      source: formText(form, 'source') as (typeof terminationSources)[number],
      ...(formText(form, 'sourceId') ? { sourceId: formText(form, 'sourceId') } : {}),
      type: formText(form, 'type') as (typeof terminationTypes)[number],
      reason: formText(form, 'reason'),
      effectiveDate: formText(form, 'effectiveDate'),
      departmentId: formText(form, 'departmentId'),
      responsibleId: formText(form, 'responsibleId'),
    });
    return redirect(`/s/terminations/${row.id}`);
  } catch (raw) {
    const mapped = appErrorToForm(raw, locale);
    if (!mapped) throw raw;
    return data({ errors: mapped.errors as FormErrors }, { status: mapped.status });
  }
}

/** Termination cases: filters by status, department and responsible person; staff who may open one do so below. */
export default function Terminations({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const { cases, options, filtered, mayOpen, prefill, lists } = loaderData;
  const dept = (d: { nameZh: string | null; nameEn: string | null }) =>
    (locale === 'en' ? d.nameEn : d.nameZh) ?? '';
  const errors = actionData?.errors;
  return (
    <div className="page">
      <title>{`${t('terminations.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <h1>{t('terminations.title')}</h1>
      </header>
      <ListFilters
        action="/s/terminations"
        label={t('terminations.filter.apply')}
        submitLabel={t('terminations.filter.apply')}
      >
        <FilterSelect
          id="t-status"
          name="status"
          label={t('terminations.col.status')}
          allLabel={t('terminations.filter.all')}
          options={lists.statuses.map((s) => ({ value: s, label: t(`terminations.status.${s}`) }))}
          defaultValue={params.get('status') ?? ''}
        />
        <FilterSelect
          id="t-department"
          name="department"
          label={t('terminations.col.department')}
          allLabel={t('terminations.filter.all')}
          options={options.departments.map((d) => ({ value: d.id, label: dept(d) }))}
          defaultValue={params.get('department') ?? ''}
        />
        <FilterSelect
          id="t-responsible"
          name="responsible"
          label={t('terminations.col.responsible')}
          allLabel={t('terminations.filter.all')}
          options={options.staff.map((s) => ({ value: s.id, label: s.name }))}
          defaultValue={params.get('responsible') ?? ''}
        />
      </ListFilters>
      {cases.length === 0 ? (
        <EmptyState title={t('terminations.empty')} />
      ) : (
        <TableRegion labelledBy="terminations-caption">
          <table className="table">
            <caption id="terminations-caption" className="visually-hidden">
              {t('terminations.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('terminations.col.partner')}</th>
                <th scope="col">{t('terminations.col.type')}</th>
                <th scope="col">{t('terminations.col.status')}</th>
                <th scope="col">{t('terminations.col.effective')}</th>
                <th scope="col">{t('terminations.col.department')}</th>
                <th scope="col">{t('terminations.col.responsible')}</th>
                <th scope="col">{t('terminations.col.successor')}</th>
              </tr>
            </thead>
            <tbody>
              {cases.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <AppLink to={`/s/terminations/${c.id}`}>{c.partnerName}</AppLink>
                  </th>
                  <td>{t(`terminations.type.${c.type}`)}</td>
                  <td>{t(`terminations.status.${c.status}`)}</td>
                  <td>{c.effectiveDate}</td>
                  <td>{dept({ nameZh: c.departmentZh, nameEn: c.departmentEn })}</td>
                  <td>{c.responsibleName ?? ''}</td>
                  <td>{c.successorName ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      {filtered ? (
        <p>
          <AppLink to="/s/terminations">{t('terminations.filter.all')}</AppLink>
        </p>
      ) : null}
      {mayOpen ? (
        <section className="card stack" aria-labelledby="open-case">
          <h2 id="open-case">{t('terminations.open')}</h2>
          {errors?.form ? <Alert tone="error">{errors.form}</Alert> : null}
          <Form method="post" className="stack">
            <Select
              name="partnerId"
              label={t('terminations.col.partner')}
              error={errors?.fields?.partnerId}
              options={options.partners.map((p) => ({ value: p.id, label: p.name }))}
              defaultValue={prefill.partnerId}
            />
            <Select
              name="source"
              label={t('terminations.sourceLabel')}
              error={errors?.fields?.source}
              options={lists.sources.map((s) => ({ value: s, label: t(`terminations.source.${s}`) }))}
              defaultValue={prefill.source}
            />
            <Field
              name="sourceId"
              label={t('terminations.sourceId')}
              error={errors?.fields?.sourceId}
              defaultValue={prefill.sourceId}
            />
            <Select
              name="type"
              label={t('terminations.col.type')}
              error={errors?.fields?.type}
              options={lists.types.map((s) => ({ value: s, label: t(`terminations.type.${s}`) }))}
            />
            <Field name="reason" label={t('terminations.reason')} error={errors?.fields?.reason} multiline />
            <Field
              name="effectiveDate"
              label={t('terminations.effective')}
              error={errors?.fields?.effectiveDate}
              type="date"
            />
            <Select
              name="departmentId"
              label={t('terminations.col.department')}
              error={errors?.fields?.departmentId}
              options={options.departments.map((d) => ({ value: d.id, label: dept(d) }))}
            />
            <Select
              name="responsibleId"
              label={t('terminations.col.responsible')}
              error={errors?.fields?.responsibleId}
              options={options.staff.map((s) => ({ value: s.id, label: s.name }))}
            />
            <div>
              <button type="submit" className="button button--primary">
                {t('terminations.open')}
              </button>
            </div>
          </Form>
        </section>
      ) : null}
    </div>
  );
}

function Field(props: {
  name: string;
  label: string;
  error?: string | undefined;
  type?: string;
  multiline?: boolean;
  defaultValue?: string;
}) {
  const id = `open-${props.name}`;
  return (
    <div className={props.error ? 'ui-field ui-field--invalid' : 'ui-field'}>
      <label htmlFor={id}>{props.label}</label>
      {props.multiline ? (
        <textarea
          id={id}
          name={props.name}
          rows={3}
          maxLength={4000}
          aria-invalid={props.error ? true : undefined}
        />
      ) : (
        <input
          id={id}
          name={props.name}
          type={props.type ?? 'text'}
          defaultValue={props.defaultValue || undefined}
          aria-invalid={props.error ? true : undefined}
        />
      )}
      {props.error ? <p className="ui-field__error">{props.error}</p> : null}
    </div>
  );
}

function Select(props: {
  name: string;
  label: string;
  error?: string | undefined;
  options: { value: string; label: string }[];
  defaultValue?: string;
}) {
  const id = `open-${props.name}`;
  return (
    <div className={props.error ? 'ui-field ui-field--invalid' : 'ui-field'}>
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        name={props.name}
        defaultValue={props.defaultValue || undefined}
        aria-invalid={props.error ? true : undefined}
      >
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {props.error ? <p className="ui-field__error">{props.error}</p> : null}
    </div>
  );
}
