import { remindDueExitPlans } from '@outpost/core';
import type { JobContext } from './context.ts';

/**
 * The daily reminder of exit plans due for their yearly review (decision record 050). Core claims
 * each reminder on the plan (`reminded_for` = the due date) before sending it, so a repeated run
 * or a second worker sends it once per due date.
 */
export function remindExitPlans({ db }: JobContext, now = new Date()) {
  return remindDueExitPlans(db, now);
}
