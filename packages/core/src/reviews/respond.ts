import { appealOutcomes, type Database, partners, quarterlyReviews } from '@outpost/db';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError, notFound } from '../errors.ts';
import { notify, RISK_CHANNEL } from '../notifications.ts';
import { assertPartnerActive } from '../partner-status.ts';
import { assertCan } from '../permissions.ts';
import { isUuid, parse } from '../validation.ts';
import { applyIncentives, setReviewIncentivesStatus } from '../incentives/apply.ts';
import { lockReview } from './draft.ts';
import { partnerName, partnerUserIds, personId, respondingPartner } from './members.ts';

/** The partner answering: a partner administrator of the review's own organisation. */
const answeringPartner = (actor: Actor) => respondingPartner(actor, 'Only the partner answers its review.');

/** A finalised review of the actor's own organisation, locked; anything else is "not found" or a conflict. */
async function ownFinalisedReview(tx: Database, partnerId: string, reviewId: string) {
  if (!isUuid(reviewId)) throw notFound('Review');
  const review = await lockReview(tx, reviewId);
  if (!review || review.partnerId !== partnerId || review.status === 'draft') throw notFound('Review');
  if (review.status !== 'finalised') {
    throw new AppError('conflict', 'This review is not waiting for the partner’s answer.', {
      messageKey: 'errors.review_not_finalised',
    });
  }
  return review;
}

/** The partner accepts the finalised review. */
export async function acknowledgeReview(db: Database, actor: Actor, reviewId: string) {
  const partnerId = answeringPartner(actor);
  await assertPartnerActive(db, actor);
  return db.transaction(async (tx) => {
    const review = await ownFinalisedReview(tx, partnerId, reviewId);
    const [updated] = await tx
      .update(quarterlyReviews)
      .set({
        status: 'acknowledged',
        acknowledgedBy: personId(actor),
        acknowledgedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(quarterlyReviews.id, review.id))
      .returning();
    await audit(tx, actor, {
      action: 'review.acknowledged',
      entityType: 'quarterly_review',
      entityId: review.id,
      partnerId,
      data: { quarter: review.quarter, decision: review.decision },
    });
    await notify(tx, {
      staffRoles: ['risk_officer'],
      template: 'notify.review_acknowledged',
      params: { name: await partnerName(tx, partnerId), quarter: review.quarter },
      link: `/s/reviews/${review.id}`,
    });
    return updated!;
  });
}

export const appealInput = z.object({
  reviewId: z.string(),
  reason: z.string().trim().min(10, 'Explain the appeal in at least 10 characters.').max(5000),
});

/** The partner appeals once, with a reason; the risk officers' Slack channel hears about it. */
export async function appealReview(db: Database, actor: Actor, raw: z.input<typeof appealInput>) {
  const partnerId = answeringPartner(actor);
  // An appeal stays open while suspended: it is how a partner contests the review that suspended it.
  const input = parse(appealInput, raw);
  return db.transaction(async (tx) => {
    const review = await ownFinalisedReview(tx, partnerId, input.reviewId);
    if (review.appealOutcome) {
      throw new AppError('conflict', 'This review has already been appealed once.', {
        messageKey: 'errors.review_already_appealed',
      });
    }
    const [updated] = await tx
      .update(quarterlyReviews)
      .set({
        status: 'appealed',
        appealReason: input.reason,
        appealedBy: personId(actor),
        appealedAt: new Date(),
        updatedAt: new Date(),
      })
      .where(eq(quarterlyReviews.id, review.id))
      .returning();
    await audit(tx, actor, {
      action: 'review.appealed',
      entityType: 'quarterly_review',
      entityId: review.id,
      partnerId,
      data: { quarter: review.quarter, decision: review.decision, reason: input.reason },
    });
    // The appeal covers the review's incentive records: they wait for its outcome.
    await setReviewIncentivesStatus(tx, actor, updated!, 'on_hold');
    await notify(tx, {
      staffRoles: ['risk_officer'],
      template: 'notify.review_appealed',
      params: { name: await partnerName(tx, partnerId), quarter: review.quarter, reason: input.reason },
      link: `/s/reviews/${review.id}`,
      slackChannel: RISK_CHANNEL,
    });
    return updated!;
  });
}

export const answerAppealInput = z.object({
  reviewId: z.string(),
  outcome: z.enum(appealOutcomes),
  response: z.string().trim().min(10, 'Answer the partner in at least 10 characters.').max(5000),
});

/**
 * Staff answer an appeal. Upheld: the decision stands and the review is closed. Overturned:
 * the review goes back to draft for staff to revise and finalise again, and a suspension it
 * caused is lifted. Both the partner and the risk officers are told.
 */
export async function answerAppeal(db: Database, actor: Actor, raw: z.input<typeof answerAppealInput>) {
  assertCan(actor, 'manage:reviews');
  const input = parse(answerAppealInput, raw);
  if (!isUuid(input.reviewId)) throw notFound('Review');
  return db.transaction(async (tx) => {
    const review = await lockReview(tx, input.reviewId);
    if (!review) throw notFound('Review');
    if (review.status !== 'appealed') {
      throw new AppError('conflict', 'This review has no open appeal.', {
        messageKey: 'errors.review_not_appealed',
      });
    }
    const overturned = input.outcome === 'overturned';
    const [updated] = await tx
      .update(quarterlyReviews)
      .set({
        status: overturned ? 'draft' : 'appeal_upheld',
        appealOutcome: input.outcome,
        appealResponse: input.response,
        appealAnsweredBy: personId(actor),
        appealAnsweredAt: new Date(),
        ...(overturned ? { finalisedAt: null, finalisedBy: null } : {}),
        updatedAt: new Date(),
      })
      .where(eq(quarterlyReviews.id, review.id))
      .returning();
    await audit(tx, actor, {
      action: 'review.appeal_answered',
      entityType: 'quarterly_review',
      entityId: review.id,
      partnerId: review.partnerId,
      data: { quarter: review.quarter, outcome: input.outcome, response: input.response },
    });
    // Upheld: the tiers apply again to the review as it stands; overturned: withdrawn until re-finalised.
    if (overturned) await setReviewIncentivesStatus(tx, actor, updated!, 'withdrawn');
    else await applyIncentives(tx, actor, updated!);
    const [partner] = await tx
      .select({ id: partners.id, legalName: partners.legalName, status: partners.status })
      .from(partners)
      .where(eq(partners.id, review.partnerId))
      .for('update');
    if (overturned && review.decision === 'suspension' && partner?.status === 'suspended') {
      await tx
        .update(partners)
        .set({
          status: 'active',
          suspensionReason: null,
          suspendedAt: null,
          statusBeforeSuspension: null,
          updatedAt: new Date(),
        })
        .where(eq(partners.id, partner.id));
      await audit(tx, actor, {
        action: 'partner.status_changed',
        entityType: 'partner',
        entityId: partner.id,
        partnerId: partner.id,
        data: { from: 'suspended', to: 'active', reason: 'review_appeal_overturned', reviewId: review.id },
      });
    }
    const params = { name: partner?.legalName ?? '', quarter: review.quarter, outcome: input.outcome };
    await notify(tx, {
      userIds: await partnerUserIds(tx, review.partnerId),
      template: 'notify.review_appeal_answered',
      params,
      // An overturned review is back in draft, which the partner cannot open until it is final again.
      link: overturned ? '/p/reviews' : `/p/reviews/${review.id}`,
    });
    await notify(tx, {
      staffRoles: ['risk_officer'],
      template: 'notify.review_appeal_answered',
      params,
      link: `/s/reviews/${review.id}`,
    });
    return updated!;
  });
}
