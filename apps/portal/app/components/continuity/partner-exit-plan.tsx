import { formatDay } from '@outpost/i18n';
import { AppLink } from '../app-link';
import { useLocale, useT } from '../../lib/i18n';
import { ReviewStateBadge } from './review-state';

export interface PartnerExitPlanView {
  partnerId: string;
  needed: boolean;
  state: 'overdue' | 'due_soon' | 'ok' | 'missing';
  version: number | null;
  nextReviewOn: string | null;
}

/** The exit plan on the partner's staff page: where its review stands and a link to it (decision record 050). */
export function PartnerExitPlan({ view }: { view: PartnerExitPlanView }) {
  const t = useT();
  const locale = useLocale();
  if (!view.needed && view.version === null) return null;
  return (
    <section className="card stack" aria-labelledby="partner-exit-plan">
      <h2 id="partner-exit-plan">{t('continuity.plan.onPartnerPage')}</h2>
      <p>
        <ReviewStateBadge state={view.state} />{' '}
        {view.nextReviewOn
          ? `${t('continuity.plan.nextReviewOn')}: ${formatDay(locale, view.nextReviewOn) ?? view.nextReviewOn}`
          : null}
      </p>
      <p>
        <AppLink to={`/s/exit-plans/${view.partnerId}`}>
          {view.version === null ? t('continuity.plan.create') : t('continuity.plan.open')}
        </AppLink>
      </p>
    </section>
  );
}
