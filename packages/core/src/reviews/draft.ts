import { type Database, partners, quarterlyReviews } from '@outpost/db';
import { and, eq } from 'drizzle-orm';
import { type Actor, systemActor } from '../actor.ts';
import { audit } from '../audit.ts';
import { AppError } from '../errors.ts';
import { notify, RISK_CHANNEL } from '../notifications.ts';
import { assertCan } from '../permissions.ts';
import { formatPeriod } from '../performance/periods.ts';
import { parseQuarter, quarterHasEnded } from './quarters.ts';
import { lowestPercentile, quarterSnapshots } from './snapshot.ts';

export interface DraftResult {
  quarter: string;
  created: number;
  existing: number;
}

/**
 * Drafts a review of `quarter` for every active partner from its scorecard, freezing the
 * scorecard into the review. Idempotent: the unique (partner, quarter) index makes a rerun
 * (the job retried, staff pressing the button twice, two workers) create nothing twice.
 * Risk officers are told (inbox and the risk Slack channel) only when something new was drafted.
 */
export async function draftQuarterlyReviews(
  db: Database,
  quarter: string,
  actor: Actor = systemActor('reviews-draft'),
  now = new Date(),
): Promise<DraftResult> {
  assertCan(actor, 'manage:reviews');
  const period = parseQuarter(quarter);
  const label = formatPeriod(period);
  if (!quarterHasEnded(period, now)) {
    throw new AppError(
      'conflict',
      `${label} has not ended yet; reviews are drafted once a quarter is over.`,
      {
        messageKey: 'errors.quarter_not_over',
        details: { fields: [{ path: 'quarter', message: 'The quarter has not ended yet.' }] },
      },
    );
  }
  const snapshots = await quarterSnapshots(db, period);
  const active = await db
    .select({ id: partners.id, legalName: partners.legalName })
    .from(partners)
    .where(eq(partners.status, 'active'));

  return db.transaction(async (tx) => {
    let created = 0;
    for (const partner of active) {
      const snapshot = snapshots.get(partner.id);
      if (!snapshot) continue; // became inactive between the two reads
      const [row] = await tx
        .insert(quarterlyReviews)
        .values({
          partnerId: partner.id,
          quarter: label,
          snapshot,
          score: snapshot.score,
          grade: snapshot.grade,
          percentile: lowestPercentile(snapshot),
        })
        .onConflictDoNothing({ target: [quarterlyReviews.partnerId, quarterlyReviews.quarter] })
        .returning({ id: quarterlyReviews.id });
      if (!row) continue;
      created++;
      await audit(tx, actor, {
        action: 'review.drafted',
        entityType: 'quarterly_review',
        entityId: row.id,
        partnerId: partner.id,
        data: { quarter: label, score: snapshot.score, grade: snapshot.grade },
      });
    }
    if (created > 0) {
      await notify(tx, {
        staffRoles: ['risk_officer'],
        template: 'notify.reviews_ready',
        params: { count: created, quarter: label },
        link: `/s/reviews?quarter=${label}&status=draft`,
        slackChannel: RISK_CHANNEL,
      });
    }
    return { quarter: label, created, existing: active.length - created };
  });
}

/** One review row, locked for the change the caller is about to make. */
export async function lockReview(tx: Database, reviewId: string) {
  const [review] = await tx
    .select()
    .from(quarterlyReviews)
    .where(and(eq(quarterlyReviews.id, reviewId)))
    .for('update');
  return review;
}
