import {
  partnersWithoutArrangement,
  type RegisterFilter,
  registerReport,
  requiredFields,
} from '@outpost/core';
import { criticalities, serviceCategories } from '@outpost/db';
import { Alert } from '@outpost/ui';
import { formatDay } from '@outpost/i18n';
import { AppLink } from '../../components/app-link';
import { categoryLabel } from '../../components/partner-labels';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/register';
import { FilterSelect } from '../../components/filter-select';
import { ListFilters, SearchField } from '../../components/list-filters';
import { oneOfParam, queryParam } from '../../lib/search-params';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const params = new URL(request.url).searchParams;
  // A hand-edited value that is not offered is ignored, never an error page.
  const filter: RegisterFilter = {
    criticality: oneOfParam(params, 'criticality', criticalities),
    serviceCategory: oneOfParam(params, 'category', serviceCategories),
    completeness: oneOfParam(params, 'completeness', ['complete', 'incomplete'] as const),
    missing: oneOfParam(params, 'missing', requiredFields),
    q: queryParam(params, 'q', 200) || undefined,
  };
  const db = context.get(depsContext).db;
  const report = await orRouteError(locale, () => registerReport(db, person.actor, filter));
  const lone = await orRouteError(locale, () => partnersWithoutArrangement(db, person.actor));
  return {
    filter,
    total: report.total,
    shown: report.shown,
    complete: report.complete,
    incomplete: report.incomplete,
    entityMissing: report.entityMissing.length > 0,
    rows: report.entries.map((e) => ({
      contractId: e.record.contractId,
      reference: e.record.reference,
      providerName: e.record.providerName,
      serviceCategory: e.record.serviceCategory,
      criticality: e.record.criticality,
      endDate: e.record.endDate,
      missing: e.missing,
    })),
    lone: lone.map((p) => ({
      partnerId: p.partnerId,
      legalName: p.legalName,
      criticality: p.criticality,
      substitutability: p.fields?.substitutability ?? null,
      exitPossibility: p.fields?.exitPossibility ?? null,
    })),
    // From the loader, so the page's bundle does not take core (or the database) with it.
    requiredFields: [...requiredFields],
    criticalities: [...criticalities],
    serviceCategories: [...serviceCategories],
  };
}

/**
 * The outsourcing register and its completeness report (issue 16, decision record 052): every
 * arrangement in force, what each still lacks (critical and important ones need more), filters,
 * counts and the EBA and DORA exports; partners without a contract in force below.
 */
export default function Register({ loaderData: d }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  return (
    <div className="page">
      <title>{`${t('register.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('register.eyebrow')}</p>
        <h1>{t('register.title')}</h1>
        <p className="muted">{t('register.intro')}</p>
      </header>

      <ListFilters
        search={false}
        label={t('register.filter.show')}
        submitLabel={t('register.filter.show')}
        primary={false}
      >
        <FilterSelect
          id="register-criticality"
          name="criticality"
          label={t('register.filter.criticality')}
          allLabel={t('register.filter.all')}
          options={d.criticalities.map((c) => ({ value: c, label: t(`criticality.${c}`) }))}
          defaultValue={d.filter.criticality ?? ''}
        />
        <FilterSelect
          id="register-category"
          name="category"
          label={t('register.filter.category')}
          allLabel={t('register.filter.all')}
          options={d.serviceCategories.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
          defaultValue={d.filter.serviceCategory ?? ''}
        />
        <FilterSelect
          id="register-completeness"
          name="completeness"
          label={t('register.filter.completeness')}
          allLabel={t('register.filter.all')}
          options={(['complete', 'incomplete'] as const).map((c) => ({
            value: c,
            label: t(`register.filter.${c}`),
          }))}
          defaultValue={d.filter.completeness ?? ''}
        />
        <FilterSelect
          id="register-missing"
          name="missing"
          label={t('register.filter.missing')}
          allLabel={t('register.filter.all')}
          options={d.requiredFields.map((f) => ({ value: f, label: t(`register.field.${f}`) }))}
          defaultValue={d.filter.missing ?? ''}
        />
        <SearchField
          id="register-q"
          label={t('register.filter.q')}
          defaultValue={d.filter.q ?? ''}
          maxLength={200}
          wide={false}
        />
      </ListFilters>

      <p data-testid="register-count">
        {t('register.count', {
          shown: d.shown,
          total: d.total,
          complete: d.complete,
          incomplete: d.incomplete,
        })}
      </p>
      {d.entityMissing ? (
        <Alert tone="info">
          {t('register.entity.missingNotice')}{' '}
          <AppLink to="/s/settings#our-entity-heading">{t('register.entity.setIt')}</AppLink>
        </Alert>
      ) : null}
      <p className="actions">
        <a className="button button--secondary" href="/s/register/export?format=csv" download>
          {t('register.export.csv')}
        </a>{' '}
        <a className="button button--secondary" href="/s/register/export?format=xlsx" download>
          {t('register.export.xlsx')}
        </a>{' '}
        <a className="button button--secondary" href="/s/register/export?format=dora" download>
          {t('register.export.dora')}
        </a>
      </p>

      {d.rows.length === 0 ? (
        <p className="muted">{t('register.empty')}</p>
      ) : (
        <TableRegion labelledBy="register-caption">
          <table className="table" data-testid="register-table">
            <caption id="register-caption" className="visually-hidden">
              {t('register.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('register.field.reference')}</th>
                <th scope="col">{t('register.field.providerName')}</th>
                <th scope="col">{t('register.field.serviceCategory')}</th>
                <th scope="col">{t('register.field.criticality')}</th>
                <th scope="col">{t('register.field.endDate')}</th>
                <th scope="col">{t('register.column.missing')}</th>
              </tr>
            </thead>
            <tbody>
              {d.rows.map((r) => (
                <tr key={r.contractId}>
                  <td>
                    <AppLink to={`/s/register/${r.contractId}`}>{r.reference}</AppLink>
                  </td>
                  <td>{r.providerName}</td>
                  <td>{categoryLabel(t, r.serviceCategory)}</td>
                  <td>{t(`criticality.${r.criticality}`)}</td>
                  <td>{formatDay(locale, r.endDate) ?? r.endDate}</td>
                  <td>
                    {r.missing.length === 0 ? (
                      t('register.complete')
                    ) : (
                      <>
                        <strong>{t('register.missingCount', { count: r.missing.length })}</strong>
                        {t('common.colon')}
                        {r.missing.map((f) => t(`register.field.${f}`)).join(t('common.listSeparator'))}
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}

      <section aria-labelledby="register-lone">
        <h2 id="register-lone">{t('register.withoutContract.title')}</h2>
        <p className="muted">{t('register.withoutContract.intro')}</p>
        {d.lone.length === 0 ? (
          <p className="muted">{t('register.withoutContract.none')}</p>
        ) : (
          <ul>
            {d.lone.map((p) => (
              <li key={p.partnerId}>
                <AppLink to={`/s/register/partners/${p.partnerId}`}>{p.legalName}</AppLink> ·{' '}
                {t(`criticality.${p.criticality}`)} · {t('register.field.substitutability')}
                {t('common.colon')}
                {p.substitutability
                  ? t(`contracts.register.substitutability.${p.substitutability}`)
                  : t('register.notRecorded')}
                {' · '}
                {t('register.field.exitPossibility')}
                {t('common.colon')}
                {p.exitPossibility
                  ? t(`contracts.register.exitPossibility.${p.exitPossibility}`)
                  : t('register.notRecorded')}
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
