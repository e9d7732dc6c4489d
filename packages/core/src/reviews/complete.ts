import { type Database, partners, quarterlyReviews, rectificationItems, reviewDecisions } from '@outpost/db';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { notify, RISK_CHANNEL } from '../notifications.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { lockReview } from './draft.ts';
import { partnerUserIds, personId } from './members.ts';
import { todayInChina } from '@outpost/i18n';
import { calendarDate } from '../fields.ts';
import { applyIncentives } from '../incentives/apply.ts';

export const rectificationItemInput = z.object({
  description: z.string().trim().min(3, 'Describe what must be rectified.').max(2000),
  dueDate: calendarDate(),
});

export const completeReviewInput = z.object({
  reviewId: z.string(),
  comments: z.string().trim().max(10_000).optional(),
  decision: z.enum(reviewDecisions).nullable().optional(),
  /** Replaces the draft's items when given. */
  items: z.array(rectificationItemInput).max(50).optional(),
});
export type CompleteReviewInput = z.input<typeof completeReviewInput>;

/** Saves comments, decision and rectification items of a draft (risk officers and admins). */
export async function saveReviewDraft(db: Database, actor: Actor, raw: CompleteReviewInput) {
  assertCan(actor, 'manage:reviews');
  const input = parse(completeReviewInput, raw);
  return db.transaction(async (tx) => {
    const review = await applyDraft(tx, input);
    await audit(tx, actor, {
      action: 'review.updated',
      entityType: 'quarterly_review',
      entityId: review.id,
      partnerId: review.partnerId,
      data: { decision: review.decision, items: input.items?.length ?? null },
    });
    return review;
  });
}

async function applyDraft(tx: Database, input: z.output<typeof completeReviewInput>) {
  if (!isUuid(input.reviewId)) throw notFound('Review');
  const review = await lockReview(tx, input.reviewId);
  if (!review) throw notFound('Review');
  if (review.status !== 'draft') {
    throw new AppError('conflict', 'Only a draft review can be changed.', {
      messageKey: 'errors.review_not_draft',
    });
  }
  if (input.items) {
    const today = todayInChina();
    const past = input.items.findIndex((i) => i.dueDate < today);
    if (past >= 0) {
      throw new AppError('validation_failed', 'A due date cannot be in the past.', {
        details: {
          fields: [
            {
              path: `items.${past}.dueDate`,
              message: 'A due date cannot be in the past.',
              code: 'in_the_past',
            },
          ],
        },
      });
    }
    await tx.delete(rectificationItems).where(eq(rectificationItems.reviewId, review.id));
    if (input.items.length) {
      await tx.insert(rectificationItems).values(
        input.items.map((item, position) => ({
          reviewId: review.id,
          partnerId: review.partnerId,
          position,
          description: item.description,
          dueDate: item.dueDate,
          // The partner's relationship owner and department answer for the item until staff change
          // them (decision record 050).
          ownerId: sql`(select relationship_owner_id from partners where id = ${review.partnerId})`,
          departmentId: sql`(select department_id from partners where id = ${review.partnerId})`,
        })),
      );
    }
  }
  const [updated] = await tx
    .update(quarterlyReviews)
    .set({
      ...(input.comments !== undefined ? { comments: input.comments || null } : {}),
      ...(input.decision !== undefined ? { decision: input.decision } : {}),
      updatedAt: new Date(),
    })
    .where(eq(quarterlyReviews.id, review.id))
    .returning();
  return updated!;
}

/**
 * Finalises a draft (saving the fields given first): the decision is required, a
 * rectification needs at least one item and other decisions keep none. The partner is
 * notified; a suspension suspends the partner, in the same transaction, audited.
 */
export async function finaliseReview(db: Database, actor: Actor, raw: CompleteReviewInput) {
  assertCan(actor, 'manage:reviews');
  const input = parse(completeReviewInput, raw);
  return db.transaction(async (tx) => {
    const review = await applyDraft(tx, input);
    if (!review.decision) {
      throw new AppError('validation_failed', 'Choose a decision before finalising.', {
        messageKey: 'errors.review_decision_required',
        details: { fields: [{ path: 'decision', message: 'Choose a decision.' }] },
      });
    }
    const items = await tx
      .select({ id: rectificationItems.id })
      .from(rectificationItems)
      .where(eq(rectificationItems.reviewId, review.id));
    if (review.decision === 'rectification' && items.length === 0) {
      throw new AppError('validation_failed', 'A rectification decision needs at least one item.', {
        messageKey: 'errors.rectification_items_required',
        details: { fields: [{ path: 'items', message: 'Add at least one item with a due date.' }] },
      });
    }
    // Items only belong to a rectification: others would be tracked forever with no meaning.
    if (review.decision !== 'rectification' && items.length > 0) {
      await tx.delete(rectificationItems).where(eq(rectificationItems.reviewId, review.id));
    }
    const [finalised] = await tx
      .update(quarterlyReviews)
      .set({
        status: 'finalised',
        finalisedBy: personId(actor),
        finalisedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(quarterlyReviews.id, review.id))
      .returning();
    const [partner] = await tx
      .select({ id: partners.id, legalName: partners.legalName, status: partners.status })
      .from(partners)
      .where(eq(partners.id, review.partnerId))
      .for('update');
    await audit(tx, actor, {
      action: 'review.finalised',
      entityType: 'quarterly_review',
      entityId: review.id,
      partnerId: review.partnerId,
      data: {
        quarter: review.quarter,
        decision: review.decision,
        comments: review.comments,
        items: review.decision === 'rectification' ? items.length : 0,
      },
    });
    if (review.decision === 'suspension' && partner && partner.status === 'active') {
      await tx
        .update(partners)
        .set({
          status: 'suspended',
          // The partner sees why: the review's comments, or the quarter that decided it.
          suspensionReason: review.comments?.trim() || `Quarterly review ${review.quarter}`,
          suspendedAt: new Date(),
          statusBeforeSuspension: 'active',
          updatedAt: new Date(),
        })
        .where(eq(partners.id, partner.id));
      await audit(tx, actor, {
        action: 'partner.status_changed',
        entityType: 'partner',
        entityId: partner.id,
        partnerId: partner.id,
        data: { from: 'active', to: 'suspended', reason: 'quarterly_review', reviewId: review.id },
      });
      await notify(tx, {
        staffRoles: ['risk_officer', 'admin'],
        template: 'notify.partner_suspended_by_review',
        actor,
        params: { name: partner.legalName, quarter: review.quarter },
        link: `/s/partners/${partner.id}`,
        slackChannel: RISK_CHANNEL,
      });
    }
    // The tier configuration turns the grade into an incentive or penalty (decision record 048).
    await applyIncentives(tx, actor, finalised!);
    await notify(tx, {
      userIds: await partnerUserIds(tx, review.partnerId),
      template: 'notify.review_finalised',
      params: { quarter: review.quarter, decision: review.decision },
      link: `/p/reviews/${review.id}`,
      email: 'reviews',
    });
    return finalised!;
  });
}
