import { runTrainingReminders, runTrainingSlackDigest } from '@outpost/core';
import type { JobContext } from './context.ts';

/**
 * The daily training reminders (14 and 3 days before a due date) and the partner administrators'
 * overdue digest. Core claims each one in training_reminders_sent before sending it, so a rerun
 * or a retry sends nothing twice.
 */
export function remindTraining({ db }: JobContext, now = new Date()) {
  return runTrainingReminders(db, now);
}

/** The weekly digest to the risk channel of partners below the training compliance threshold. */
export function postTrainingDigest({ db }: JobContext, now = new Date()) {
  return runTrainingSlackDigest(db, now);
}
