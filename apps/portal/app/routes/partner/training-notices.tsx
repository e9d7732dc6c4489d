import { Alert, Badge, EmptyState } from '@outpost/ui';
import { AppLink } from '../../components/app-link';
import { TableRegion } from '../../components/table-region';
import { ConfirmationRate } from '../../components/training/confirmation-rate';
import { orRouteError } from '../../lib/app-error.server';
import { useLocale, useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { formatShare } from '../../lib/training/format';
import { loadPartnerNotices } from '../../lib/training/notices-view.server';
import type { Route } from './+types/training-notices';

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  return orRouteError(locale, () => loadPartnerNotices(deps.db, actor, locale));
}

/** A partner person's notices, unread first; an administrator also sees who has confirmed. */
export default function PartnerTrainingNotices({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const locale = useLocale();
  const view = loaderData;
  return (
    <div className="page">
      <title>{`${t('training-notices.partner.title')} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/p/training">← {t('training.back')}</AppLink>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('training.nav')}</p>
        <h1>{t('training-notices.partner.title')}</h1>
        <p className="muted">{t('training-notices.partner.intro')}</p>
      </header>
      {!view.onRoster ? (
        <Alert tone="info">{t('training-notices.partner.notOnRoster')}</Alert>
      ) : view.notices.length === 0 ? (
        <EmptyState title={t('training-notices.partner.empty')} />
      ) : (
        <ul className="plain-list stack" aria-label={t('training-notices.partner.title')}>
          {view.notices.map((n) => (
            <li key={n.id} className="card">
              <p className="page-header__eyebrow">
                {t(`training-notices.kind.${n.kind}`)} · {n.published}
              </p>
              <h2>
                <AppLink to={`/p/training/notices/${n.id}`}>{n.title}</AppLink>
              </h2>
              <p>
                {n.unread ? (
                  <Badge tone="caution">{t('training-notices.partner.unread')}</Badge>
                ) : (
                  <Badge tone="neutral">{t('training-notices.partner.read')}</Badge>
                )}{' '}
                {n.confirmedOn ? (
                  <Badge tone="positive">
                    ✓ {t('training-notices.partner.confirmedOn', { date: n.confirmedOn })}
                  </Badge>
                ) : n.overdue ? (
                  <Badge tone="negative">
                    {t('training-notices.partner.overdue', { date: n.confirmBy ?? '' })}
                  </Badge>
                ) : n.requiresConfirmation ? (
                  <span>{t('training-notices.partner.confirmBy', { date: n.confirmBy ?? '' })}</span>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
      {view.rates ? (
        <section className="card stack" aria-labelledby="notice-rates">
          <h2 id="notice-rates">{t('training-notices.partner.rateTitle')}</h2>
          <p className="figure">
            <ConfirmationRate figure={view.rates.summary} />
          </p>
          <p className="muted">{t('training-notices.rate.rule')}</p>
          {view.rates.notices.length === 0 ? (
            <p className="muted">{t('training-notices.partner.rateNone')}</p>
          ) : (
            <TableRegion labelledBy="notice-rates-caption">
              <table className="table">
                <caption id="notice-rates-caption" className="visually-hidden">
                  {t('training-notices.partner.rateTitle')}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{t('training-notices.col.title')}</th>
                    <th scope="col">{t('training-notices.col.confirmBy')}</th>
                    <th scope="col">{t('training-notices.col.confirmed')}</th>
                    <th scope="col">{t('training-notices.col.rate')}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.rates.notices.map((n) => (
                    <tr key={n.id}>
                      <th scope="row">{n.title}</th>
                      <td>{n.confirmBy}</td>
                      <td>{`${n.confirmed} / ${n.owed}`}</td>
                      <td>{formatShare(locale, n.share)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
        </section>
      ) : null}
    </div>
  );
}
