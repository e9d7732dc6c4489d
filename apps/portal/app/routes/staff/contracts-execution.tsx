import { can, evaluateContractExecution, formatPeriod, listWorstExecution, quarterOf } from '@outpost/core';
import { formatDateTime, translate } from '@outpost/i18n';
import { Alert, Badge, EmptyState } from '@outpost/ui';
import { data, Form, redirect, useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { FilterSelect } from '../../components/filter-select';
import { PageLinks } from '../../components/page-links';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { appErrorToForm, formText, orRouteError } from '../../lib/app-error.server';
import { centsText, deviationText } from '../../lib/contracts/execution-view.server';
import { useT } from '../../lib/i18n';
import { serviceCategoryCodes as serviceCategories } from '../../lib/risk/risk-codes';
import { pageInfo, pageParam } from '../../lib/search-params';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/contracts-execution';

const periodPattern = /^\d{4}-(Q[1-4]|0[1-9]|1[0-2])$/;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const params = new URL(request.url).searchParams;
  // A hand-edited bad filter falls back to "no filter", never an error page.
  const period = periodPattern.test(params.get('period') ?? '') ? params.get('period')! : undefined;
  const serviceCategory = serviceCategories.find((c) => c === params.get('category'));
  const result = await orRouteError(locale, () =>
    listWorstExecution(context.get(depsContext).db, person.actor, {
      period,
      serviceCategory,
      page: pageParam(params),
    }),
  );
  return {
    mayEvaluate: can(person.actor, 'manage:contract'),
    defaultPeriod: formatPeriod(quarterOf(new Date())),
    period: result.period,
    periods: result.periods.map((p) => p.period),
    filtered: Boolean(serviceCategory),
    ...pageInfo(result, result.pageSize),
    rows: result.rows.map((r) => ({
      contractId: r.contractId,
      reference: r.reference,
      partnerName: r.partnerName,
      serviceCategory: r.serviceCategory,
      deviation: deviationText(locale, r.deviation),
      overTarget: r.deviation !== null && r.deviation > 0.02,
      missed: r.missed,
      measured: r.measured,
      committed: r.committed,
      credit: centsText(locale, r.creditCents),
      provisional: r.provisional,
      evaluatedAt: formatDateTime(locale, r.evaluatedAt),
    })),
  };
}

/** "Evaluate now": staff who manage contracts evaluate a month or quarter again, from here or a contract page. */
export async function action({ context, request }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const form = await request.formData();
  const period = formText(form, 'period').trim();
  try {
    const run = await evaluateContractExecution(context.get(depsContext).db, person.actor, { period });
    const back = formText(form, 'returnTo');
    // Only back to a page of the contract console; anything else returns to this list.
    if (/^\/s\/contracts\/[0-9a-f-]{36}(#execution)?$/.test(back)) return redirect(back);
    return data({
      ok: true as const,
      notice: translate(locale, 'contracts.execution.evaluated', {
        period: run.period,
        count: run.contracts,
      }),
      errors: null,
    });
  } catch (raw) {
    const mapped = appErrorToForm(raw, locale, { period: translate(locale, 'contracts.execution.period') });
    if (!mapped) throw raw;
    return data({ ok: false as const, notice: null, errors: mapped.errors }, { status: mapped.status });
  }
}

/** Contracts by worst execution in a period: the ≤ 2 % target of the seed, worst first. */
export default function StaffContractsExecution({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const { rows, total, page, pages, period, periods } = loaderData;
  const error = actionData && !actionData.ok ? actionData.errors : null;
  return (
    <div className="page">
      <title>{`${t('contracts.execution.listTitle')} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/s/contracts">{t('contracts.execution.back')}</AppLink>
      </p>
      <header className="page-header">
        <h1>{t('contracts.execution.listTitle')}</h1>
        <p className="muted">{t('contracts.execution.listIntro')}</p>
      </header>
      {actionData?.ok ? <Alert tone="success">{actionData.notice}</Alert> : null}
      {error ? (
        <Alert tone="error">{error.fields?.period ?? error.form ?? t('errors.bad_request')}</Alert>
      ) : null}

      <Form
        method="get"
        action="/s/contracts/execution"
        className="filters"
        aria-label={t('contracts.execution.filters')}
      >
        <FilterSelect
          id="execution-period-filter"
          name="period"
          label={t('contracts.execution.period')}
          allLabel={t('contracts.execution.latestPeriod')}
          options={periods.map((p) => ({ value: p, label: p }))}
          defaultValue={params.get('period') ?? ''}
        />
        <FilterSelect
          id="execution-category"
          name="category"
          label={t('contracts.list.category')}
          allLabel={t('contracts.list.allCategories')}
          options={serviceCategories.map((c) => ({ value: c, label: t(`category.${c}`) }))}
          defaultValue={params.get('category') ?? ''}
        />
        <button type="submit" className="button button--primary">
          {t('common.search')}
        </button>
      </Form>

      {loaderData.mayEvaluate ? (
        <Form method="post" action="/s/contracts/execution" className="filters">
          <div className="ui-field">
            <label htmlFor="execution-evaluate-period">{t('contracts.execution.evaluatePeriod')}</label>
            <input
              id="execution-evaluate-period"
              name="period"
              defaultValue={period ?? loaderData.defaultPeriod}
              maxLength={7}
              required
            />
          </div>
          <button type="submit" className="button">
            {t('contracts.execution.evaluateNow')}
          </button>
        </Form>
      ) : null}

      <p className="muted" role="status">
        {period
          ? t('contracts.execution.count', { count: total, period })
          : t('contracts.execution.count', { count: 0, period: '—' })}
      </p>
      {rows.length === 0 ? (
        <EmptyState
          title={loaderData.filtered ? t('contracts.list.noneFound') : t('contracts.execution.listEmpty')}
        >
          <p>
            {loaderData.filtered ? t('contracts.list.noneFoundHint') : t('contracts.execution.listEmptyHint')}
          </p>
        </EmptyState>
      ) : (
        <TableRegion labelledBy="execution-caption">
          <table className="table">
            <caption id="execution-caption" className="visually-hidden">
              {t('contracts.execution.listTitle')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('contracts.list.reference')}</th>
                <th scope="col">{t('contracts.list.partner')}</th>
                <th scope="col">{t('contracts.list.category')}</th>
                <th scope="col">{t('contracts.execution.deviation')}</th>
                <th scope="col">{t('contracts.execution.levels')}</th>
                <th scope="col">{t('contracts.execution.credit')}</th>
                <th scope="col">{t('contracts.execution.evaluatedAt')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.contractId}>
                  <th scope="row">
                    <AppLink to={`/s/contracts/${r.contractId}#execution`}>{r.reference}</AppLink>
                  </th>
                  <td>{r.partnerName}</td>
                  <td>{t(`category.${r.serviceCategory}`)}</td>
                  <td>
                    {r.overTarget ? <Badge tone="negative">{r.deviation}</Badge> : r.deviation}
                    {r.provisional ? (
                      <>
                        {' '}
                        <Badge tone="caution">{t('contracts.execution.provisional')}</Badge>
                      </>
                    ) : null}
                  </td>
                  <td>
                    {t('contracts.execution.levelsValue', {
                      missed: r.missed,
                      measured: r.measured,
                      committed: r.committed,
                    })}
                  </td>
                  <td>{r.credit}</td>
                  <td>{r.evaluatedAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <PageLinks page={page} pages={pages} params={params} />
    </div>
  );
}
