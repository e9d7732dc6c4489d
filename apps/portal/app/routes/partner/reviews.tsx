import { Badge, EmptyState } from '@outpost/ui';
import { useSearchParams } from 'react-router';
import { decisionLabel, decisionTone, reviewStatusLabel, reviewTone } from '../../components/reviews/labels';
import { PageLinks } from '../../components/page-links';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { requirePartner } from '../../lib/partner/partner-viewer.server';
import { loadReviewList } from '../../lib/reviews/review-view.server';
import { pageInfo, pageParam } from '../../lib/search-params';
import type { Route } from './+types/reviews';
import { AppLink } from '../../components/app-link';

const PAGE_SIZE = 20;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { actor, deps, locale } = requirePartner(context, request);
  const params = new URL(request.url).searchParams;
  const list = await orRouteError(locale, () =>
    loadReviewList(deps.db, actor, locale, { page: pageParam(params) }, PAGE_SIZE),
  );
  return {
    reviews: list.reviews,
    ...pageInfo(list, PAGE_SIZE),
  };
}

/** The organisation's final quarterly reviews, newest first. */
export default function PartnerReviews({ loaderData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const { reviews, page, pages } = loaderData;
  return (
    <div className="page">
      <title>{`${t('reviews.partnerTitle')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('partner.homeTitle')}</p>
        <h1>{t('reviews.partnerTitle')}</h1>
        <p className="muted">{t('reviews.partnerIntro')}</p>
      </header>
      {reviews.length === 0 ? (
        <EmptyState title={t('reviews.partnerNone')} />
      ) : (
        <ul className="review-cards">
          {reviews.map((r) => (
            <li key={r.id} className="card review-card">
              <h2 className="review-card__title">
                <AppLink to={`/p/reviews/${r.id}`}>
                  {t('reviews.detailTitle', { quarter: r.quarter, name: r.partnerName })}
                </AppLink>
              </h2>
              <p className="review-card__badges">
                <Badge tone={reviewTone[r.status] ?? 'neutral'}>{reviewStatusLabel(t, r.status)}</Badge>{' '}
                <Badge tone={decisionTone[r.decision ?? ''] ?? 'neutral'}>
                  {decisionLabel(t, r.decision)}
                </Badge>
                {r.overdueItems > 0 ? (
                  <>
                    {' '}
                    <Badge tone="negative">
                      ⚠ {t('reviews.overdue')}: {r.overdueItems}
                    </Badge>
                  </>
                ) : null}
              </p>
              <p className="muted">
                {t('reviews.score')}: {r.score === null ? t('common.none') : `${r.score} (${r.grade})`} ·{' '}
                {t('reviews.openItems')}: {r.openItems}
                {r.finalisedAt ? ` · ${t('reviews.finalisedBy')}: ${r.finalisedAt}` : ''}
              </p>
            </li>
          ))}
        </ul>
      )}
      <PageLinks page={page} pages={pages} params={params} />
    </div>
  );
}
