import { listExitPlans } from '@outpost/core';
import { formatDay } from '@outpost/i18n';
import { EmptyState } from '@outpost/ui';
import { AppLink } from '../../components/app-link';
import { ReviewStateBadge } from '../../components/continuity/review-state';
import { TableRegion } from '../../components/table-region';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/exit-plans';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const rows = await orRouteError(locale, () => listExitPlans(context.get(depsContext).db, person.actor));
  return {
    missing: rows.filter((r) => r.state === 'missing').length,
    rows: rows.map((r) => ({
      partnerId: r.partnerId,
      legalName: r.legalName,
      criticality: r.criticality,
      state: r.state,
      next: r.plan ? formatDay(locale, r.plan.nextReviewOn) : null,
      lastTested: r.plan?.lastTestedOn ? formatDay(locale, r.plan.lastTestedOn) : null,
      switchDays: r.plan?.switchDays ?? null,
      owner: r.plan?.ownerName ?? null,
      version: r.plan?.version ?? null,
    })),
  };
}

/** Exit plans of the critical and important partners: overdue reviews and missing plans first. */
export default function ExitPlans({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const { rows, missing } = loaderData;
  return (
    <div className="page">
      <title>{`${t('continuity.exitPlans.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('continuity.eyebrow')}</p>
        <h1>{t('continuity.exitPlans.title')}</h1>
        <p className="muted">{t('continuity.exitPlans.intro')}</p>
        {missing > 0 ? <p>{t('continuity.exitPlans.missingCount', { count: missing })}</p> : null}
      </header>
      {rows.length === 0 ? (
        <EmptyState title={t('continuity.exitPlans.empty')} />
      ) : (
        <TableRegion labelledBy="exit-plans-caption">
          <table className="table">
            <caption id="exit-plans-caption" className="visually-hidden">
              {t('continuity.exitPlans.caption')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('continuity.exitPlans.col.partner')}</th>
                <th scope="col">{t('continuity.exitPlans.col.criticality')}</th>
                <th scope="col">{t('continuity.exitPlans.col.state')}</th>
                <th scope="col">{t('continuity.exitPlans.col.next')}</th>
                <th scope="col">{t('continuity.exitPlans.col.lastTested')}</th>
                <th scope="col">{t('continuity.exitPlans.col.switch')}</th>
                <th scope="col">{t('continuity.exitPlans.col.owner')}</th>
                <th scope="col">{t('continuity.exitPlans.col.version')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.partnerId}>
                  <th scope="row">
                    <AppLink to={`/s/exit-plans/${r.partnerId}`}>{r.legalName}</AppLink>
                  </th>
                  <td>{t(`criticality.${r.criticality}`)}</td>
                  <td>
                    <ReviewStateBadge state={r.state} />
                  </td>
                  <td>{r.next ?? '—'}</td>
                  <td>{r.lastTested ?? (r.version ? t('continuity.exitPlans.never') : '—')}</td>
                  <td>{r.switchDays ? t('continuity.exitPlans.days', { count: r.switchDays }) : '—'}</td>
                  <td>{r.owner ?? '—'}</td>
                  <td>{r.version ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}
    </div>
  );
}
