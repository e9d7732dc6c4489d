import { AppealAnswerForm, ReviewRecord } from '../../components/reviews/appeal-panels';
import { CompletionForm } from '../../components/reviews/completion-form';
import { RectificationItems } from '../../components/reviews/rectification-items';
import { ReviewOutcome } from '../../components/reviews/review-outcome';
import { ReviewSummary } from '../../components/reviews/review-summary';
import { SnapshotTable } from '../../components/reviews/snapshot-table';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { runReviewAction, staffHandlers } from '../../lib/reviews/review-actions.server';
import { loadReviewDetail } from '../../lib/reviews/review-view.server';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/review';
import { AppLink } from '../../components/app-link';
import { OpenTerminationFromReview } from '../../components/terminations/open-from-review';
import { can } from '@outpost/core';

export async function loader({ context, request, params }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const view = await orRouteError(locale, () =>
    loadReviewDetail(context.get(depsContext).db, person.actor, params.reviewId, locale),
  );
  // Who runs termination cases may open one from a recommendation (decision record 049).
  return { ...view, mayOpenTermination: can(person.actor, 'suspend:partner') };
}

export function action({ context, request, params }: Route.ActionArgs) {
  return runReviewAction(context, request, 'staff', staffHandlers, params.reviewId);
}

/** One review for staff: the frozen scorecard, the completion form while a draft, the appeal and the items. */
export default function StaffReview({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const view = loaderData;
  const { review, partner } = view;
  const title = t('reviews.detailTitle', { quarter: review.quarter, name: partner.legalName });
  return (
    <div className="page">
      <title>{`${title} · ${t('app.name')}`}</title>
      <p>
        <AppLink to="/s/reviews">← {t('reviews.back')}</AppLink>
      </p>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('reviews.title')}</p>
        <h1>{title}</h1>
      </header>
      <ReviewOutcome result={actionData} intent="finalise" only="notice" />
      <ReviewOutcome result={actionData} intent="answer" only="notice" />

      <section className="card review-section" aria-label={title}>
        <ReviewSummary view={view} partnerLink />
        {review.status !== 'draft' || review.appealOutcome ? <ReviewRecord review={review} /> : null}
      </section>

      <SnapshotTable snapshot={view.snapshot} />

      {review.status === 'draft' && view.canManage ? (
        <CompletionForm key={review.id} view={view} result={actionData} />
      ) : null}
      {review.status === 'appealed' && view.canManage ? (
        <AppealAnswerForm outcomes={view.outcomes} result={actionData} />
      ) : null}
      {review.status !== 'draft' &&
      review.decision === 'termination_recommendation' &&
      view.mayOpenTermination ? (
        <OpenTerminationFromReview partnerId={partner.id} reviewId={review.id} />
      ) : null}
      {review.status !== 'draft' ? (
        <RectificationItems items={view.items} mode="staff" canAct={view.canManage} result={actionData} />
      ) : null}
    </div>
  );
}
