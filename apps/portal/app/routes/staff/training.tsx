import { trainingOverview } from '@outpost/core';
import { serviceCategories } from '@outpost/db';
import { Badge, EmptyState, TextField } from '@outpost/ui';
import { useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { FilterSelect } from '../../components/filter-select';
import { PageLinks } from '../../components/page-links';
import { categoryLabel } from '../../components/partner-labels';
import { TableRegion } from '../../components/table-region';
import { ComplianceTrend } from '../../components/training/compliance-trend';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { pageCount, pageParam, queryParam } from '../../lib/search-params';
import { formatShare } from '../../lib/training/format';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/training';
import { ListFilters } from '../../components/list-filters';

const PAGE_SIZE = 20;
type Category = (typeof serviceCategories)[number];
const isCategory = (v: string | null): v is Category =>
  (serviceCategories as readonly (string | null)[]).includes(v);

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const params = new URL(request.url).searchParams;
  const category = params.get('category');
  const q = queryParam(params);
  const result = await orRouteError(context.get(localeContext), () =>
    trainingOverview(context.get(depsContext).db, person.actor, {
      serviceCategory: isCategory(category) ? category : undefined,
      q: q || undefined,
      page: pageParam(params),
      pageSize: PAGE_SIZE,
    }),
  );
  return {
    ...result,
    q,
    category: isCategory(category) ? category : '',
    categories: serviceCategories,
    pages: pageCount(result.total, PAGE_SIZE),
  };
}

/** Staff: training compliance per partner, worst first, with the trend and who is overdue. */
export default function StaffTraining({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const view = loaderData;
  return (
    <div className="page">
      <title>{`${t('training-dashboard.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <h1>{t('training-dashboard.title')}</h1>
        <p className="muted">{t('training-dashboard.intro', { date: view.asOf })}</p>
      </header>

      <section className="card" aria-labelledby="training-portfolio">
        <h2 id="training-portfolio">{t('training-dashboard.portfolio')}</h2>
        <p className="figure">
          {t('training-dashboard.portfolioValue', {
            rate: formatShare(locale, view.portfolio.share),
            meeting: view.portfolio.meeting,
            people: view.portfolio.people,
          })}
        </p>
        {view.byCategory.length > 0 ? (
          <>
            <h3>{t('training-dashboard.byCategory')}</h3>
            <ul className="inline-list">
              {view.byCategory.map((c) => (
                <li key={c.serviceCategory}>
                  {categoryLabel(t, c.serviceCategory)}: <strong>{formatShare(locale, c.share)}</strong>
                </li>
              ))}
            </ul>
          </>
        ) : null}
      </section>

      <p className="muted">{t('training-notices.rate.rule')}</p>

      <section aria-labelledby="training-trend">
        <h2 id="training-trend">{t('training-dashboard.trendTitle')}</h2>
        <ComplianceTrend trend={view.trend} />
      </section>

      <ListFilters
        label={t('training-dashboard.search')}
        submitLabel={t('training-dashboard.searchButton')}
        primary={false}
      >
        <TextField name="q" label={t('training-dashboard.search')} defaultValue={view.q} />
        <FilterSelect
          id="training-category"
          name="category"
          label={t('training-dashboard.category')}
          allLabel={t('training-dashboard.allCategories')}
          options={view.categories.map((c) => ({ value: c, label: categoryLabel(t, c) }))}
          defaultValue={view.category}
        />
      </ListFilters>
      <p className="muted" role="status">
        {t('training-dashboard.count', { count: view.total })}
      </p>
      {view.items.length === 0 ? (
        <EmptyState title={t('training-dashboard.empty')} />
      ) : (
        <TableRegion labelledBy="training-caption">
          <table className="table">
            <caption id="training-caption" className="visually-hidden">
              {t('training-dashboard.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('training-dashboard.partner')}</th>
                <th scope="col">{t('training-dashboard.rate')}</th>
                <th scope="col">{t('training-dashboard.meeting')}</th>
                <th scope="col">{t('training-dashboard.overdue')}</th>
                <th scope="col">{t('training-notices.rate.label')}</th>
                <th scope="col">{t('training-dashboard.category')}</th>
              </tr>
            </thead>
            <tbody>
              {view.items.map((p) => (
                <tr key={p.partnerId}>
                  <th scope="row">
                    <AppLink to={`/s/training/partners/${p.partnerId}`}>{p.legalName}</AppLink>
                  </th>
                  <td>
                    {p.share === null ? (
                      <span className="muted">{t('training-dashboard.noFigure')}</span>
                    ) : (
                      <>
                        <progress max={1} value={p.share} aria-hidden="true" /> {formatShare(locale, p.share)}
                      </>
                    )}
                  </td>
                  <td>{p.share === null ? '—' : `${p.meeting} / ${p.people}`}</td>
                  <td>
                    {p.overduePeople > 0 ? (
                      <Badge tone="negative">
                        {t('training-dashboard.overdueCount', { count: p.overduePeople })}
                      </Badge>
                    ) : (
                      t('training-dashboard.overdueCount', { count: 0 })
                    )}
                  </td>
                  <td>{formatShare(locale, p.confirmationShare)}</td>
                  <td>{p.serviceCategories.map((c) => categoryLabel(t, c)).join('、')}</td>
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
