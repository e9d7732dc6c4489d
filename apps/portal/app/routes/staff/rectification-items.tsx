import { listRectificationItems } from '@outpost/core';
import { formatDay } from '@outpost/i18n';
import { EmptyState } from '@outpost/ui';
import { Form, useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { FilterSelect } from '../../components/filter-select';
import { OwnershipFilters } from '../../components/ownership/ownership-filters';
import { OwnershipPanel } from '../../components/ownership/ownership-panel';
import { PageLinks } from '../../components/page-links';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { ownershipFilterParams, ownershipLookup, ownershipView } from '../../lib/ownership/ownership.server';
import { pageCount, pageParam } from '../../lib/search-params';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/rectification-items';

const statuses = ['open', 'submitted', 'closed'] as const;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const params = new URL(request.url).searchParams;
  const status = statuses.find((s) => s === params.get('status'));
  const filters = ownershipFilterParams(params);
  const [result, lookup] = await orRouteError(locale, () =>
    Promise.all([
      listRectificationItems(db, person.actor, { ...filters, status, page: pageParam(params) }),
      ownershipLookup(db, person.actor),
    ]),
  );
  return {
    choices: lookup.choices,
    page: result.page,
    pages: pageCount(result.total, result.pageSize),
    items: result.items.map((i) => ({
      id: i.id,
      reviewId: i.reviewId,
      quarter: i.quarter,
      partnerName: i.partnerName,
      description: i.description,
      due: formatDay(locale, i.dueDate) ?? i.dueDate,
      status: i.status,
      ownership: ownershipView(lookup, locale, 'rectification_item', i),
    })),
  };
}

/** Every rectification item with its department and responsible person, filterable by both (decision record 050). */
export default function RectificationItems({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const { items, choices } = loaderData;
  return (
    <div className="page">
      <title>{`${t('ownership.rectification.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <h1>{t('ownership.rectification.title')}</h1>
        <p className="muted">{t('ownership.rectification.intro')}</p>
      </header>
      <Form method="get" className="filters">
        <FilterSelect
          id="filter-status"
          name="status"
          label={t('ownership.rectification.col.status')}
          allLabel={t('ownership.rectification.allStatuses')}
          options={statuses.map((s) => ({ value: s, label: t(`ownership.rectification.status.${s}`) }))}
          defaultValue={params.get('status') ?? ''}
        />
        <OwnershipFilters choices={choices} params={params} />
        <div>
          <button type="submit" className="button">
            {t('ownership.filter')}
          </button>
        </div>
      </Form>
      {items.length === 0 ? (
        <EmptyState title={t('ownership.rectification.empty')} />
      ) : (
        <TableRegion labelledBy="rectification-caption">
          <table className="table">
            <caption id="rectification-caption" className="visually-hidden">
              {t('ownership.rectification.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('ownership.rectification.col.item')}</th>
                <th scope="col">{t('ownership.rectification.col.partner')}</th>
                <th scope="col">{t('ownership.rectification.col.due')}</th>
                <th scope="col">{t('ownership.rectification.col.status')}</th>
                <th scope="col">{t('ownership.col')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((i) => (
                <tr key={i.id}>
                  <th scope="row">
                    <AppLink to={`/s/reviews/${i.reviewId}`}>{i.description}</AppLink>{' '}
                    <span className="muted">{i.quarter}</span>
                  </th>
                  <td>{i.partnerName}</td>
                  <td>{i.due}</td>
                  <td>{t(`ownership.rectification.status.${i.status}`)}</td>
                  <td>
                    <OwnershipPanel view={i.ownership} compact />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
      <PageLinks page={loaderData.page} pages={loaderData.pages} params={params} />
    </div>
  );
}
