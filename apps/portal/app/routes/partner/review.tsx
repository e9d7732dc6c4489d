import { PartnerResponse, ReviewRecord } from '../../components/reviews/appeal-panels';
import { RectificationItems } from '../../components/reviews/rectification-items';
import { ReviewOutcome } from '../../components/reviews/review-outcome';
import { ReviewSummary } from '../../components/reviews/review-summary';
import { SnapshotTable } from '../../components/reviews/snapshot-table';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { formatBytes } from '@outpost/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { partnerHandlers, runReviewAction } from '../../lib/reviews/review-actions.server';
import { loadReviewDetail } from '../../lib/reviews/review-view.server';
import type { Route } from './+types/review';
import { AppLink } from '../../components/app-link';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const view = await orRouteError(locale, () => loadReviewDetail(deps.db, actor, params.reviewId, locale));
  return { ...view, maxSize: formatBytes(locale, deps.uploadMaxBytes) };
}

export function action({ context, request, params }: Route.ActionArgs) {
  return runReviewAction(context, request, 'partner', partnerHandlers, params.reviewId);
}

/** A final review of the organisation: acknowledge or appeal it, and work through its rectification items. */
export default function PartnerReview({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const view = loaderData;
  const { review, partner } = view;
  const title = t('reviews.detailTitle', { quarter: review.quarter, name: partner.legalName });
  return (
    <div className="page">
      <title>{`${title} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/p/reviews">← {t('reviews.back')}</AppLink>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('reviews.partnerTitle')}</p>
        <h1>{title}</h1>
      </header>
      <ReviewOutcome result={actionData} intent="acknowledge" only="notice" />
      <ReviewOutcome result={actionData} intent="appeal" only="notice" />

      <section className="card review-section" aria-label={title}>
        <ReviewSummary view={view} />
        <ReviewRecord review={review} />
      </section>

      {review.status === 'finalised' && view.canRespond ? (
        <PartnerResponse result={actionData} canAppeal={!review.appealOutcome} />
      ) : null}

      <SnapshotTable snapshot={view.snapshot} />
      <RectificationItems
        items={view.items}
        mode="partner"
        canAct={view.canRespond}
        result={actionData}
        maxSize={loaderData.maxSize}
      />
    </div>
  );
}
