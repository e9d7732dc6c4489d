import { listContracts } from '@outpost/core';
import { formatDay } from '@outpost/i18n';
import { EmptyState } from '@outpost/ui';
import { useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { ContractStatusBadge, UnderWayMarker } from '../../components/contracts/contract-labels';
import { PageLinks } from '../../components/page-links';
import { TableRegion } from '../../components/table-region';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { pageCount, pageParam } from '../../lib/search-params';
import type { Route } from './+types/contracts';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const params = new URL(request.url).searchParams;
  // Core scopes the list to this partner, from signing on.
  const result = await orRouteError(locale, () => listContracts(deps.db, actor, { page: pageParam(params) }));
  return {
    page: result.page,
    pages: pageCount(result.total, result.pageSize),
    contracts: result.items.map((c) => ({
      id: c.id,
      reference: c.reference,
      serviceCategory: c.serviceCategory,
      status: c.status,
      underWay: c.underWay,
      term: `${formatDay(locale, c.startDate) ?? c.startDate} – ${formatDay(locale, c.endDate) ?? c.endDate}`,
    })),
  };
}

/** The partner's own contracts: to sign, in force and past. */
export default function PartnerContracts({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const { contracts, page, pages } = loaderData;
  return (
    <div className="page">
      <title>{`${t('contracts.partner.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <h1>{t('contracts.partner.title')}</h1>
        <p className="muted">{t('contracts.partner.intro')}</p>
      </header>
      {contracts.length === 0 ? (
        <EmptyState title={t('contracts.partner.empty')}>
          <p>{t('contracts.partner.emptyHint')}</p>
        </EmptyState>
      ) : (
        <TableRegion labelledBy="partner-contracts-caption">
          <table className="table">
            <caption id="partner-contracts-caption" className="visually-hidden">
              {t('contracts.partner.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('contracts.list.reference')}</th>
                <th scope="col">{t('contracts.list.category')}</th>
                <th scope="col">{t('contracts.list.status')}</th>
                <th scope="col">{t('contracts.list.term')}</th>
              </tr>
            </thead>
            <tbody>
              {contracts.map((c) => (
                <tr key={c.id}>
                  <th scope="row">
                    <AppLink to={`/p/contracts/${c.id}`}>{c.reference}</AppLink>
                  </th>
                  <td>{t(`category.${c.serviceCategory}`)}</td>
                  <td>
                    <ContractStatusBadge status={c.status} /> <UnderWayMarker underWay={c.underWay} />
                  </td>
                  <td>{c.term}</td>
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
