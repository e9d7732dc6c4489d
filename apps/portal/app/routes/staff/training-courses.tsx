import { listCourses } from '@outpost/core';
import { formatDateTime } from '@outpost/i18n';
import { EmptyState, TextField } from '@outpost/ui';
import { useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { PageLinks } from '../../components/page-links';
import { TableRegion } from '../../components/table-region';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { pageInfo, pageParam, queryParam } from '../../lib/search-params';
import { requireTrainingStaff } from '../../lib/training/staff-guard.server';
import type { Route } from './+types/training-courses';
import { ListFilters } from '../../components/list-filters';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requireTrainingStaff(context, request);
  const params = new URL(request.url).searchParams;
  const search = queryParam(params);
  const list = await orRouteError(locale, () =>
    listCourses(deps.db, actor, { search, page: pageParam(params), pageSize: 20 }),
  );
  const en = locale === 'en';
  return {
    search,
    ...pageInfo(list, list.pageSize),
    courses: list.courses.map((c) => ({
      id: c.id,
      title: en ? c.titleEn : c.titleZh,
      otherTitle: en ? c.titleZh : c.titleEn,
      category: c.category,
      version: c.version,
      hours: String(c.creditMinutes / 60),
      published: formatDateTime(locale, c.publishedAt),
    })),
  };
}

/** The course catalogue for staff who author training. */
export default function TrainingCourses({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const view = loaderData;
  return (
    <div className="page">
      <title>{`${t('training-staff.courses.title')} · ${t('app.name')}`}</title>
      <header className="page-header page-header--row">
        <div>
          <p className="page-header__eyebrow">{t('staff.homeTitle')}</p>
          <h1>{t('training-staff.courses.title')}</h1>
          <p className="muted">{t('training-staff.courses.intro')}</p>
        </div>
        <div className="staff-actions">
          <AppLink className="button button--primary" to="/s/training/courses/new">
            {t('training-staff.courses.new')}
          </AppLink>
          <AppLink className="button" to="/s/training/external">
            {t('training-staff.nav.external')}
          </AppLink>
        </div>
      </header>
      <ListFilters
        label={t('training-staff.courses.search')}
        submitLabel={t('training-staff.courses.searchButton')}
        primary={false}
      >
        <TextField name="q" label={t('training-staff.courses.search')} defaultValue={view.search} />
      </ListFilters>
      <p className="muted">{t('training-staff.courses.count', { count: view.total })}</p>
      {view.courses.length === 0 ? (
        <EmptyState
          title={view.search ? t('training-staff.courses.noMatch') : t('training-staff.courses.empty')}
        />
      ) : (
        <TableRegion labelledBy="courses-caption">
          <table className="table">
            <caption id="courses-caption" className="visually-hidden">
              {t('training-staff.courses.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('training-staff.courses.courseTitle')}</th>
                <th scope="col">{t('training-staff.courses.category')}</th>
                <th scope="col">{t('training-staff.courses.version')}</th>
                <th scope="col">{t('training-staff.courses.hours')}</th>
                <th scope="col">{t('training-staff.courses.published')}</th>
              </tr>
            </thead>
            <tbody>
              {view.courses.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <AppLink to={`/s/training/courses/${c.id}`}>{c.title}</AppLink>
                    <div className="muted">{c.otherTitle}</div>
                  </th>
                  <td>{t(`training.category.${c.category}`)}</td>
                  <td>{c.version}</td>
                  <td>{c.hours}</td>
                  <td>{c.published}</td>
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
