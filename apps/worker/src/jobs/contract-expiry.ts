import { runContractExpiry } from '@outpost/core';
import { todayInChina } from '@outpost/i18n';
import type { JobContext } from './context.ts';

/**
 * The daily contract job: expiring and expired states, and the 90/60/30-day reminders before a
 * term ends and before its notice deadline. Core claims each reminder before sending it, so a
 * retried or repeated run sends nothing twice.
 */
export function checkContractExpiry({ db }: JobContext, now = new Date()) {
  return runContractExpiry(db, todayInChina(now));
}
