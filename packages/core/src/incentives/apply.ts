import {
  contracts,
  contractVersions,
  type Database,
  type IncentiveTier,
  type IncentiveTierSet,
  incentiveRecords,
  partners,
  type QuarterlyReview,
  type serviceCategories,
} from '@outpost/db';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { personId } from '../reviews/members.ts';
import { refreshAllocation } from './allocation.ts';
import { queueIncentiveBallots, queueIncentiveRefresh } from './messages.ts';
import { tierFor, tierKind, tierSetInForce } from './tiers.ts';

type Category = (typeof serviceCategories)[number];

/** Contracts that are in force (their annual value is what the partner is paid now). */
const IN_FORCE = ['active', 'expiring', 'renewed'] as const;

/**
 * The quarter's fees a share-based bonus or deduction is taken of: a quarter of the annual value
 * of the partner's contract in force for the category (the most recently started one, if several),
 * or, with no contract, a quarter of the category's configured base. The record says which.
 */
export async function quarterFeeBase(
  tx: Database,
  partnerId: string,
  category: Category,
  set: Pick<IncentiveTierSet, 'baseAnnualFeeCents'>,
) {
  const [row] = await tx
    .select({ id: contracts.id, reference: contracts.reference, terms: contractVersions.terms })
    .from(contracts)
    .innerJoin(
      contractVersions,
      and(
        eq(contractVersions.contractId, contracts.id),
        eq(contractVersions.version, contracts.currentVersion),
      ),
    )
    .where(
      and(
        eq(contracts.partnerId, partnerId),
        eq(contracts.serviceCategory, category),
        inArray(contracts.status, [...IN_FORCE]),
      ),
    )
    .orderBy(desc(sql`${contractVersions.terms}->>'startDate'`))
    .limit(1);
  if (row) {
    return {
      feeBasis: 'contract' as const,
      annualCents: row.terms.annualValueCents,
      quarterFeeCents: Math.round(row.terms.annualValueCents / 4),
      contractId: row.id,
      contractReference: row.reference,
    };
  }
  return {
    feeBasis: 'configured' as const,
    annualCents: set.baseAnnualFeeCents,
    quarterFeeCents: Math.round(set.baseAnnualFeeCents / 4),
    contractId: null,
    contractReference: null,
  };
}

/** Bonus minus deduction for the quarter, in cents: fixed amounts plus shares of the quarter's fees. */
export function tierAmountCents(tier: IncentiveTier, quarterFeeCents: number): number {
  const share = (percent: number | undefined) => Math.round((quarterFeeCents * (percent ?? 0)) / 100);
  return (
    (tier.bonusCents ?? 0) +
    share(tier.bonusPercentOfFees) -
    (tier.deductionCents ?? 0) -
    share(tier.deductionPercentOfFees)
  );
}

/**
 * Applies the tiers in force to a review that was just finalised, or whose appeal was upheld
 * (inside that transaction): one record per partner, quarter and service category with a tier
 * configuration. A review under appeal holds its record; an amount above the threshold waits for
 * the approvers (Slack ballots queued); otherwise it is applied. Applying again (a new round)
 * replaces the record's figures and forgets the earlier round's decisions, which stay audited.
 */
export async function applyIncentives(tx: Database, actor: Actor, review: QuarterlyReview) {
  const [partner] = await tx
    .select({ id: partners.id, legalName: partners.legalName, serviceCategories: partners.serviceCategories })
    .from(partners)
    .where(eq(partners.id, review.partnerId));
  if (!partner) return [];
  const applied = [];
  for (const category of partner.serviceCategories) {
    const set = await tierSetInForce(tx, category);
    if (!set) continue;
    const tier = tierFor(set, review);
    if (!tier) continue;
    const fee = await quarterFeeBase(tx, partner.id, category, set);
    const amountCents = tierAmountCents(tier, fee.quarterFeeCents);
    const status =
      review.status === 'appealed'
        ? ('on_hold' as const)
        : Math.abs(amountCents) > set.approvalThresholdCents
          ? ('pending_approval' as const)
          : ('applied' as const);
    const values = {
      reviewId: review.id,
      tierSetId: set.id,
      tierSetVersion: set.version,
      tierName: tier.name,
      tier,
      kind: tierKind(tier),
      score: review.score,
      grade: review.grade,
      amountCents,
      feeBasis: fee.feeBasis,
      quarterFeeCents: fee.quarterFeeCents,
      contractId: fee.contractId,
      contractReference: fee.contractReference,
      status,
      approverIds: status === 'pending_approval' ? set.approverIds : [],
      rejectReason: null,
      decidedAt: status === 'applied' ? new Date() : null,
      appliedBy: personId(actor),
      updatedAt: new Date(),
    };
    const [record] = await tx
      .insert(incentiveRecords)
      .values({ partnerId: partner.id, quarter: review.quarter, serviceCategory: category, ...values })
      .onConflictDoUpdate({
        target: [incentiveRecords.partnerId, incentiveRecords.quarter, incentiveRecords.serviceCategory],
        set: { ...values, round: sql`${incentiveRecords.round} + 1` },
      })
      .returning();
    await audit(tx, actor, {
      action: 'incentive.applied',
      entityType: 'incentive_record',
      entityId: record!.id,
      partnerId: partner.id,
      data: {
        reviewId: review.id,
        quarter: review.quarter,
        serviceCategory: category,
        tierSetVersion: set.version,
        tier: tier.name,
        kind: record!.kind,
        score: review.score,
        grade: review.grade,
        amountCents,
        feeBasis: fee.feeBasis,
        quarterFeeCents: fee.quarterFeeCents,
        contractId: fee.contractId,
        status,
        round: record!.round,
      },
    });
    if (status === 'pending_approval') {
      await queueIncentiveBallots(tx, record!, partner.legalName, set.approverIds);
    }
    await queueIncentiveRefresh(tx, record!.id);
    await refreshAllocation(tx, actor, category, review.quarter);
    applied.push(record!);
  }
  return applied;
}

/**
 * The review's records change together with it: `on_hold` when the partner appeals (its appeal
 * covers them), `withdrawn` when the appeal overturned the review (finalising it again applies the
 * tiers anew). Each change is audited and the allocation recomputed.
 */
export async function setReviewIncentivesStatus(
  tx: Database,
  actor: Actor,
  review: QuarterlyReview,
  status: 'on_hold' | 'withdrawn',
) {
  const records = await tx
    .update(incentiveRecords)
    .set({ status, updatedAt: new Date() })
    .where(eq(incentiveRecords.reviewId, review.id))
    .returning();
  for (const record of records) {
    await audit(tx, actor, {
      action: status === 'on_hold' ? 'incentive.held' : 'incentive.withdrawn',
      entityType: 'incentive_record',
      entityId: record.id,
      partnerId: record.partnerId,
      data: { reviewId: review.id, quarter: record.quarter, round: record.round },
    });
    await queueIncentiveRefresh(tx, record.id);
    await refreshAllocation(tx, actor, record.serviceCategory, record.quarter);
  }
  return records;
}
