import { type Database, quarterlyReviews } from '@outpost/db';
import { and, eq } from 'drizzle-orm';
import type { Actor } from '../actor.ts';
import { audit } from '../audit.ts';
import { assertCan } from '../permissions.ts';
import { formatPeriod } from '../performance/periods.ts';
import { parseQuarter } from './quarters.ts';
import { lowestPercentile, quarterSnapshots } from './snapshot.ts';

/**
 * Re-freezes the scorecard of a quarter's reviews still in draft (decision record 047): a review
 * drafted before the partner's contracts were in force (or before late rollups arrived) carries a
 * snapshot without them. Only drafts change — a finalised review keeps what it was decided on.
 * Each changed review is audited (score and grade before and after) in the same transaction.
 */
export async function refreshDraftReviewSnapshots(db: Database, actor: Actor, quarter: string) {
  assertCan(actor, 'manage:reviews');
  const period = parseQuarter(quarter);
  const label = formatPeriod(period);
  const snapshots = await quarterSnapshots(db, period);
  return db.transaction(async (tx) => {
    const drafts = await tx
      .select()
      .from(quarterlyReviews)
      .where(and(eq(quarterlyReviews.quarter, label), eq(quarterlyReviews.status, 'draft')))
      .for('update');
    let refreshed = 0;
    for (const review of drafts) {
      const snapshot = snapshots.get(review.partnerId);
      if (!snapshot || canonical(snapshot) === canonical(review.snapshot)) continue;
      await tx
        .update(quarterlyReviews)
        .set({
          snapshot,
          score: snapshot.score,
          grade: snapshot.grade,
          percentile: lowestPercentile(snapshot),
          updatedAt: new Date(),
        })
        .where(eq(quarterlyReviews.id, review.id));
      await audit(tx, actor, {
        action: 'review.snapshot_refreshed',
        entityType: 'quarterly_review',
        entityId: review.id,
        partnerId: review.partnerId,
        data: {
          quarter: label,
          before: { score: review.score, grade: review.grade },
          after: { score: snapshot.score, grade: snapshot.grade },
          contractExecution: snapshot.contractExecution?.deviation ?? null,
        },
      });
      refreshed += 1;
    }
    return { quarter: label, refreshed };
  });
}

/** JSON with its keys sorted: PostgreSQL's jsonb does not keep the order they were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)))
      : v,
  );
}
