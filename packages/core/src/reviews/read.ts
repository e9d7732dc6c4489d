import {
  type Database,
  partners,
  quarterlyReviews,
  rectificationEvidence,
  rectificationItems,
  reviewDecisions,
  reviewStatuses,
} from '@outpost/db';
import { and, asc, count, desc, eq, inArray, ne, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { notFound } from '../errors.ts';
import { assertCan, can } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { todayInChina } from '@outpost/i18n';
import { quarterText } from './quarters.ts';
import { pageNumber, pageSize } from '../fields.ts';

/**
 * Who reads reviews: staff all of them; a partner only its own organisation's, and only
 * once finalised (a draft is the insurer's work in progress). Returns the partner scope.
 */
export function reviewScope(actor: Actor): string | undefined {
  if (can(actor, 'read:review:any')) return undefined;
  assertCan(actor, 'read:review:own');
  if (actor.type === 'partner' || actor.type === 'api_key') return actor.partnerId;
  throw notFound('Review');
}

export const listReviewsInput = z.object({
  quarter: quarterText.optional(),
  status: z.enum(reviewStatuses).optional(),
  decision: z.enum(reviewDecisions).optional(),
  partnerId: z.uuid().optional(),
  page: pageNumber().default(1),
  pageSize: pageSize(100).default(20),
});

/** Reviews, newest quarter first, with how many rectification items are open and overdue. */
export async function listReviews(db: Database, actor: Actor, raw: z.input<typeof listReviewsInput> = {}) {
  const scope = reviewScope(actor);
  const input = parse(listReviewsInput, raw);
  const conditions: SQL[] = [];
  if (scope !== undefined) {
    conditions.push(eq(quarterlyReviews.partnerId, scope), ne(quarterlyReviews.status, 'draft'));
  }
  if (input.partnerId) conditions.push(eq(quarterlyReviews.partnerId, input.partnerId));
  if (input.quarter) conditions.push(eq(quarterlyReviews.quarter, input.quarter));
  if (input.status) conditions.push(eq(quarterlyReviews.status, input.status));
  if (input.decision) conditions.push(eq(quarterlyReviews.decision, input.decision));
  const where = and(...conditions);
  const today = todayInChina();
  const [rows, [total], quarters] = await Promise.all([
    db
      .select({
        review: quarterlyReviews,
        partnerName: partners.legalName,
        openItems:
          sql<number>`(select count(*) from ${rectificationItems} i where i.review_id = ${quarterlyReviews.id} and i.status <> 'closed')`.mapWith(
            Number,
          ),
        overdueItems:
          sql<number>`(select count(*) from ${rectificationItems} i where i.review_id = ${quarterlyReviews.id} and i.status <> 'closed' and i.due_date < ${today})`.mapWith(
            Number,
          ),
      })
      .from(quarterlyReviews)
      .innerJoin(partners, eq(partners.id, quarterlyReviews.partnerId))
      .where(where)
      .orderBy(desc(quarterlyReviews.quarter), asc(partners.legalName))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ n: count() }).from(quarterlyReviews).where(where),
    // The quarter filter offers the quarters that have reviews the reader may see.
    db
      .selectDistinct({ quarter: quarterlyReviews.quarter })
      .from(quarterlyReviews)
      .where(
        scope === undefined
          ? undefined
          : and(eq(quarterlyReviews.partnerId, scope), ne(quarterlyReviews.status, 'draft')),
      )
      .orderBy(desc(quarterlyReviews.quarter)),
  ]);
  return {
    items: rows.map(({ review, partnerName, openItems, overdueItems }) => ({
      ...publicReview(review, scope),
      partnerName,
      openItems,
      overdueItems,
    })),
    quarters: quarters.map((q) => q.quarter),
    total: total?.n ?? 0,
    page: input.page,
    pageSize: input.pageSize,
  };
}

type ReviewRow = typeof quarterlyReviews.$inferSelect;

/** What a reader sees of a review row (partners do not see which staff member did what). */
function publicReview(review: ReviewRow, scope: string | undefined) {
  if (scope === undefined) return review;
  const { finalisedBy: _f, appealAnsweredBy: _a, ...rest } = review;
  return rest;
}

/** A review with its partner, rectification items and each item's evidence files. Another partner's is "not found". */
export async function getReview(db: Database, actor: Actor, reviewId: string) {
  const scope = reviewScope(actor);
  if (!isUuid(reviewId)) throw notFound('Review');
  const [row] = await db
    .select({
      review: quarterlyReviews,
      partner: { id: partners.id, legalName: partners.legalName, status: partners.status },
    })
    .from(quarterlyReviews)
    .innerJoin(partners, eq(partners.id, quarterlyReviews.partnerId))
    .where(eq(quarterlyReviews.id, reviewId));
  if (!row || (scope !== undefined && (row.review.partnerId !== scope || row.review.status === 'draft'))) {
    throw notFound('Review');
  }
  const items = await db
    .select()
    .from(rectificationItems)
    .where(eq(rectificationItems.reviewId, reviewId))
    .orderBy(asc(rectificationItems.position));
  const evidence = items.length
    ? await db
        .select({
          id: rectificationEvidence.id,
          itemId: rectificationEvidence.itemId,
          fileName: rectificationEvidence.fileName,
          contentType: rectificationEvidence.contentType,
          sizeBytes: rectificationEvidence.sizeBytes,
          sha256: rectificationEvidence.sha256,
          uploadedAt: rectificationEvidence.uploadedAt,
        })
        .from(rectificationEvidence)
        .where(
          inArray(
            rectificationEvidence.itemId,
            items.map((i) => i.id),
          ),
        )
        .orderBy(asc(rectificationEvidence.uploadedAt))
    : [];
  const today = todayInChina();
  return {
    review: publicReview(row.review, scope),
    partner: row.partner,
    items: items.map((item) => ({
      ...item,
      overdue: item.status !== 'closed' && item.dueDate < today,
      evidence: evidence.filter((e) => e.itemId === item.id),
    })),
  };
}
