import { recordTrainingCompliance } from '@outpost/core';
import { dayInChina } from '@outpost/i18n';
import type { JobContext } from './context.ts';

/**
 * Puts each partner's training compliance of the day into the monthly rollups the scorecard reads.
 * It sets the figure rather than adding to it, so a rerun or two workers on one day change nothing.
 */
export function recordTrainingKpi({ db }: JobContext, now = new Date()) {
  return recordTrainingCompliance(db, dayInChina(now));
}
