import { listSharedRiskAlerts } from '@outpost/core';
import { formatDateTime } from '@outpost/i18n';
import { EmptyState } from '@outpost/ui';
import { Form, useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { PageLinks } from '../../components/page-links';
import { AlertStatusBadge, LevelBadge } from '../../components/risk/risk-labels';
import { TableRegion } from '../../components/table-region';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { riskAlertStatusCodes } from '../../lib/risk/risk-codes';
import { pageInfo, pageParam } from '../../lib/search-params';
import type { Route } from './+types/risk-alerts';

const statusFilters = ['all', 'live', ...riskAlertStatusCodes] as const;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const params = new URL(request.url).searchParams;
  // A hand-edited bad filter falls back to "all", never an error page.
  const status = statusFilters.find((s) => s === params.get('status')) ?? 'all';
  const result = await orRouteError(locale, () =>
    listSharedRiskAlerts(deps.db, actor, { status, page: pageParam(params) }),
  );
  return {
    status,
    ...pageInfo(result, result.pageSize),
    alerts: result.alerts.map((a) => ({
      id: a.id,
      kind: a.kind,
      level: a.level,
      status: a.status,
      deadline: formatDateTime(locale, a.responseDeadline),
      shared: formatDateTime(locale, a.sharedAt),
    })),
  };
}

/** The alerts the insurer shared with this partner, newest first, filtered by status. */
export default function PartnerRiskAlerts({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const { alerts, status, page, pages } = loaderData;
  return (
    <div className="page">
      <title>{`${t('risk-partner.list.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <h1>{t('risk-partner.list.title')}</h1>
        <p className="muted">{t('risk-partner.list.intro')}</p>
      </header>
      <Form method="get" className="filters" aria-label={t('risk-partner.list.filter')}>
        <div className="ui-field">
          <label htmlFor="partner-risk-status">{t('risk-partner.list.status')}</label>
          <select id="partner-risk-status" name="status" defaultValue={status}>
            {statusFilters.map((s) => (
              <option key={s} value={s}>
                {t(`risk.alertStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button">
          {t('risk-partner.list.filter')}
        </button>
      </Form>
      {alerts.length === 0 ? (
        <EmptyState
          title={status === 'all' ? t('risk-partner.list.empty') : t('risk-partner.list.emptyFiltered')}
        />
      ) : (
        <>
          <TableRegion labelledBy="partner-risk-caption">
            <table className="table">
              <caption id="partner-risk-caption" className="visually-hidden">
                {t('risk-partner.list.title')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('risk-partner.list.alert')}</th>
                  <th scope="col">{t('risk-partner.list.level')}</th>
                  <th scope="col">{t('risk-partner.list.status')}</th>
                  <th scope="col">{t('risk-partner.list.deadline')}</th>
                  <th scope="col">{t('risk-partner.list.shared')}</th>
                </tr>
              </thead>
              <tbody>
                {alerts.map((a) => (
                  <tr key={a.id}>
                    <td>
                      <AppLink to={`/p/risk/alerts/${a.id}`}>{t(`risk.kind.${a.kind}`)}</AppLink>
                    </td>
                    <td>
                      <LevelBadge level={a.level} />
                    </td>
                    <td>
                      <AlertStatusBadge status={a.status} />
                    </td>
                    <td>{a.deadline}</td>
                    <td>{a.shared}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          <PageLinks page={page} pages={pages} params={params} />
        </>
      )}
    </div>
  );
}
