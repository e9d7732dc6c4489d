import { listAllocations, listIncentiveRecords } from '@outpost/core';
import { formatNumber } from '@outpost/i18n';
import { IncentiveStatusBadge, RecordReason, yuan } from '../../components/incentives/record-parts';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import type { Route } from './+types/incentives';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  // Core scopes both to this partner: its own records (no approvers or votes) and its own shares.
  const [records, tables] = await orRouteError(locale, () =>
    Promise.all([listIncentiveRecords(deps.db, actor), listAllocations(deps.db, actor)]),
  );
  return {
    records,
    shares: tables.map((t) => ({
      id: t.id,
      serviceCategory: t.serviceCategory,
      quarter: t.quarter,
      shareBasisPoints: t.shares[0]?.shareBasisPoints ?? 0,
    })),
  };
}

/** The partner's incentives and penalties with their reasons, and its share of new business. */
export default function PartnerIncentives({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const { records, shares } = loaderData;
  return (
    <div className="page">
      <title>{`${t('incentives.partner.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <h1>{t('incentives.partner.title')}</h1>
        <p className="muted">{t('incentives.partner.intro')}</p>
      </header>
      {shares.length > 0 ? (
        <section className="card stack" aria-labelledby="shares">
          <h2 id="shares">{t('incentives.allocation.title')}</h2>
          <ul>
            {shares.map((s) => (
              <li key={s.id}>
                {t('incentives.partner.share', {
                  category: t(`category.${s.serviceCategory}`),
                  quarter: s.quarter,
                  share: `${(s.shareBasisPoints / 100).toFixed(2)}%`,
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {records.length === 0 ? <p>{t('incentives.records.none')}</p> : null}
      {records.map((r) => (
        <section key={r.id} className="card stack" aria-labelledby={`record-${r.id}`}>
          <h2 id={`record-${r.id}`}>
            {r.quarter} · {t(`category.${r.serviceCategory}`)} · {r.tierName}
          </h2>
          <p>
            <IncentiveStatusBadge status={r.status} /> {t('incentives.records.amount')}
            {t('common.colon')}
            {yuan(locale, r.amountCents)}
          </p>
          <RecordReason record={r} />
        </section>
      ))}
    </div>
  );
}
