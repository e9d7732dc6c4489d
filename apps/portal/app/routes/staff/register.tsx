import {
  partnersWithoutArrangement,
  type RegisterFilter,
  registerReport,
  requiredFields,
} from '@outpost/core';
import { criticalities, serviceCategories } from '@outpost/db';
import { Alert } from '@outpost/ui';
import { formatDay } from '@outpost/i18n';
import { Form } from 'react-router';
import { AppLink } from '../../components/app-link';
import { categoryLabel } from '../../components/partner-labels';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/register';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const params = new URL(request.url).searchParams;
  // A hand-edited value that is not offered is ignored, never an error page.
  const pick = (name: string, allowed: readonly string[]) => {
    const v = params.get(name) ?? '';
    return allowed.includes(v) ? v : undefined;
  };
  const filter = {
    criticality: pick('criticality', criticalities),
    serviceCategory: pick('category', serviceCategories),
    completeness: pick('completeness', ['complete', 'incomplete']),
    missing: pick('missing', requiredFields),
    q: (params.get('q') ?? '').trim().slice(0, 200) || undefined,
  } as RegisterFilter;
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

      <Form method="get" className="filters" aria-label={t('register.filter.show')}>
        <div className="ui-field">
          <label htmlFor="register-criticality">{t('register.filter.criticality')}</label>
          <select id="register-criticality" name="criticality" defaultValue={d.filter.criticality ?? ''}>
            <option value="">{t('register.filter.all')}</option>
            {d.criticalities.map((c) => (
              <option key={c} value={c}>
                {t(`criticality.${c}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="ui-field">
          <label htmlFor="register-category">{t('register.filter.category')}</label>
          <select id="register-category" name="category" defaultValue={d.filter.serviceCategory ?? ''}>
            <option value="">{t('register.filter.all')}</option>
            {d.serviceCategories.map((c) => (
              <option key={c} value={c}>
                {categoryLabel(t, c)}
              </option>
            ))}
          </select>
        </div>
        <div className="ui-field">
          <label htmlFor="register-completeness">{t('register.filter.completeness')}</label>
          <select id="register-completeness" name="completeness" defaultValue={d.filter.completeness ?? ''}>
            <option value="">{t('register.filter.all')}</option>
            <option value="complete">{t('register.filter.complete')}</option>
            <option value="incomplete">{t('register.filter.incomplete')}</option>
          </select>
        </div>
        <div className="ui-field">
          <label htmlFor="register-missing">{t('register.filter.missing')}</label>
          <select id="register-missing" name="missing" defaultValue={d.filter.missing ?? ''}>
            <option value="">{t('register.filter.all')}</option>
            {d.requiredFields.map((f) => (
              <option key={f} value={f}>
                {t(`register.field.${f}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="ui-field">
          <label htmlFor="register-q">{t('register.filter.q')}</label>
          <input id="register-q" name="q" type="search" maxLength={200} defaultValue={d.filter.q ?? ''} />
        </div>
        <button type="submit" className="button">
          {t('register.filter.show')}
        </button>
      </Form>

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
