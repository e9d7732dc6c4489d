import { can, listRiskIncidents } from '@outpost/core';
import { formatDateTime } from '@outpost/i18n';
import { EmptyState } from '@outpost/ui';
import { Form, useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { FilterSelect } from '../../components/filter-select';
import { PageLinks } from '../../components/page-links';
import { IncidentStatusBadge } from '../../components/risk/incident-labels';
import { LevelBadge, OverdueBadge } from '../../components/risk/risk-labels';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { riskIncidentStatusCodes } from '../../lib/risk/incident-codes';
import { riskLevelCodes } from '../../lib/risk/risk-codes';
import { pageCount, pageParam } from '../../lib/search-params';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/risk-incidents';

const statusFilters = ['live', ...riskIncidentStatusCodes, 'all'] as const;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const params = new URL(request.url).searchParams;
  // A hand-edited bad filter falls back to "no filter", never an error page.
  const severity = riskLevelCodes.find((l) => l === params.get('severity'));
  const status = statusFilters.find((s) => s === params.get('status')) ?? 'live';
  const q = (params.get('q') ?? '').trim().slice(0, 100) || undefined;
  const overdue = params.get('overdue') === '1';
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
    total: result.total,
    page: result.page,
    pages: pageCount(result.total, result.pageSize),
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

      <Form
        method="get"
        action="/s/risk/incidents"
        role="search"
        className="filters"
        aria-label={t('risk.incidents.search')}
      >
        <div className="ui-field filters__query">
          <label htmlFor="incident-q">{t('risk.incidents.search')}</label>
          <input
            id="incident-q"
            name="q"
            type="search"
            defaultValue={params.get('q') ?? ''}
            maxLength={100}
          />
        </div>
        <FilterSelect
          id="incident-severity"
          name="severity"
          label={t('risk.incidents.severity')}
          allLabel={t('risk.incidents.allSeverities')}
          options={riskLevelCodes.map((l) => ({ value: l, label: t(`risk.level.${l}`) }))}
          defaultValue={params.get('severity') ?? ''}
        />
        <div className="ui-field">
          <label htmlFor="incident-status">{t('risk.incidents.status')}</label>
          <select id="incident-status" name="status" defaultValue={loaderData.status}>
            {statusFilters.map((s) => (
              <option key={s} value={s}>
                {t(`risk.incidentStatus.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <label className="staff-check">
          <input type="checkbox" name="overdue" value="1" defaultChecked={params.get('overdue') === '1'} />
          <span>{t('risk.incidents.overdueOnly')}</span>
        </label>
        <button type="submit" className="button button--primary">
          {t('common.search')}
        </button>
        {filtered ? (
          <AppLink to="/s/risk/incidents" className="button button--quiet">
            {t('risk.alerts.clear')}
          </AppLink>
        ) : null}
      </Form>

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
