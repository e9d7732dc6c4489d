import { Badge, DescriptionList } from '@outpost/ui';

import { useT } from '../../lib/i18n';
import type { ReviewDetailView } from '../../lib/reviews/review-view.server';
import { decisionLabel, decisionTone, reviewStatusLabel, reviewTone } from './labels';
import { AppLink } from '../app-link';

/** The review's facts: whose, which quarter, where it stands, the decision and the frozen score. */
export function ReviewSummary({ view, partnerLink }: { view: ReviewDetailView; partnerLink?: boolean }) {
  const t = useT();
  const { review, partner } = view;
  const items = [
    {
      term: t('reviews.partner'),
      details: partnerLink ? (
        <AppLink to={`/s/partners/${partner.id}`}>{partner.legalName}</AppLink>
      ) : (
        partner.legalName
      ),
    },
    { term: t('reviews.quarter'), details: review.quarter },
    {
      term: t('reviews.status'),
      details: (
        <Badge tone={reviewTone[review.status] ?? 'neutral'}>{reviewStatusLabel(t, review.status)}</Badge>
      ),
    },
    {
      term: t('reviews.decision'),
      details: review.decision ? (
        <Badge tone={decisionTone[review.decision] ?? 'neutral'}>{decisionLabel(t, review.decision)}</Badge>
      ) : (
        t('reviews.noDecision')
      ),
    },
    {
      term: t('reviews.score'),
      details: review.score === null ? t('reviews.noScore') : String(review.score),
    },
    { term: t('reviews.grade'), details: review.grade ?? t('common.none') },
    {
      term: t('reviews.percentile'),
      details:
        review.percentile === null
          ? t('common.none')
          : t('reviews.percentileValue', { value: review.percentile }),
    },
  ];
  if (review.finalisedAt) items.push({ term: t('reviews.finalisedBy'), details: review.finalisedAt });
  if (review.acknowledgedAt)
    items.push({ term: t('reviews.acknowledgedAt'), details: review.acknowledgedAt });
  return <DescriptionList items={items} />;
}
