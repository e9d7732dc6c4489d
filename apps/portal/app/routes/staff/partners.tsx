import { can, listPartners } from '@outpost/core';
import { partnerStatuses } from '@outpost/db';
import { Badge, EmptyState } from '@outpost/ui';
import { useSearchParams } from 'react-router';
import { FilterSelect } from '../../components/filter-select';
import { ListFilters, SearchField } from '../../components/list-filters';
import { OwnershipFilters } from '../../components/ownership/ownership-filters';
import { ownershipFilterParams, ownershipLookup } from '../../lib/ownership/ownership.server';
import { PageLinks } from '../../components/page-links';
import {
  categoryLabel,
  criticalityLabel,
  criticalityTone,
  statusLabel,
  statusTone,
} from '../../components/partner-labels';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { oneOfParam, pageInfo, pageParam, queryParam } from '../../lib/search-params';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/partners';
import { AppLink } from '../../components/app-link';
import { TableRegion } from '../../components/table-region';

const PAGE_SIZE = 20;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const params = new URL(request.url).searchParams;
  const q = queryParam(params);
  const status = oneOfParam(params, 'status', partnerStatuses);
  const locale = context.get(localeContext);
  const db = context.get(depsContext).db;
  const owned = ownershipFilterParams(params);
  const [result, lookup] = await orRouteError(locale, () =>
    Promise.all([
      listPartners(db, person.actor, {
        q: q || undefined,
        status,
        ...owned,
        page: pageParam(params),
        pageSize: PAGE_SIZE,
      }),
      ownershipLookup(db, person.actor),
    ]),
  );
  return {
    name: person.user.displayName,
    canInvite: can(person.actor, 'invite:partner'),
    statuses: partnerStatuses,
    filtered: Boolean(q || status || owned.departmentId || owned.ownerId),
    choices: lookup.choices,
    ...pageInfo(result, PAGE_SIZE),
    partners: result.items.map((p) => ({
      id: p.id,
      legalName: p.legalName,
      creditCode: p.creditCode,
      status: p.status,
      serviceCategories: p.serviceCategories,
      criticality: p.criticality,
      owner: lookup.personName(p.relationshipOwnerId),
      department: lookup.departmentName(p.departmentId, locale),
    })),
  };
}

/** The staff console's first page: every partner in the register, searchable and filterable. */
export default function StaffPartners({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const { partners, total, page, pages, filtered } = loaderData;
  return (
    <div className="page">
      <title>{`${t('staff.partners')} · ${t('app.name')}`}</title>
      <header className="page-header page-header--row">
        <div>
          <p className="page-header__eyebrow">{t('staff.homeTitle')}</p>
          <h1>{t('staff.partners')}</h1>
          <p className="muted">{t('staff.welcome', { name: loaderData.name })}</p>
        </div>
        {loaderData.canInvite ? (
          <AppLink to="/s/partners/new" className="button button--primary">
            {t('staff-portal.invite.title')}
          </AppLink>
        ) : null}
      </header>

      <ListFilters
        action="/s/partners"
        label={t('staff.searchPartners')}
        submitLabel={t('common.search')}
        clear={filtered ? { to: '/s/partners', label: t('staff.clearSearch') } : null}
      >
        <SearchField id="partner-q" label={t('staff.searchPartners')} defaultValue={params.get('q') ?? ''} />
        <FilterSelect
          id="partner-status"
          name="status"
          label={t('partner.status')}
          allLabel={t('staff.allStatuses')}
          options={loaderData.statuses.map((s) => ({ value: s, label: statusLabel(t, s) }))}
          defaultValue={params.get('status') ?? ''}
        />
        <OwnershipFilters choices={loaderData.choices} params={params} />
      </ListFilters>

      <p className="muted" role="status">
        {t('staff.resultCount', { count: total })}
      </p>

      {partners.length === 0 ? (
        <EmptyState title={filtered ? t('staff.noMatches') : t('staff.noPartners')} />
      ) : (
        <TableRegion labelledBy="partners-caption">
          <table className="table">
            <caption id="partners-caption" className="visually-hidden">
              {t('staff.partners')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('staff.legalName')}</th>
                <th scope="col">{t('partner.creditCode')}</th>
                <th scope="col">{t('partner.status')}</th>
                <th scope="col">{t('partner.categories')}</th>
                <th scope="col">{t('partner.criticality')}</th>
                <th scope="col">{t('ownership.department')}</th>
                <th scope="col">{t('ownership.person')}</th>
              </tr>
            </thead>
            <tbody>
              {partners.map((p) => (
                <tr key={p.id}>
                  <th scope="row">
                    <AppLink to={`/s/partners/${p.id}`}>{p.legalName}</AppLink>
                  </th>
                  <td className="mono">{p.creditCode}</td>
                  <td>
                    <Badge tone={statusTone[p.status] ?? 'neutral'}>{statusLabel(t, p.status)}</Badge>
                  </td>
                  <td>
                    {p.serviceCategories.map((c) => categoryLabel(t, c)).join(', ') || t('common.none')}
                  </td>
                  <td>
                    <Badge tone={criticalityTone[p.criticality] ?? 'neutral'}>
                      {criticalityLabel(t, p.criticality)}
                    </Badge>
                  </td>
                  <td>{p.department ?? '—'}</td>
                  <td>{p.owner ?? '—'}</td>
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
