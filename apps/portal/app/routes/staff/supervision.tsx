import { can, listSupervisionTasks, partnerChoices, supervisionOwners } from '@outpost/core';
import { partnerRegions } from '@outpost/db';
import { formatDay } from '@outpost/i18n';
import { EmptyState } from '@outpost/ui';
import { AppLink } from '../../components/app-link';
import { SupervisionStatus } from '../../components/supervision/task-status';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/supervision';
import { FilterSelect } from '../../components/filter-select';
import { ListFilters } from '../../components/list-filters';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const [list, owners, partners] = await orRouteError(locale, () =>
    Promise.all([
      listSupervisionTasks(db, person.actor, params),
      supervisionOwners(db, person.actor),
      partnerChoices(db, person.actor),
    ]),
  );
  return {
    filters: list.filters,
    tasks: list.tasks.map((task) => ({
      id: task.id,
      title: task.title,
      dueDate: task.dueDate,
      status: task.status,
      overdue: task.overdue,
      ownerName: task.ownerName,
      regions: task.regions,
      partnerNames: task.partnerNames,
      findings: task.findings,
    })),
    owners,
    partners: partners.map((p) => ({ id: p.id, name: p.name })),
    regions: [...partnerRegions],
    mayManage: can(person.actor, 'manage:supervision'),
  };
}

/** The status view of supervision tasks (decision record 053): filters, overdue markers. */
export default function SupervisionTasks({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const d = loaderData;
  return (
    <div className="page">
      <title>{`${t('supervision.title')} · ${t('app.name')}`}</title>
      <header className="page-header page-header--row">
        <div>
          <p className="page-header__eyebrow">{t('supervision.eyebrow')}</p>
          <h1>{t('supervision.title')}</h1>
          <p className="muted">{t('supervision.intro')}</p>
        </div>
        {d.mayManage ? (
          <AppLink to="/s/supervision/new" className="button button--primary">
            {t('supervision.new')}
          </AppLink>
        ) : null}
      </header>
      <ListFilters
        search={false}
        label={t('supervision.filter.show')}
        submitLabel={t('supervision.filter.show')}
        primary={false}
      >
        <FilterSelect
          id="sv-status"
          name="status"
          label={t('supervision.filter.status')}
          options={(['open', 'overdue', 'closed', 'all'] as const).map((s) => ({
            value: s,
            label: t(`supervision.status.${s}`),
          }))}
          defaultValue={d.filters.status}
        />
        <FilterSelect
          id="sv-owner"
          name="ownerId"
          label={t('supervision.filter.owner')}
          allLabel={t('supervision.filter.any')}
          options={d.owners.map((o) => ({ value: o.id, label: o.name }))}
          defaultValue={d.filters.ownerId ?? ''}
        />
        <FilterSelect
          id="sv-partner"
          name="partnerId"
          label={t('supervision.filter.partner')}
          allLabel={t('supervision.filter.any')}
          options={d.partners.map((p) => ({ value: p.id, label: p.name }))}
          defaultValue={d.filters.partnerId ?? ''}
        />
        <FilterSelect
          id="sv-region"
          name="region"
          label={t('supervision.filter.region')}
          allLabel={t('supervision.filter.any')}
          options={d.regions.map((r) => ({ value: r, label: t(`targets.region.${r}` as never) }))}
          defaultValue={d.filters.region ?? ''}
        />
      </ListFilters>
      {d.tasks.length === 0 ? (
        <EmptyState title={t('supervision.empty')} />
      ) : (
        <TableRegion labelledBy="sv-caption">
          <table className="table" data-testid="supervision-tasks">
            <caption id="sv-caption" className="visually-hidden">
              {t('supervision.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('supervision.col.title')}</th>
                <th scope="col">{t('supervision.col.scope')}</th>
                <th scope="col">{t('supervision.col.owner')}</th>
                <th scope="col">{t('supervision.col.due')}</th>
                <th scope="col">{t('supervision.col.status')}</th>
                <th scope="col">{t('supervision.col.findings')}</th>
              </tr>
            </thead>
            <tbody>
              {d.tasks.map((task) => (
                <tr key={task.id}>
                  <th scope="row">
                    <AppLink to={`/s/supervision/${task.id}`}>{task.title}</AppLink>
                  </th>
                  <td>
                    {[
                      ...task.partnerNames,
                      ...task.regions.map((r) => t(`targets.region.${r}` as never)),
                    ].join('、')}
                  </td>
                  <td>{task.ownerName}</td>
                  <td>{formatDay(locale, task.dueDate)}</td>
                  <td>
                    <SupervisionStatus status={task.status} overdue={task.overdue} />
                  </td>
                  <td>{task.findings}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
