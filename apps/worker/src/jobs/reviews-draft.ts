import { draftQuarterlyReviews, previousQuarter, systemActor } from '@outpost/core';
import type { JobContext } from './context.ts';

/**
 * Drafts the reviews of the quarter that just ended for every active partner. Core's
 * unique (partner, quarter) index makes reruns harmless, which is why the schedule runs on
 * each of the quarter's first days: a worker that was down on the 1st catches up.
 */
export function draftReviews({ db }: JobContext, now = new Date()) {
  return draftQuarterlyReviews(db, previousQuarter(now), systemActor('reviews-draft'), now);
}
