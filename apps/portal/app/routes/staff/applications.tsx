import { listApplications } from '@outpost/core';
import { admissionStages, applicationStatuses } from '@outpost/db';
import { formatDateTime } from '@outpost/i18n';
import { Badge, EmptyState } from '@outpost/ui';
import { useSearchParams } from 'react-router';
import { categoryLabel } from '../../components/partner-labels';
import { FilterSelect } from '../../components/filter-select';
import { PageLinks } from '../../components/page-links';
import { applicationStatusLabel, applicationTone, stageLabel } from '../../components/staff/labels';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { oneOfParam, pageInfo, pageParam } from '../../lib/search-params';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/applications';
import { AppLink } from '../../components/app-link';
import { TableRegion } from '../../components/table-region';
import { ListFilters } from '../../components/list-filters';

const PAGE_SIZE = 20;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const params = new URL(request.url).searchParams;
  // A hand-edited filter that is not a real status or stage is ignored rather than an error.
  const status = oneOfParam(params, 'status', applicationStatuses);
  const stage = oneOfParam(params, 'stage', admissionStages);
  const result = await orRouteError(locale, () =>
    listApplications(context.get(depsContext).db, person.actor, {
      status,
      stage,
      page: pageParam(params),
      pageSize: PAGE_SIZE,
    }),
  );
  return {
    statuses: [...applicationStatuses],
    stages: [...admissionStages],
    filtered: Boolean(status || stage),
    ...pageInfo(result, PAGE_SIZE),
    applications: result.items.map(({ application: a, partnerName, creditCode }) => ({
      id: a.id,
      partnerId: a.partnerId,
      partnerName,
      creditCode,
      status: a.status,
      stage: a.stage,
      serviceCategories: a.serviceCategories,
      submittedAt: formatDateTime(locale, a.submittedAt),
    })),
  };
}

/** Every admission application, newest first, filtered by status and stage. */
export default function StaffApplications({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const { applications, total, page, pages, filtered } = loaderData;
  return (
    <div className="page">
      <title>{`${t('staff-portal.applications.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('staff.homeTitle')}</p>
        <h1>{t('staff-portal.applications.title')}</h1>
      </header>

      <ListFilters
        search={false}
        className="filters staff-filters"
        label={t('staff-portal.applications.filter')}
        submitLabel={t('staff-portal.applications.apply')}
        clear={filtered ? { to: '/s/applications', label: t('staff.clearSearch') } : null}
      >
        <FilterSelect
          id="application-status"
          name="status"
          label={t('partner.status')}
          allLabel={t('staff.allStatuses')}
          options={loaderData.statuses.map((s) => ({ value: s, label: applicationStatusLabel(t, s) }))}
          defaultValue={params.get('status') ?? ''}
        />
        <FilterSelect
          id="application-stage"
          name="stage"
          label={t('staff-portal.applications.stage')}
          allLabel={t('staff-portal.applications.allStages')}
          options={loaderData.stages.map((s) => ({ value: s, label: stageLabel(t, s) }))}
          defaultValue={params.get('stage') ?? ''}
        />
      </ListFilters>

      <p className="muted" role="status">
        {t('staff-portal.applications.count', { count: total })}
      </p>

      {applications.length === 0 ? (
        <EmptyState
          title={filtered ? t('staff-portal.applications.noMatches') : t('staff-portal.applications.none')}
        />
      ) : (
        <TableRegion labelledBy="applications-caption">
          <table className="table">
            <caption id="applications-caption" className="visually-hidden">
              {t('staff-portal.applications.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.legalName')}</th>
                <th scope="col">{t('partner.categories')}</th>
                <th scope="col">{t('staff-portal.applications.stage')}</th>
                <th scope="col">{t('partner.status')}</th>
                <th scope="col">{t('staff-portal.applications.submitted')}</th>
              </tr>
            </thead>
            <tbody>
              {applications.map((a) => (
                <tr key={a.id}>
                  <th scope="row">
                    <AppLink to={`/s/applications/${a.id}`}>{a.partnerName}</AppLink>
                    <div className="muted mono">{a.creditCode}</div>
                  </th>
                  <td>{a.serviceCategories.map((c) => categoryLabel(t, c)).join(', ')}</td>
                  <td>{stageLabel(t, a.stage)}</td>
                  <td>
                    <Badge tone={applicationTone[a.status] ?? 'neutral'}>
                      {applicationStatusLabel(t, a.status)}
                    </Badge>
                  </td>
                  <td>{a.submittedAt}</td>
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
