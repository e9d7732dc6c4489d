import { reviewDecisions, reviewStatuses } from '@outpost/db';
import { Badge, EmptyState } from '@outpost/ui';
import { useSearchParams } from 'react-router';
import { decisionLabel, decisionTone, reviewStatusLabel, reviewTone } from '../../components/reviews/labels';
import { ReviewOutcome } from '../../components/reviews/review-outcome';
import { FilterSelect } from '../../components/filter-select';
import { PageLinks } from '../../components/page-links';
import { depsContext, localeContext } from '../../context';
import { orRouteError } from '../../lib/app-error.server';
import { useT } from '../../lib/i18n';
import { runReviewAction, staffHandlers } from '../../lib/reviews/review-actions.server';
import { loadReviewList } from '../../lib/reviews/review-view.server';
import { oneOfParam, pageCount, pageParam } from '../../lib/search-params';
import { requireKind } from '../../lib/viewer.server';
import type { Route } from './+types/reviews';
import { AppLink } from '../../components/app-link';
import { TableRegion } from '../../components/table-region';
import { ListFilters } from '../../components/list-filters';
import { IntentForm } from '../../components/intent-form';

const PAGE_SIZE = 20;

export async function loader({ context, request }: Route.LoaderArgs) {
  const { person } = requireKind(context, request, 'staff');
  const locale = context.get(localeContext);
  const params = new URL(request.url).searchParams;
  // A hand-edited filter that is not a real value is ignored rather than an error.
  const quarter = /^\d{4}-Q[1-4]$/.test(params.get('quarter') ?? '') ? params.get('quarter')! : undefined;
  const status = oneOfParam(params, 'status', reviewStatuses);
  const decision = oneOfParam(params, 'decision', reviewDecisions);
  const list = await orRouteError(locale, () =>
    loadReviewList(
      context.get(depsContext).db,
      person.actor,
      locale,
      { quarter, status, decision, page: pageParam(params) },
      PAGE_SIZE,
    ),
  );
  return {
    ...list,
    pages: pageCount(list.total, PAGE_SIZE),
    filtered: Boolean(quarter || status || decision),
  };
}

export function action({ context, request }: Route.ActionArgs) {
  return runReviewAction(context, request, 'staff', { draft: staffHandlers.draft! });
}

/** Every quarterly review, newest quarter first, filtered by quarter, status and decision; staff draft a quarter here. */
export default function StaffReviews({ loaderData, actionData }: Route.ComponentProps) {
  const t = useT();
  const [params] = useSearchParams();
  const { reviews, total, page, pages, filtered, draftQuarters, canManage } = loaderData;
  const [latest, ...earlier] = draftQuarters;
  return (
    <div className="page">
      <title>{`${t('reviews.title')} · ${t('app.name')}`}</title>
      <header className="page-header">
        <p className="page-header__eyebrow">{t('staff.homeTitle')}</p>
        <h1>{t('reviews.title')}</h1>
      </header>

      {canManage ? (
        <section className="card review-section" aria-labelledby="draft-heading">
          <h2 id="draft-heading">{t('reviews.draftTitle')}</h2>
          <p className="muted">{t('reviews.draftHint')}</p>
          <div className="review-form__actions">
            <IntentForm
              intent="draft"
              hidden={{ quarter: latest ?? '' }}
              submitLabel={t('reviews.draftButton', { quarter: latest ?? '' })}
              primary
              inline
              className=""
            />
            {earlier.map((q) => (
              <IntentForm
                key={q}
                intent="draft"
                hidden={{ quarter: q }}
                submitLabel={t('reviews.draftButton', { quarter: q })}
                quiet
                inline
                className=""
              />
            ))}
          </div>
          <ReviewOutcome result={actionData} intent="draft" />
        </section>
      ) : null}

      <ListFilters
        search={false}
        className="filters staff-filters"
        label={t('reviews.filter')}
        submitLabel={t('reviews.apply')}
        clear={filtered ? { to: '/s/reviews', label: t('reviews.clear') } : null}
      >
        <FilterSelect
          id="review-quarter"
          name="quarter"
          label={t('reviews.quarter')}
          allLabel={t('reviews.allQuarters')}
          options={loaderData.quarters.map((q) => ({ value: q, label: q }))}
          defaultValue={params.get('quarter') ?? ''}
        />
        <FilterSelect
          id="review-status"
          name="status"
          label={t('reviews.status')}
          allLabel={t('reviews.allStatuses')}
          options={loaderData.statuses.map((s) => ({ value: s, label: reviewStatusLabel(t, s) }))}
          defaultValue={params.get('status') ?? ''}
        />
        <FilterSelect
          id="review-decision"
          name="decision"
          label={t('reviews.decision')}
          allLabel={t('reviews.allDecisions')}
          options={loaderData.decisions.map((d) => ({ value: d, label: decisionLabel(t, d) }))}
          defaultValue={params.get('decision') ?? ''}
        />
      </ListFilters>

      <p className="muted" role="status">
        {t('reviews.count', { count: total })}
      </p>

      {reviews.length === 0 ? (
        <EmptyState title={filtered ? t('reviews.noMatches') : t('reviews.none')} />
      ) : (
        <TableRegion labelledBy="reviews-caption">
          <table className="table">
            <caption id="reviews-caption" className="visually-hidden">
              {t('reviews.title')}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('reviews.partner')}</th>
                <th scope="col">{t('reviews.quarter')}</th>
                <th scope="col">{t('reviews.score')}</th>
                <th scope="col">{t('reviews.status')}</th>
                <th scope="col">{t('reviews.decision')}</th>
                <th scope="col">{t('reviews.openItems')}</th>
              </tr>
            </thead>
            <tbody>
              {reviews.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    <AppLink to={`/s/reviews/${r.id}`}>{r.partnerName}</AppLink>
                  </th>
                  <td>{r.quarter}</td>
                  <td>{r.score === null ? t('common.none') : `${r.score} (${r.grade})`}</td>
                  <td>
                    <Badge tone={reviewTone[r.status] ?? 'neutral'}>{reviewStatusLabel(t, r.status)}</Badge>
                  </td>
                  <td>
                    {r.decision ? (
                      <Badge tone={decisionTone[r.decision] ?? 'neutral'}>
                        {decisionLabel(t, r.decision)}
                      </Badge>
                    ) : (
                      t('reviews.noDecision')
                    )}
                  </td>
                  <td>
                    {r.openItems}
                    {r.overdueItems > 0 ? (
                      <>
                        {' '}
                        <Badge tone="negative">
                          ⚠ {t('reviews.overdue')}: {r.overdueItems}
                        </Badge>
                      </>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      )}

      <PageLinks page={page} pages={pages} params={params} />
    </div>
  );
}
