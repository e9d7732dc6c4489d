import { can, rankPartners } from '@outpost/core';
import { serviceCategories } from '@outpost/db';
import { Badge, EmptyState } from '@outpost/ui';
import { Form, Link, useSearchParams } from 'react-router';
import { KpiStatusBadge } from '../../components/performance/kpi-status';
import { PeriodSwitcher } from '../../components/performance/period-switcher';
import { categoryLabel, statusLabel, statusTone } from '../../components/partner-labels';
import { FilterSelect } from '../../components/filter-select';
import { PageLinks } from '../../components/page-links';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { formatScore } from '../../lib/performance/format';
import { periodLinks, periodParam } from '../../lib/performance/period';
import { pageCount, pageParam } from '../../lib/search-params';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/scorecards';
import { AppLink } from '../../components/app-link';
import { TableRegion } from '../../components/table-region';

const PAGE_SIZE = 20;
type Category = (typeof serviceCategories)[number];
const isCategory = (v: string | null): v is Category =>
  (serviceCategories as readonly (string | null)[]).includes(v);

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const params = new URL(request.url).searchParams;
  const period = periodParam(params);
  const category = params.get('category');
  const sort = params.get('sort') === 'name' ? 'name' : 'score';
  const order = params.get('order') === 'asc' ? 'asc' : params.get('order') === 'desc' ? 'desc' : undefined;
  const result = await orRouteError(context.get(localeContext), () =>
    rankPartners(context.get(depsContext).db, person.actor, {
      period,
      category: isCategory(category) ? category : undefined,
      sort,
      order,
      page: pageParam(params),
      pageSize: PAGE_SIZE,
    }),
  );
  return {
    ...result,
    sort,
    order: order ?? (sort === 'score' ? 'desc' : 'asc'),
    pages: pageCount(result.total, PAGE_SIZE),
    categories: serviceCategories,
    category: isCategory(category) ? category : '',
    links: periodLinks(period),
    canImport: can(person.actor, 'ingest:events:any'),
  };
}

/** Every partner ranked by overall score for a period; filter by category, sort by score or name. */
export default function StaffScorecards({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const { items, total, page, pages, links, sort, order } = loaderData;
  // Clicking the sorted column flips the order; another column starts in its natural order.
  const sortHref = (column: 'score' | 'name') => {
    const next = new URLSearchParams(params);
    next.delete('page');
    next.set('sort', column);
    next.set(
      'order',
      sort === column ? (order === 'asc' ? 'desc' : 'asc') : column === 'score' ? 'desc' : 'asc',
    );
    return `?${next}`;
  };
  const ariaSort = (column: 'score' | 'name') =>
    sort === column ? (order === 'asc' ? 'ascending' : 'descending') : undefined;
  return (
    <div className="page">
      <title>{`${t('performance.ranking.title')} · ${t('app.name')}`}</title>
      <header className="page-header page-header--row">
        <div>
          <h1>{t('performance.ranking.title')}</h1>
          <p className="muted">{t('performance.ranking.intro')}</p>
        </div>
        {loaderData.canImport ? (
          <AppLink to="/s/import" className="button">
            {t('performance.importLink')}
          </AppLink>
        ) : null}
      </header>
      <PeriodSwitcher links={links} />
      {loaderData.provisional ? (
        <p className="provisional-note">
          <span className="provisional-badge">{t('performance.provisional.inProgress')}</span>{' '}
          {t('performance.provisional.ranking')}
        </p>
      ) : null}
      <Form method="get" className="filters" aria-label={t('performance.ranking.filters')}>
        <input type="hidden" name="period" value={links.label} />
        <input type="hidden" name="sort" value={sort} />
        <FilterSelect
          id="ranking-category"
          name="category"
          label={t('partner.categories')}
          allLabel={t('performance.ranking.allCategories')}
          options={loaderData.categories.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
          defaultValue={loaderData.category}
        />
        <button type="submit" className="button button--primary">
          {t('performance.ranking.apply')}
        </button>
      </Form>
      <p className="muted" role="status">
        {t('staff.resultCount', { count: total })}
      </p>
      {items.length === 0 ? (
        <EmptyState title={t('performance.ranking.empty')} />
      ) : (
        <TableRegion labelledBy="ranking-caption">
          <table className="table">
            <caption id="ranking-caption" className="visually-hidden">
              {t('performance.ranking.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('performance.rank')}</th>
                <th scope="col" aria-sort={ariaSort('name')}>
                  <Link to={sortHref('name')}>{t('staff.legalName')}</Link>
                </th>
                <th scope="col" aria-sort={ariaSort('score')}>
                  <Link to={sortHref('score')}>{t('performance.score')}</Link>
                </th>
                <th scope="col">{t('performance.grade')}</th>
                <th scope="col">{t('performance.worstKpi')}</th>
                <th scope="col">{t('partner.categories')}</th>
                <th scope="col">{t('partner.status')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => {
                return (
                  <tr key={p.partnerId}>
                    <td>{p.rank ?? '—'}</td>
                    <th scope="row">
                      <AppLink to={`/s/scorecards/${p.partnerId}?period=${links.label}`}>
                        {p.legalName}
                      </AppLink>
                    </th>
                    <td>{p.score === null ? t('kpi_status.no_data') : formatScore(locale, p.score)}</td>
                    <td>
                      {p.grade ?? '—'}
                      {p.grade && loaderData.provisional ? (
                        <span className="provisional-mark"> {t('performance.provisional.grade')}</span>
                      ) : null}
                    </td>
                    <td>{p.score === null ? '—' : <KpiStatusBadge status={p.worstStatus} />}</td>
                    <td>
                      {p.serviceCategories.map((c) => categoryLabel(t, c)).join(', ') || t('common.none')}
                    </td>
                    <td>
                      <Badge tone={statusTone[p.status] ?? 'neutral'}>{statusLabel(t, p.status)}</Badge>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableRegion>
      )}
      <PageLinks page={page} pages={pages} params={params} />
    </div>
  );
}
