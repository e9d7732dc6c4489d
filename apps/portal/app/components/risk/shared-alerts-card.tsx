import { AppLink } from '../app-link';
import { useT } from '../../lib/i18n';

/**
 * On the partner's home: how many alerts the insurer shared that are still open, with the way to
 * them. The page is reached from here and from the inbox notifications, not the header (whose
 * one row is already full on a laptop).
 */
export function SharedAlertsCard({ count }: { count: number }) {
  const t = useT();
  if (count === 0) return null;
  return (
    <section className="card stack" aria-labelledby="shared-alerts-card">
      <h2 id="shared-alerts-card">{t('risk-partner.home.title')}</h2>
      <p>{t('risk-partner.home.count', { count })}</p>
      <p>
        <AppLink to="/p/risk/alerts?status=live" className="button button--primary">
          {t('risk-partner.home.open')}
        </AppLink>
      </p>
    </section>
  );
}
