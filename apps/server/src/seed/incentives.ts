import { applyIncentives, previousQuarter, saveTierSet } from '@outpost/core';
import { quarterlyReviews, serviceCategories } from '@outpost/db';
import { and, eq, inArray } from 'drizzle-orm';
import { type SeedContext, staffActor } from './context.ts';

const quarterBefore = (quarter: string) => {
  const [year, q] = quarter.split('-Q').map(Number) as [number, number];
  return q === 1 ? `${year - 1}-Q4` : `${year}-Q${q - 1}`;
};

/**
 * Incentives and penalties in the first-run demo (decision record 048): grade tiers for every
 * service category (the same five steps, approval above ¥20,000 by the administrator and the risk
 * officer), applied to the quarter before last's finalised reviews — so there are rewards,
 * penalties, a record on hold under the open appeal and grade-A bonuses (5 % of the quarter's
 * fees, above the threshold) awaiting approval in Slack, and an allocation table per category for
 * the quarter after. Runs last: it reads the contracts in force for the fee base.
 */
export async function seedIncentives(context: SeedContext): Promise<void> {
  const { db } = context;
  const risk = staffActor(context, 'risk@outpost.test');
  const approverIds = ['admin@outpost.test', 'risk@outpost.test'].map((email) => {
    const actor = staffActor(context, email);
    if (actor.type !== 'staff') throw new Error('seed: approvers are staff');
    return actor.userId;
  });
  for (const serviceCategory of serviceCategories) {
    await saveTierSet(db, risk, {
      serviceCategory,
      basis: 'grade',
      baseAnnualFeeCents: 200_000_000,
      approvalThresholdCents: 2_000_000,
      approverIds,
      tiers: [
        {
          name: '卓越',
          grades: ['A'],
          bonusPercentOfFees: 5,
          businessWeight: 1.5,
          routingPriority: true,
          recognition: true,
        },
        { name: '良好', grades: ['B'], bonusCents: 1_000_000, businessWeight: 1.2 },
        { name: '合格', grades: ['C'], businessWeight: 1 },
        {
          name: '待改进',
          grades: ['D'],
          deductionPercentOfFees: 1,
          businessWeight: 0.7,
          rectification: true,
        },
        {
          name: '不合格',
          grades: ['E'],
          deductionPercentOfFees: 3,
          businessWeight: 0,
          terminationReview: true,
        },
      ],
    });
  }
  const quarter = quarterBefore(previousQuarter(context.now));
  const reviews = await db
    .select()
    .from(quarterlyReviews)
    .where(
      and(
        eq(quarterlyReviews.quarter, quarter),
        inArray(quarterlyReviews.status, ['finalised', 'acknowledged', 'appealed', 'appeal_upheld']),
      ),
    );
  // As if each had been finalised with the tiers in force: the same code path, in a transaction each.
  for (const review of reviews) {
    await db.transaction((tx) => applyIncentives(tx, risk, review));
  }
}
