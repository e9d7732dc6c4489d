import { listNotices } from '@outpost/core';
import { formatDateTime, formatDay } from '@outpost/i18n';
import { Badge, EmptyState, TextField } from '@outpost/ui';
import { useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { PageLinks } from '../../components/page-links';
import { TableRegion } from '../../components/table-region';
import { NoticeAudience } from '../../components/training/notice-audience';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { pageInfo, pageParam, queryParam } from '../../lib/search-params';
import { requireTrainingStaff } from '../../lib/training/staff-guard.server';
import type { Route } from './+types/training-notices';
import { ListFilters } from '../../components/list-filters';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requireTrainingStaff(context, request);
  const params = new URL(request.url).searchParams;
  const search = queryParam(params);
  const list = await orRouteError(locale, () =>
    listNotices(deps.db, actor, { search, page: pageParam(params), pageSize: 20 }),
  );
  const en = locale === 'en';
  return {
    search,
    ...pageInfo(list, list.pageSize),
    notices: list.notices.map((n) => ({
      id: n.id,
      kind: n.kind,
      title: en ? n.titleEn : n.titleZh,
      otherTitle: en ? n.titleZh : n.titleEn,
      target: n.target,
      partnerName: n.partnerName,
      personName: n.personName,
      serviceCategory: n.serviceCategory,
      confirmBy: formatDay(locale, n.confirmBy),
      published: formatDateTime(locale, n.publishedAt),
      withdrawn: n.withdrawnAt !== null,
    })),
  };
}

/** Staff: every notice published, newest first, with whom it went to and whether it is in force. */
export default function TrainingNotices({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const view = loaderData;
  return (
    <div className="page">
      <title>{`${t('training-notices.staff.title')} · ${t('app.name')}`}</title>
      <header className="page-header page-header--row">
        <div>
          <p className="page-header__eyebrow">{t('training.nav')}</p>
          <h1>{t('training-notices.staff.title')}</h1>
          <p className="muted">{t('training-notices.staff.intro')}</p>
        </div>
        <div className="staff-actions">
          <AppLink className="button button--primary" to="/s/training/notices/new">
            {t('training-notices.staff.new')}
          </AppLink>
        </div>
      </header>
      <ListFilters
        label={t('training-notices.staff.search')}
        submitLabel={t('training-notices.staff.searchButton')}
        primary={false}
      >
        <TextField name="q" label={t('training-notices.staff.search')} defaultValue={view.search} />
      </ListFilters>
      <p className="muted">{t('training-notices.staff.count', { count: view.total })}</p>
      {view.notices.length === 0 ? (
        <EmptyState
          title={view.search ? t('training-notices.staff.noMatch') : t('training-notices.staff.empty')}
        />
      ) : (
        <TableRegion labelledBy="notices-caption">
          <table className="table">
            <caption id="notices-caption" className="visually-hidden">
              {t('training-notices.staff.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('training-notices.col.title')}</th>
                <th scope="col">{t('training-notices.col.kind')}</th>
                <th scope="col">{t('training-notices.col.audience')}</th>
                <th scope="col">{t('training-notices.col.confirmBy')}</th>
                <th scope="col">{t('training-notices.col.published')}</th>
                <th scope="col">{t('training-notices.col.status')}</th>
              </tr>
            </thead>
            <tbody>
              {view.notices.map((n) => (
                <tr key={n.id}>
                  <th scope="row">
                    <AppLink to={`/s/training/notices/${n.id}`}>{n.title}</AppLink>
                    <div className="muted">{n.otherTitle}</div>
                  </th>
                  <td>{t(`training-notices.kind.${n.kind}`)}</td>
                  <td>
                    <NoticeAudience notice={n} />
                  </td>
                  <td>
                    {n.confirmBy ?? <span className="muted">{t('training-notices.noConfirmation')}</span>}
                  </td>
                  <td>{n.published}</td>
                  <td>
                    {n.withdrawn ? (
                      <Badge tone="neutral">{t('training-notices.status.withdrawn')}</Badge>
                    ) : (
                      <Badge tone="positive">{t('training-notices.status.live')}</Badge>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <PageLinks page={view.page} pages={view.pages} params={params} />
    </div>
  );
}
