import { runSupervisionReminders } from '@outpost/core';
import type { JobContext } from './context.ts';

/**
 * The daily reminder of supervision tasks coming due (decision record 053): each open task's
 * owner once per due date. Core claims the reminder on the task before sending it, so two
 * workers or a retried run send it once.
 */
export function remindSupervisionTasks({ db }: JobContext, now = new Date()) {
  return runSupervisionReminders(db, now);
}
