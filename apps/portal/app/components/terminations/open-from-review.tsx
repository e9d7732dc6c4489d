import { AppLink } from '../app-link';
import { useT } from '../../lib/i18n';

/**
 * On a finalised review that recommends termination: the way to open the case (issue 15), with
 * the partner and the review already chosen in the form. Core checks the source again.
 */
export function OpenTerminationFromReview({ partnerId, reviewId }: { partnerId: string; reviewId: string }) {
  const t = useT();
  const query = new URLSearchParams({ partner: partnerId, source: 'review', sourceId: reviewId });
  return (
    <section className="card stack" aria-labelledby="termination-from-review">
      <h2 id="termination-from-review">{t('terminations.fromReview.title')}</h2>
      <p className="muted">{t('terminations.fromReview.hint')}</p>
      <p>
        <AppLink to={`/s/terminations?${query.toString()}#open-case`} className="button">
          {t('terminations.open')}
        </AppLink>
      </p>
    </section>
  );
}
