import { can, contractPartners, searchContracts } from '@outpost/core';
import { formatDateTime, formatDay } from '@outpost/i18n';
import { EmptyState } from '@outpost/ui';
import { useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { ContractStatusBadge, UnderWayMarker } from '../../components/contracts/contract-labels';
import { ArchiveExportLinks, ArchiveFilters } from '../../components/contracts/archive-filters';
import { FilterSelect } from '../../components/filter-select';
import { ListFilters, SearchField } from '../../components/list-filters';
import { OwnershipFilters } from '../../components/ownership/ownership-filters';
import { ownershipLookup } from '../../lib/ownership/ownership.server';
import { PageLinks } from '../../components/page-links';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { archiveFilters } from '../../lib/contracts/archive-view.server';
import { contractStatusCodes as contractStatuses } from '../../lib/contracts/contract-codes';
import { serviceCategoryCodes as serviceCategories } from '../../lib/risk/risk-codes';
import { useT } from '../../lib/i18n';
import { pageInfo, pageParam, pickParams } from '../../lib/search-params';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/contracts';

/** The filters the export links carry over. */
const exportParams = [
  'status',
  'category',
  'kind',
  'partner',
  'within',
  'from',
  'to',
  'q',
  'department',
  'owner',
];

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const params = new URL(request.url).searchParams;
  // A hand-edited bad filter falls back to "no filter", never an error page (archive-view.server.ts).
  const filters = archiveFilters(params);
  const db = context.get(depsContext).db;
  const [result, partnerOptions, lookup] = await orRouteError(locale, () =>
    Promise.all([
      searchContracts(db, person.actor, { ...filters, page: pageParam(params) }),
      contractPartners(db, person.actor),
      ownershipLookup(db, person.actor),
    ]),
  );
  return {
    mayDraft: can(person.actor, 'manage:contract'),
    filtered: Object.keys(filters).length > 0,
    partners: partnerOptions,
    choices: lookup.choices,
    exportQuery: pickParams(params, exportParams),
    ...pageInfo(result, result.pageSize),
    contracts: result.items.map((c) => ({
      id: c.id,
      reference: c.reference,
      partnerName: c.partnerName,
      serviceCategory: c.serviceCategory,
      status: c.status,
      underWay: c.underWay,
      version: c.version,
      term: `${formatDay(locale, c.startDate) ?? c.startDate} – ${formatDay(locale, c.endDate) ?? c.endDate}`,
      updated: formatDateTime(locale, c.updatedAt),
      owner: lookup.personName(c.ownerId),
      department: lookup.departmentName(c.departmentId, locale),
    })),
  };
}

/** The contract archive: every contract, filtered by status and category, searched by reference or partner. */
export default function StaffContracts({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const { contracts, total, page, pages, filtered } = loaderData;
  return (
    <div className="page">
      <title>{`${t('contracts.list.title')} · ${t('app.name')}`}</title>
      <header className="page-header page-header--row">
        <div>
          <h1>{t('contracts.list.title')}</h1>
          <p className="muted">{t('contracts.list.intro')}</p>
        </div>
        <AppLink to="/s/contracts/execution" className="button">
          {t('contracts.execution.listLink')}
        </AppLink>
        {loaderData.mayDraft ? (
          <AppLink to="/s/contracts/new" className="button button--primary">
            {t('contracts.list.new')}
          </AppLink>
        ) : null}
      </header>

      <ListFilters
        action="/s/contracts"
        label={t('contracts.list.search')}
        submitLabel={t('common.search')}
        clear={filtered ? { to: '/s/contracts', label: t('contracts.list.clear') } : null}
      >
        <SearchField
          id="contracts-q"
          label={t('contracts.list.search')}
          hint={t('contracts.archive.searchHint')}
          defaultValue={params.get('q') ?? ''}
        />
        <FilterSelect
          id="contracts-status"
          name="status"
          label={t('contracts.list.status')}
          allLabel={t('contracts.list.allStatuses')}
          options={contractStatuses.map((s) => ({ value: s, label: t(`contracts.status.${s}`) }))}
          defaultValue={params.get('status') ?? ''}
        />
        <FilterSelect
          id="contracts-category"
          name="category"
          label={t('contracts.list.category')}
          allLabel={t('contracts.list.allCategories')}
          options={serviceCategories.map((c) => ({ value: c, label: t(`category.${c}`) }))}
          defaultValue={params.get('category') ?? ''}
        />
        <ArchiveFilters partners={loaderData.partners} />
        <OwnershipFilters choices={loaderData.choices} params={params} />
      </ListFilters>

      <p className="muted" role="status">
        {t('contracts.list.count', { count: total })}
      </p>
      <ArchiveExportLinks query={loaderData.exportQuery} />
      {contracts.length === 0 ? (
        <EmptyState title={filtered ? t('contracts.list.noneFound') : t('contracts.list.empty')}>
          <p>{filtered ? t('contracts.list.noneFoundHint') : t('contracts.list.emptyHint')}</p>
        </EmptyState>
      ) : (
        <TableRegion labelledBy="contracts-caption">
          <table className="table">
            <caption id="contracts-caption" className="visually-hidden">
              {t('contracts.list.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('contracts.list.reference')}</th>
                <th scope="col">{t('contracts.list.partner')}</th>
                <th scope="col">{t('contracts.list.category')}</th>
                <th scope="col">{t('contracts.list.status')}</th>
                <th scope="col">{t('contracts.list.term')}</th>
                <th scope="col">{t('contracts.list.updated')}</th>
                <th scope="col">{t('ownership.col')}</th>
              </tr>
            </thead>
            <tbody>
              {contracts.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <AppLink to={`/s/contracts/${c.id}`}>{c.reference}</AppLink>
                    <div className="muted">{t('contracts.version', { version: c.version })}</div>
                  </th>
                  <td>{c.partnerName}</td>
                  <td>{t(`category.${c.serviceCategory}`)}</td>
                  <td>
                    <ContractStatusBadge status={c.status} /> <UnderWayMarker underWay={c.underWay} />
                  </td>
                  <td>{c.term}</td>
                  <td>{c.updated}</td>
                  <td>
                    {c.department ?? '—'}
                    <div className="muted">{c.owner ?? '—'}</div>
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
