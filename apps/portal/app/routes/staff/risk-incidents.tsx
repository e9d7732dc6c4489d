import { can, listRiskIncidents } from '@outpost/core';
import { formatDateTime } from '@outpost/i18n';
import { EmptyState } from '@outpost/ui';
import { useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { FilterSelect } from '../../components/filter-select';
import { FilterCheck, ListFilters, SearchField } from '../../components/list-filters';
import { PageLinks } from '../../components/page-links';
import { IncidentStatusBadge } from '../../components/risk/incident-labels';
import { LevelBadge, OverdueBadge } from '../../components/risk/risk-labels';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { riskIncidentStatusCodes } from '../../lib/risk/incident-codes';
import { riskLevelCodes } from '../../lib/risk/risk-codes';
import { flagParam, oneOfParam, pageInfo, pageParam, queryParam } from '../../lib/search-params';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/risk-incidents';

const statusFilters = ['live', ...riskIncidentStatusCodes, 'all'] as const;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const params = new URL(request.url).searchParams;
  // A hand-edited bad filter falls back to "no filter", never an error page.
  const severity = oneOfParam(params, 'severity', riskLevelCodes);
  const status = oneOfParam(params, 'status', statusFilters) ?? 'live';
  const q = queryParam(params) || undefined;
  const overdue = flagParam(params, 'overdue');
  const result = await orRouteError(locale, () =>
    listRiskIncidents(context.get(depsContext).db, person.actor, {
      severity,
      status,
      q,
      overdue,
      page: pageParam(params),
    }),
  );
  return {
    mayOpen: can(person.actor, 'manage:risk-incidents'),
    filtered: Boolean(severity || q || overdue || status !== 'live'),
    status,
    ...pageInfo(result, result.pageSize),
    incidents: result.incidents.map((i) => ({
      id: i.id,
      title: i.title,
      severity: i.severity,
      status: i.status,
      partnerName: i.partnerName,
      opened: formatDateTime(locale, i.openedAt),
      responsibleName: i.responsibleName,
      tasks: i.tasks,
      tasksVerified: i.tasksVerified,
      overdue: i.overdue,
    })),
  };
}

/** Incidents: filters by status, severity and overdue tasks, a search, live ones first. */
export default function RiskIncidents({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const { incidents, total, page, pages, filtered } = loaderData;
  return (
    <div className="page">
      <title>{`${t('risk.incidents.title')} · ${t('app.name')}`}</title>
      <header className="page-header page-header--row">
        <div>
          <p className="page-header__eyebrow">{t('risk.eyebrow')}</p>
          <h1>{t('risk.incidents.title')}</h1>
          <p className="muted">{t('risk.incidents.intro')}</p>
        </div>
        <div className="button-row">
          <AppLink to="/s/risk/plans" className="button">
            {t('risk.nav.plans')}
          </AppLink>
          {loaderData.mayOpen ? (
            <AppLink to="/s/risk/incidents/new" className="button button--primary">
              {t('risk.incidents.new')}
            </AppLink>
          ) : null}
        </div>
      </header>

      <ListFilters
        action="/s/risk/incidents"
        label={t('risk.incidents.search')}
        submitLabel={t('common.search')}
        clear={filtered ? { to: '/s/risk/incidents', label: t('risk.alerts.clear') } : null}
      >
        <SearchField
          id="incident-q"
          label={t('risk.incidents.search')}
          defaultValue={params.get('q') ?? ''}
        />
        <FilterSelect
          id="incident-severity"
          name="severity"
          label={t('risk.incidents.severity')}
          allLabel={t('risk.incidents.allSeverities')}
          options={riskLevelCodes.map((l) => ({ value: l, label: t(`risk.level.${l}`) }))}
          defaultValue={params.get('severity') ?? ''}
        />
        <FilterSelect
          id="incident-status"
          name="status"
          label={t('risk.incidents.status')}
          options={statusFilters.map((s) => ({ value: s, label: t(`risk.incidentStatus.${s}`) }))}
          defaultValue={loaderData.status}
        />
        <FilterCheck
          name="overdue"
          label={t('risk.incidents.overdueOnly')}
          defaultChecked={flagParam(params, 'overdue')}
        />
      </ListFilters>

      <p className="muted" role="status">
        {t('risk.incidents.count', { count: total })}
      </p>
      {incidents.length === 0 ? (
        <EmptyState title={filtered ? t('risk.incidents.emptyFiltered') : t('risk.incidents.empty')} />
      ) : (
        <TableRegion labelledBy="risk-incidents-caption">
          <table className="table">
            <caption id="risk-incidents-caption" className="visually-hidden">
              {t('risk.incidents.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('risk.incidents.col.title')}</th>
                <th scope="col">{t('risk.incidents.severity')}</th>
                <th scope="col">{t('risk.incidents.col.partner')}</th>
                <th scope="col">{t('risk.incidents.status')}</th>
                <th scope="col">{t('risk.incidents.col.opened')}</th>
                <th scope="col">{t('risk.incidents.col.responsible')}</th>
                <th scope="col">{t('risk.incidents.col.tasks')}</th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    <AppLink to={`/s/risk/incidents/${i.id}`}>{i.title}</AppLink>
                  </th>
                  <td>
                    <LevelBadge level={i.severity} />
                  </td>
                  <td>{i.partnerName}</td>
                  <td>
                    <IncidentStatusBadge status={i.status} />
                  </td>
                  <td>{i.opened}</td>
                  <td>{i.responsibleName}</td>
                  <td>
                    {t('risk.incidents.tasks', { verified: i.tasksVerified, total: i.tasks })}{' '}
                    {i.overdue ? <OverdueBadge /> : null}
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
