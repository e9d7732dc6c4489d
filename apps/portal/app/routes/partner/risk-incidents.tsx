import { listPartnerIncidents } from '@outpost/core';
import { formatDateTime } from '@outpost/i18n';
import { EmptyState } from '@outpost/ui';
import { useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { PageLinks } from '../../components/page-links';
import { IncidentStatusBadge } from '../../components/risk/incident-labels';
import { LevelBadge } from '../../components/risk/risk-labels';
import { TableRegion } from '../../components/table-region';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { pageCount, pageParam } from '../../lib/search-params';
import type { Route } from './+types/risk-incidents';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const params = new URL(request.url).searchParams;
  const result = await orRouteError(locale, () =>
    listPartnerIncidents(deps.db, actor, { page: pageParam(params) }),
  );
  return {
    page: result.page,
    pages: pageCount(result.total, result.pageSize),
    incidents: result.incidents.map((i) => ({
      id: i.id,
      title: i.title,
      severity: i.severity,
      status: i.status,
      opened: formatDateTime(locale, i.openedAt),
      openTasks: i.openTasks,
      overdueTasks: i.overdueTasks,
    })),
  };
}

/** The partner's incidents that ask something of it: only its own, only its tasks. */
export default function PartnerRiskIncidents({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const { incidents, page, pages } = loaderData;
  return (
    <div className="page">
      <title>{`${t('partner.risk.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <h1>{t('partner.risk.title')}</h1>
        <p className="muted">{t('partner.risk.intro')}</p>
      </header>
      {incidents.length === 0 ? (
        <EmptyState title={t('partner.risk.empty')} />
      ) : (
        <TableRegion labelledBy="partner-incidents-caption">
          <table className="table">
            <caption id="partner-incidents-caption" className="visually-hidden">
              {t('partner.risk.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('partner.risk.col.title')}</th>
                <th scope="col">{t('risk.incidents.severity')}</th>
                <th scope="col">{t('risk.incidents.status')}</th>
                <th scope="col">{t('partner.risk.col.opened')}</th>
                <th scope="col">{t('partner.risk.col.tasks')}</th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    <AppLink to={`/p/risk/incidents/${i.id}`}>{i.title}</AppLink>
                  </th>
                  <td>
                    <LevelBadge level={i.severity} />
                  </td>
                  <td>
                    <IncidentStatusBadge status={i.status} />
                  </td>
                  <td>{i.opened}</td>
                  <td>
                    {i.openTasks}
                    {i.overdueTasks > 0 ? ` · ${t('risk.task.overdue')}: ${i.overdueTasks}` : ''}
                  </td>
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
