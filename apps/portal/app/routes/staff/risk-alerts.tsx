import { acknowledgeRiskAlerts, can, listRiskAlerts } from '@outpost/core';
import { formatDateTime, translate } from '@outpost/i18n';
import { Alert, EmptyState } from '@outpost/ui';
import { data, Form, useSearchParams } from 'react-router';
import { AppLink } from '../../components/app-link';
import { FilterSelect } from '../../components/filter-select';
import { FilterCheck, ListFilters, SearchField } from '../../components/list-filters';
import { OwnershipFilters } from '../../components/ownership/ownership-filters';
import { ownershipFilterParams, ownershipLookup } from '../../lib/ownership/ownership.server';
import { PageLinks } from '../../components/page-links';
import { AlertStatusBadge, LevelBadge, OverdueBadge } from '../../components/risk/risk-labels';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { appErrorToForm, orRouteError } from '../../lib/app-error.server';
import { routeError } from '../../lib/route-error';
import { useLocale, useT } from '../../lib/i18n';
import { flagParam, oneOfParam, pageInfo, pageParam, queryParam } from '../../lib/search-params';
import {
  riskAlertStatusCodes as riskAlertStatuses,
  riskLevelCodes as riskLevels,
} from '../../lib/risk/risk-codes';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/risk-alerts';

const statusFilters = ['live', ...riskAlertStatuses, 'all'] as const;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const params = new URL(request.url).searchParams;
  // A hand-edited bad filter falls back to "no filter", never an error page.
  const level = oneOfParam(params, 'level', riskLevels);
  const status = oneOfParam(params, 'status', statusFilters) ?? 'live';
  const partnerParam = params.get('partner') ?? '';
  const partnerId = uuid.test(partnerParam) ? partnerParam : undefined;
  const q = queryParam(params) || undefined;
  const overdue = flagParam(params, 'overdue');
  const mine = flagParam(params, 'mine');
  const owned = ownershipFilterParams(params);
  const db = context.get(depsContext).db;
  const [result, lookup] = await orRouteError(locale, () =>
    Promise.all([
      listRiskAlerts(db, person.actor, {
        level,
        status,
        partnerId,
        q,
        overdue,
        mine,
        ...owned,
        page: pageParam(params),
      }),
      ownershipLookup(db, person.actor),
    ]),
  );
  return {
    mayAct: can(person.actor, 'manage:risk-alerts'),
    filtered: Boolean(
      level || q || overdue || mine || partnerId || status !== 'live' || owned.departmentId || owned.ownerId,
    ),
    choices: lookup.choices,
    partnerName: partnerId ? (result.alerts[0]?.partnerName ?? null) : null,
    status,
    ...pageInfo(result, result.pageSize),
    alerts: result.alerts.map((a) => ({
      id: a.id,
      partnerName: a.partnerName,
      ruleNameZh: a.ruleNameZh,
      ruleNameEn: a.ruleNameEn,
      level: a.level,
      status: a.status,
      raised: formatDateTime(locale, a.raisedAt),
      deadline: formatDateTime(locale, a.responseDeadline),
      ownerName: a.ownerName,
      department: lookup.departmentName(a.departmentId, locale),
      overdue: a.overdue,
      cleared: a.clearedSince ? formatDateTime(locale, a.clearedSince) : null,
    })),
  };
}

/** Bulk acknowledge: each chosen alert on its own; those someone else took first are named. */
export async function action({ context, request }: Route.ActionArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  if (!can(person.actor, 'manage:risk-alerts')) throw routeError(locale, 403, 'errors.forbidden');
  const form = await request.formData();
  const alertIds = form.getAll('alertId').filter((v): v is string => typeof v === 'string');
  try {
    const result = await acknowledgeRiskAlerts(context.get(depsContext).db, person.actor, { alertIds });
    return data({
      ok: true as const,
      notice: translate(locale, 'risk.bulk.done', { count: result.acknowledged.length }),
      skipped: result.skipped.map((s) => translate(locale, s.messageKey, { name: s.name ?? '' })),
    });
  } catch (raw) {
    const mapped = appErrorToForm(raw, locale);
    if (!mapped) throw raw;
    return data(
      { ok: false as const, error: translate(locale, 'risk.bulk.noneChosen') },
      { status: mapped.status },
    );
  }
}

