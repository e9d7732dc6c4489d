import { centsText, deviationText } from '../contracts/execution-view.server';
import { can, getReview, listReviews, previousQuarter, type Actor } from '@outpost/core';
import { appealOutcomes, type Database, reviewDecisions, reviewStatuses } from '@outpost/db';
import { formatDateTime, type Locale } from '@outpost/i18n';
import { formatBytes, formatDay } from '@outpost/i18n';
import { draftableQuarters, formatKpiNumber } from './review-form';

const when = (locale: Locale, value: Date | string | null | undefined) =>
  value ? formatDateTime(locale, value) : null;

/** A page of reviews for the list pages (staff: filtered; partners: their own final ones). */
export async function loadReviewList(
  db: Database,
  actor: Actor,
  locale: Locale,
  filters: { quarter?: string; status?: string; decision?: string; page: number },
  pageSize: number,
) {
  const result = await listReviews(db, actor, { ...filters, pageSize } as Parameters<typeof listReviews>[2]);
  const previous = previousQuarter();
  return {
    total: result.total,
    page: result.page,
    quarters: result.quarters,
    canManage: can(actor, 'manage:reviews'),
    // The codes come from the loader: the schema package must not reach the browser bundle.
    statuses: [...reviewStatuses],
    decisions: [...reviewDecisions],
    draftQuarters: draftableQuarters(previous),
    reviews: result.items.map((r) => ({
      id: r.id,
      partnerId: r.partnerId,
      partnerName: r.partnerName,
      quarter: r.quarter,
      status: r.status,
      decision: r.decision,
      score: r.score,
      grade: r.grade,
      openItems: r.openItems,
      overdueItems: r.overdueItems,
      finalisedAt: when(locale, r.finalisedAt),
    })),
  };
}

/** One review shaped for its page: dates in the reader's language, KPI values in their units. */
export async function loadReviewDetail(db: Database, actor: Actor, reviewId: string, locale: Locale) {
  const { review, partner, items } = await getReview(db, actor, reviewId);
  const snapshot = review.snapshot;
  return {
    canManage: can(actor, 'manage:reviews'),
    canRespond: can(actor, 'respond:review:own'),
    decisions: [...reviewDecisions],
    outcomes: [...appealOutcomes],
    partner,
    review: {
      id: review.id,
      quarter: review.quarter,
      status: review.status,
      decision: review.decision,
      comments: review.comments,
      score: review.score,
      grade: review.grade,
      percentile: review.percentile,
      finalisedAt: when(locale, review.finalisedAt),
      acknowledgedAt: when(locale, review.acknowledgedAt),
      appealReason: review.appealReason,
      appealedAt: when(locale, review.appealedAt),
      appealOutcome: review.appealOutcome,
      appealResponse: review.appealResponse,
      appealAnsweredAt: when(locale, review.appealAnsweredAt),
    },
    snapshot: {
      period: snapshot.period,
      kpis: snapshot.kpis.map((k) => ({
        key: k.key,
        name: locale === 'zh-CN' ? k.nameZh : k.nameEn,
        value: formatKpiNumber(locale, k.value, k.unit),
        target: formatKpiNumber(locale, k.target, k.unit),
        status: k.status,
        sampleSize: k.sampleSize,
      })),
      peers: snapshot.peers,
      // Contract execution in the quarter (decision record 038); absent from older reviews.
      execution:
        snapshot.contractExecution && snapshot.contractExecution.contracts.length > 0
          ? {
              deviation: deviationText(locale, snapshot.contractExecution.deviation),
              measured: snapshot.contractExecution.measured,
              missed: snapshot.contractExecution.missed,
              credit: centsText(locale, snapshot.contractExecution.creditCents),
            }
          : null,
    },
    items: items.map((item) => ({
      id: item.id,
      description: item.description,
      dueDate: item.dueDate,
      due: formatDay(locale, item.dueDate),
      status: item.status,
      overdue: item.overdue,
      reopenReason: item.reopenReason,
      submittedAt: when(locale, item.submittedAt),
      verifiedAt: when(locale, item.verifiedAt),
      evidence: item.evidence.map((e) => ({
        id: e.id,
        fileName: e.fileName,
        size: formatBytes(locale, e.sizeBytes),
        uploadedAt: when(locale, e.uploadedAt),
        href: `/api/v1/rectification-evidence/${e.id}/file`,
      })),
    })),
  };
}

export type ReviewDetailView = Awaited<ReturnType<typeof loadReviewDetail>>;
