import { runRectificationReminders } from '@outpost/core';
import type { JobContext } from './context.ts';

/**
 * The daily reminder of rectification items coming due (a week and a day before).
 * Core claims each reminder on the item before sending it, so a retried or repeated
 * run sends nothing twice.
 */
export function remindRectifications({ db }: JobContext, now = new Date()) {
  return runRectificationReminders(db, now);
}
