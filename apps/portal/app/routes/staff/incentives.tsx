import { listIncentiveRecords, tierSettings } from '@outpost/core';
import { formatNumber } from '@outpost/i18n';
import { Form } from 'react-router';
import { AppLink } from '../../components/app-link';
import { IncentiveStatusBadge, yuan } from '../../components/incentives/record-parts';
import { TierForm } from '../../components/incentives/tier-form';
import { FormOutcome } from '../../components/staff/form-outcome';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { saveTiersAction } from '../../lib/incentives/tier-form.server';
import type { StaffActionData } from '../../lib/staff/action-result';
import { runStaffAction } from '../../lib/staff/run-action.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/incentives';

const statuses = ['applied', 'pending_approval', 'on_hold', 'rejected', 'withdrawn'] as const;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const params = new URL(request.url).searchParams;
  const settings = await orRouteError(locale, () => tierSettings(db, person.actor));
  // Hand-edited values that are not offered fall back to the defaults, never an error page.
  const category =
    settings.categories.find((c) => c.category === params.get('category'))?.category ?? 'claims';
  const status = statuses.find((s) => s === params.get('status'));
  const records = await orRouteError(locale, () =>
    listIncentiveRecords(db, person.actor, status ? { status } : {}),
  );
  const selected = settings.categories.find((c) => c.category === category)!;
  return {
    category,
    status: status ?? '',
    categories: settings.categories.map((c) => ({
      category: c.category,
      version: c.current?.version ?? null,
    })),
    current: selected.current,
    history: selected.history.map((h) => ({
      id: h.id,
      version: h.version,
      createdAt: h.createdAt.toISOString(),
    })),
    staff: settings.staff,
    canManage: settings.canManage,
    records: records.map((r) => ({
      id: r.id,
      partnerName: r.partnerName,
      quarter: r.quarter,
      serviceCategory: r.serviceCategory,
      tierName: r.tierName,
      kind: r.kind,
      amountCents: r.amountCents,
      status: r.status,
    })),
  };
}

export function action({ context, request }: Route.ActionArgs) {
  return runStaffAction(context, request, { tiers: saveTiersAction });
}

/**
 * Incentives and penalties (issue 15, decision record 048): each category's tier configuration
 * (versioned, saved by risk officers and admins) and the records finalised reviews produced.
 */
export default function Incentives({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const d = loaderData;
  const result = actionData as StaffActionData | undefined;
  return (
    <div className="page">
      <title>{`${t('incentives.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('incentives.eyebrow')}</p>
        <h1>{t('incentives.title')}</h1>
        <p className="muted">{t('incentives.intro')}</p>
        <p>
          <AppLink to="/s/incentives/allocation">{t('incentives.allocation.title')}</AppLink>
        </p>
      </header>

      <section className="card stack" aria-labelledby="tiers-title">
        <h2 id="tiers-title">{t('incentives.tiers.title')}</h2>
        <Form method="get" className="filters" aria-label={t('incentives.records.category')}>
          <div className="ui-field">
            <label htmlFor="tiers-category">{t('incentives.records.category')}</label>
            <select id="tiers-category" name="category" defaultValue={d.category}>
              {d.categories.map((c) => (
                <option key={c.category} value={c.category}>
                  {t(`category.${c.category}`)}
                  {c.version ? ` · ${t('incentives.tiers.version', { version: c.version })}` : ''}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t('targets.show')}
          </button>
        </Form>
        <p className="muted">{t('incentives.tiers.intro')}</p>
        {d.current ? (
          <p>{t('incentives.tiers.version', { version: d.current.version })}</p>
        ) : (
          <p>{t('incentives.tiers.none')}</p>
        )}
        <FormOutcome result={result} intent="tiers" />
        {d.canManage ? (
          <TierForm
            key={`${d.category}-${d.current?.version ?? 0}`}
            category={d.category}
            current={d.current}
            staff={d.staff}
          />
        ) : null}
        {d.history.length > 1 ? (
          <details>
            <summary>{t('incentives.tiers.history')}</summary>
            <ul>
              {d.history.map((h) => (
                <li key={h.id}>
                  {t('incentives.tiers.version', { version: h.version })} · {h.createdAt.slice(0, 10)}
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>

      <section className="stack" aria-labelledby="records-title">
        <h2 id="records-title">{t('incentives.records.title')}</h2>
        <Form method="get" className="filters" aria-label={t('incentives.records.status')}>
          <input type="hidden" name="category" value={d.category} />
          <div className="ui-field">
            <label htmlFor="records-status">{t('incentives.records.status')}</label>
            <select id="records-status" name="status" defaultValue={d.status}>
              <option value="">{t('targets.all')}</option>
              {statuses.map((s) => (
                <option key={s} value={s}>
                  {t(`incentives.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            {t('targets.show')}
          </button>
        </Form>
        {d.records.length === 0 ? (
          <p>{t('incentives.records.none')}</p>
        ) : (
          <TableRegion labelledBy="records-title">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t('incentives.records.partner')}</th>
                  <th scope="col">{t('incentives.records.quarter')}</th>
                  <th scope="col">{t('incentives.records.category')}</th>
                  <th scope="col">{t('incentives.records.tier')}</th>
                  <th scope="col">{t('incentives.records.amount')}</th>
                  <th scope="col">{t('incentives.records.status')}</th>
                </tr>
              </thead>
              <tbody>
                {d.records.map((r) => (
                  <tr key={r.id}>
                    <th scope="row">
                      <AppLink to={`/s/incentives/records/${r.id}`}>{r.partnerName}</AppLink>
                    </th>
                    <td>{r.quarter}</td>
                    <td>{t(`category.${r.serviceCategory}`)}</td>
                    <td>
                      {r.tierName}
                      {t('common.parenthetical', { text: t(`incentives.kind.${r.kind}`) })}
                    </td>
                    <td>{r.amountCents === 0 ? formatNumber(locale, 0, 0) : yuan(locale, r.amountCents)}</td>
                    <td>
                      <IncentiveStatusBadge status={r.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </section>
    </div>
  );
}
