import { runRemediationTaskReminders } from '@outpost/core';
import type { JobContext } from './context.ts';

/**
 * The daily reminder of remediation tasks due within two days and of overdue ones. Core claims
 * each reminder on the task before sending it, so a retried or repeated run sends nothing twice.
 */
export function remindRemediationTasks({ db }: JobContext, now = new Date()) {
  return runRemediationTaskReminders(db, now);
}
