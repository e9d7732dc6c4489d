import { runTerminationsDue, runTerminationTaskReminders } from '@outpost/core';
import type { JobContext } from './context.ts';

/**
 * Closes the access of partners whose termination takes effect today (decision record 049).
 * Core claims each case with SKIP LOCKED and re-reads its status, so a second worker or a
 * retried run completes nothing twice; a run that missed a day catches up on the next.
 */
export function revokeTerminatedAccess({ db }: JobContext, now = new Date()) {
  return runTerminationsDue(db, now);
}

/** The daily reminder of exit checklist tasks due within two days and overdue ones, each once. */
export function remindTerminationTasks({ db }: JobContext, now = new Date()) {
  return runTerminationTaskReminders(db, now);
}