/** The alert inbox: filters by level, status, partner and overdue, a search, open ones first. */
export default function RiskAlerts({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const [params] = useSearchParams();
  const { alerts, total, page, pages, filtered } = loaderData;
  return (
    <div className="page">
      <title>{`${t('risk.alerts.title')} · ${t('app.name')}`}</title>
      <header className="page-header page-header--row">
        <div>
          <p className="page-header__eyebrow">{t('risk.eyebrow')}</p>
          <h1>{t('risk.alerts.title')}</h1>
          <p className="muted">{t('risk.alerts.intro')}</p>
        </div>
        <AppLink to="/s/risk/rules" className="button">
          {t('risk.nav.rules')}
        </AppLink>
      </header>

      <ListFilters
        action="/s/risk/alerts"
        label={t('risk.alerts.search')}
        submitLabel={t('common.search')}
        clear={filtered ? { to: '/s/risk/alerts', label: t('risk.alerts.clear') } : null}
      >
        <SearchField id="risk-q" label={t('risk.alerts.search')} defaultValue={params.get('q') ?? ''} />
        <FilterSelect
          id="risk-level"
          name="level"
          label={t('risk.alerts.level')}
          allLabel={t('risk.alerts.allLevels')}
          options={riskLevels.map((l) => ({ value: l, label: t(`risk.level.${l}`) }))}
          defaultValue={params.get('level') ?? ''}
        />
        <FilterSelect
          id="risk-status"
          name="status"
          label={t('risk.alerts.status')}
          options={statusFilters.map((s) => ({ value: s, label: t(`risk.alertStatus.${s}`) }))}
          defaultValue={loaderData.status}
        />
        <FilterCheck
          name="overdue"
          label={t('risk.alerts.overdueOnly')}
          defaultChecked={flagParam(params, 'overdue')}
        />
        <FilterCheck
          name="mine"
          label={t('risk.alerts.mineOnly')}
          defaultChecked={flagParam(params, 'mine')}
        />
        <OwnershipFilters choices={loaderData.choices} params={params} />
        {params.get('partner') ? (
          <input type="hidden" name="partner" value={params.get('partner') ?? ''} />
        ) : null}
      </ListFilters>
      {loaderData.partnerName ? (
        <p>{t('risk.alerts.partnerFilter', { name: loaderData.partnerName })}</p>
      ) : null}

      <p className="muted" role="status">
        {t('risk.alerts.count', { count: total })}
      </p>
      {actionData?.ok ? (
        <Alert tone="success">
          {actionData.notice}
          {actionData.skipped.map((s) => (
            <span key={s}> {s}</span>
          ))}
        </Alert>
      ) : null}
      {actionData && !actionData.ok ? <Alert tone="error">{actionData.error}</Alert> : null}

      {alerts.length === 0 ? (
        <EmptyState title={t('risk.alerts.empty')}>
          <p>{t('risk.alerts.emptyHint')}</p>
        </EmptyState>
      ) : (
        <Form method="post" id="bulk-acknowledge" className="stack">
          <TableRegion labelledBy="risk-alerts-caption">
            <table className="table">
              <caption id="risk-alerts-caption" className="visually-hidden">
                {t('risk.alerts.title')}
              </caption>
              <thead>
                <tr>
                  {loaderData.mayAct ? (
                    <th scope="col">
                      <span className="visually-hidden">{t('risk.bulk.choose')}</span>
                    </th>
                  ) : null}
                  <th scope="col">{t('risk.alerts.rule')}</th>
                  <th scope="col">{t('risk.alerts.level')}</th>
                  <th scope="col">{t('risk.alerts.partner')}</th>
                  <th scope="col">{t('risk.alerts.status')}</th>
                  <th scope="col">{t('risk.alerts.raised')}</th>
                  <th scope="col">{t('risk.alerts.deadline')}</th>
                  <th scope="col">{t('risk.alerts.owner')}</th>
                </tr>
              </thead>
              <tbody>
                {alerts.map((a) => (
                  <tr key={a.id} className={a.overdue ? 'risk-row--overdue' : undefined}>
                    {loaderData.mayAct ? (
                      <td>
                        {a.status === 'open' ? (
                          <input
                            type="checkbox"
                            name="alertId"
                            value={a.id}
                            aria-label={t('risk.bulk.chooseOne', {
                              rule: locale === 'en' ? a.ruleNameEn : a.ruleNameZh,
                              partner: a.partnerName,
                            })}
                          />
                        ) : null}
                      </td>
                    ) : null}
                    <th scope="row">
                      <AppLink to={`/s/risk/alerts/${a.id}`}>
                        {locale === 'en' ? a.ruleNameEn : a.ruleNameZh}
                      </AppLink>
                    </th>
                    <td>
                      <LevelBadge level={a.level} />
                    </td>
                    <td>{a.partnerName}</td>
                    <td>
                      <AlertStatusBadge status={a.status} />
                      {a.cleared ? (
                        <p className="muted">{t('risk.alerts.cleared', { when: a.cleared })}</p>
                      ) : null}
                    </td>
                    <td>{a.raised}</td>
                    <td>
                      {a.deadline} {a.overdue ? <OverdueBadge /> : null}
                    </td>
                    <td>
                      {a.ownerName ?? t('risk.alerts.noOwner')}
                      {a.department ? <div className="muted">{a.department}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
          {loaderData.mayAct ? (
            <div>
              <button type="submit" className="button">
                {t('risk.bulk.acknowledge')}
              </button>
            </div>
          ) : null}
        </Form>
      )}
      <PageLinks page={page} pages={pages} params={params} />
    </div>
  );
}
